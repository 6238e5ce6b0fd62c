import { describe, expect, it } from 'vitest';
import {
  parseAttrPath,
  parsePatchPath,
  printFilter,
  resolvePath,
  ScimError,
} from '../../packages/runtime/src/index.js';
import { userResourceType } from '../../examples/acme-models/src/descriptors/index.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('attribute and PATCH paths (RFC 7644 §3.5.2)', () => {
  it.each([
    ['userName', 'userName'],
    ['NAME.GIVENNAME', 'name.givenName'],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName', 'userName'],
    [`${ENTERPRISE}:manager.value`, `${ENTERPRISE}:manager.value`],
    [`${ENTERPRISE.toUpperCase()}:EMPLOYEENUMBER`, `${ENTERPRISE}:employeeNumber`],
    [`${ENTERPRISE}.employeeNumber`, `${ENTERPRISE}:employeeNumber`],
    [`${ENTERPRISE}.manager.value`, `${ENTERPRISE}:manager.value`],
    ['meta.lastModified', 'meta.lastModified'],
    ['schemas', 'schemas'],
  ])('%s resolves to %s', (text, canonical) => {
    expect(resolvePath(userResourceType, parseAttrPath(text), 'invalidPath').canonical).toBe(canonical);
  });

  it('parses value paths with a sub-attribute', () => {
    const path = parsePatchPath('emails[type eq "work" and primary eq true].value');
    expect(path.path.segments).toEqual(['emails']);
    expect(printFilter(path.filter!)).toBe('type eq "work" and primary eq true');
    expect(path.subAttribute).toBe('value');
    expect(parsePatchPath(`members[value eq "2819c223"]`)).toMatchObject({
      subAttribute: undefined,
      start: 0,
      end: 28,
    });
  });

  it.each([
    ['', 'expected an attribute path, found the end of the filter at character 1'],
    ['name..givenName', '"name..givenName" is not a valid attribute path at character 1'],
    ['emails[type eq "work"]value', 'expected ".subAttribute" after "]", found "value" at character 23'],
    ['emails[type eq "work"].', 'expected ".subAttribute" after "]", found "." at character 23'],
    ['emails[type eq "work"', 'expected a closing "]", found the end of the filter at character 22'],
    ['userName eq "x"', 'expected "and", "or" or the end of the filter, found "eq" at character 10'],
  ])('rejects the PATCH path %j with 400 invalidPath', (text, detail) => {
    try {
      parsePatchPath(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScimError);
      expect([(error as ScimError).scimType, (error as ScimError).detail]).toEqual(['invalidPath', detail]);
    }
  });

  it.each([
    ['nosuch', 'unknown attribute "nosuch" at character 1'],
    ['userName.first', '"userName" has no sub-attributes at character 1'],
    ['urn:example:other:2.0:Thing:x', 'unknown schema "urn:example:other:2.0:Thing" at character 1'],
  ])('resolving %j fails with the scimType the caller asks for', (text, detail) => {
    try {
      resolvePath(userResourceType, parseAttrPath(text), 'invalidPath');
      expect.unreachable();
    } catch (error) {
      expect([(error as ScimError).status, (error as ScimError).scimType, (error as ScimError).detail]).toEqual([
        400,
        'invalidPath',
        detail,
      ]);
    }
  });
});
