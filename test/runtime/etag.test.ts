import { describe, expect, it } from 'vitest';
import {
  checkIfMatch,
  etagFromVersion,
  isNotModified,
  parseEntityTags,
  ScimError,
} from '../../packages/runtime/src/index.js';

describe('ETags (RFC 7644 §3.14)', () => {
  it('makes weak ETags from versions', () => {
    expect(etagFromVersion(3)).toBe('W/"3"');
    expect(etagFromVersion('a"b')).toBe('W/"a\\"b"');
  });

  it.each([
    ['W/"1", "2" ,W/"3"', ['W/"1"', '"2"', 'W/"3"']],
    ['*', ['*']],
    ['"a,b"', ['"a,b"']],
  ])('parses %j', (header, tags) => {
    expect(parseEntityTags(header)).toEqual(tags);
  });

  it.each([
    [undefined, 'W/"3"'],
    ['W/"3"', 'W/"3"'],
    ['"3"', 'W/"3"'],
    ['W/"1", W/"3"', 'W/"3"'],
    ['*', 'W/"3"'],
  ])('If-Match %j passes against %j', (header, current) => {
    expect(() => checkIfMatch(header, current)).not.toThrow();
  });

  it.each([
    ['W/"2"', 'W/"3"', 'the resource version is W/"3"; If-Match asked for W/"2"'],
    ['*', undefined, 'the resource version does not exist; If-Match asked for *'],
  ])('If-Match %j against %j is 412', (header, current, detail) => {
    try {
      checkIfMatch(header, current);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScimError);
      expect((error as ScimError).toJSON()).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '412',
        detail,
      });
    }
  });

  it('If-None-Match answers 304 only for a current copy', () => {
    expect(isNotModified('W/"3"', 'W/"3"')).toBe(true);
    expect(isNotModified('W/"2"', 'W/"3"')).toBe(false);
    expect(isNotModified(undefined, 'W/"3"')).toBe(false);
  });
});
