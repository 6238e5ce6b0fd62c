import { describe, expect, it } from 'vitest';
import { generate, type GenerateOptions } from '../generator/src/index.js';
import type { IrAttribute, IrDocument } from '../generator/src/index.js';
import { REPO_ROOT } from './helpers/fs.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
type Rules = NonNullable<NonNullable<GenerateOptions['server']>['resourceTypes']>;

const generateWith = (resourceTypes: Rules) =>
  generate({
    schemas: ['scimgen:rfc7643', 'scimgen:rfc7643-resource-types'],
    out: 'out',
    cwd: REPO_ROOT,
    configFile: 'scimgen.config.ts',
    server: { framework: 'node', resourceTypes },
  });

function attribute(ir: IrDocument, schemaId: string, path: string): IrAttribute | undefined {
  const [name, sub] = path.split('.');
  const top = ir.schemas.find((s) => s.id === schemaId)!.attributes.find((a) => a.name === name);
  return sub === undefined ? top : top?.subAttributes.find((a) => a.name === sub);
}

describe("a server target's attribute rules", () => {
  it('makes required what the service provider requires, with the parent of a sub-attribute', async () => {
    const result = await generateWith({ User: { required: ['name.givenName', `${ENTERPRISE}:employeeNumber`] } });
    const ir = result.ir!;
    const user = 'urn:ietf:params:scim:schemas:core:2.0:User';
    expect(attribute(ir, user, 'name')?.required).toBe(true);
    expect(attribute(ir, user, 'name.givenName')?.required).toBe(true);
    expect(attribute(ir, user, 'name.familyName')?.required).toBe(false);
    expect(attribute(ir, ENTERPRISE, 'employeeNumber')?.required).toBe(true);
    // The published schema says so too.
    const definitions = result.files.find((f) => f.path === 'src/definitions/schemas.ts')!.contents;
    expect(definitions).toMatch(
      /name: 'givenName',\s+type: 'string',\s+multiValued: false,\s+description:\s+"[^"]*",\s+required: true,/,
    );
  });

  it('leaves out what the service provider does not keep', async () => {
    const ir = (await generateWith({ User: { ignored: ['displayName', 'name.middleName', `${ENTERPRISE}:manager`] } }))
      .ir!;
    const user = 'urn:ietf:params:scim:schemas:core:2.0:User';
    expect(attribute(ir, user, 'displayName')).toBeUndefined();
    expect(attribute(ir, user, 'name.middleName')).toBeUndefined();
    expect(attribute(ir, user, 'name.givenName')).toBeDefined();
    expect(attribute(ir, ENTERPRISE, 'manager')).toBeUndefined();
    expect(attribute(ir, ENTERPRISE, 'department')).toBeDefined();
  });

  it.each<[string, Rules, string, string]>([
    [
      'a resource type no input defines',
      { Person: { required: ['userName'] } },
      '/server/resourceTypes/Person',
      'no resource type "Person" in these schemas',
    ],
    [
      'an attribute the type lacks',
      { User: { required: ['nickname.first'] } },
      '/server/resourceTypes/User/required/0',
      '"nickname.first" names no attribute',
    ],
    [
      'a sub-attribute the attribute lacks',
      { User: { ignored: ['name.nickName'] } },
      '/server/resourceTypes/User/ignored/0',
      '(name has formatted, familyName, givenName, middleName, honorificPrefix, honorificSuffix)',
    ],
    [
      'a path three levels deep',
      { User: { required: ['name.givenName.first'] } },
      '/server/resourceTypes/User/required/0',
      'is not an attribute path',
    ],
    [
      'an extension the type does not list',
      { Group: { required: [`${ENTERPRISE}:manager`] } },
      '/server/resourceTypes/Group/required/0',
      'names no attribute of urn:ietf:params:scim:schemas:core:2.0:Group',
    ],
    [
      'a readOnly attribute required',
      { User: { required: ['groups'] } },
      '/server/resourceTypes/User/required/0',
      'groups is readOnly: a client cannot send it',
    ],
    [
      'an attribute the schema requires ignored',
      { User: { ignored: ['userName'] } },
      '/server/resourceTypes/User/ignored/0',
      'userName is required by the schema, so it cannot be ignored',
    ],
    [
      'an allowedValues path the type lacks',
      { User: { allowedValues: { [`${ENTERPRISE}:branch`]: { file: 'b.json' } } } },
      `/server/resourceTypes/User/allowedValues/${ENTERPRISE}:branch`,
      'names no attribute of urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ],
    [
      'a reference to a resource type that is not there',
      { User: { references: { [`${ENTERPRISE}:manager`]: 'Person' } } },
      `/server/resourceTypes/User/references/${ENTERPRISE}:manager`,
      'refers to "Person", no resource type here',
    ],
  ])('refuses %s as SCIM403 on the config, writing nothing', async (_name, rules, pointer, message) => {
    const result = await generateWith(rules);
    expect(result.files).toEqual([]);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ code: 'SCIM403', file: 'scimgen.config.ts', pointer })]);
    expect(errors[0]!.message).toContain(message);
  });

  it('passes the behaviours to the generated registry and leaves the rules out of it', async () => {
    const result = await generate({
      schemas: ['scimgen:rfc7643', 'scimgen:rfc7643-resource-types'],
      out: 'out',
      cwd: REPO_ROOT,
      server: {
        framework: 'node',
        bulk: false,
        unknownAttributes: 'reject',
        resourceTypes: {
          Group: { create: false, createOnLookup: { key: 'displayName' }, exclusiveMembers: true },
          User: { delete: 'deactivate', permanentDeactivation: true, required: ['name.givenName'] },
        },
      },
    });
    const registry = result.files.find((f) => f.path === 'src/server/registry.ts')!.contents;
    expect(registry).toContain(
      "bind(groupDefinition, new GroupHandler(), {\n      create: false,\n      createOnLookup: {\n        key: 'displayName',\n      },\n      exclusiveMembers: true,\n    }),",
    );
    expect(registry).toContain(
      "bind(userDefinition, new UserHandler(), {\n      delete: 'deactivate',\n      permanentDeactivation: true,\n    }),",
    );
    expect(registry).toContain(
      "    ...configuredOptions(settings, {\n      bulk: false,\n      unknownAttributes: 'reject',\n    }),\n",
    );
    expect(registry).not.toContain('givenName');
  });
});
