import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildIr,
  generate,
  generateFromDocuments,
  loadSchemaDocuments,
  loadSchemaFiles,
  viewNodes,
  type IrAttribute,
  type IrDocument,
} from '../generator/src/index.js';
import { compileInMemory } from './helpers/compile.js';
import { REPO_ROOT, tempDir } from './helpers/fs.js';

async function coreIr(): Promise<IrDocument> {
  const load = await loadSchemaFiles(['schemas/core', 'schemas/resource-types'], { cwd: REPO_ROOT });
  return buildIr(load);
}

function find(attributes: readonly IrAttribute[], name: string): IrAttribute {
  const found = attributes.find((a) => a.name === name);
  if (!found) throw new Error(`no attribute ${name}`);
  return found;
}

describe('intermediate representation', () => {
  it('makes every RFC 7643 §2.2 default explicit', () => {
    const load = loadSchemaDocuments([
      {
        file: 'w.json',
        text: JSON.stringify({
          id: 'urn:x:Widget',
          name: 'Widget',
          attributes: [{ name: 'label' }, { name: 'key', type: 'binary' }],
        }),
      },
    ]);
    const [label, key] = buildIr(load).schemas[0]!.attributes;
    expect(label).toMatchObject({
      type: 'string',
      multiValued: false,
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
      canonicalValues: [],
      referenceTypes: [],
      subAttributes: [],
      source: { file: 'w.json', pointer: '/attributes/0' },
    });
    // binary is case exact by definition (RFC 7643 §2.3.6).
    expect(key!.caseExact).toBe(true);
  });

  it('is deeply frozen', async () => {
    const ir = await coreIr();
    const userName = find(ir.schemas.find((s) => s.name === 'User')!.attributes, 'userName');
    expect(Object.isFrozen(ir)).toBe(true);
    expect(Object.isFrozen(userName)).toBe(true);
    expect(() => {
      (userName as { required: boolean }).required = false;
    }).toThrow(TypeError);
  });

  it('survives a JSON round trip unchanged (what --emit-ir writes)', async () => {
    const ir = await coreIr();
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });

  it('keeps source order and JSON pointers', async () => {
    const ir = await coreIr();
    const user = ir.schemas.find((s) => s.name === 'User')!;
    expect(user.attributes.slice(0, 4).map((a) => a.name)).toEqual(['userName', 'name', 'displayName', 'nickName']);
    expect(find(user.attributes, 'emails').source).toEqual({
      file: 'schemas/core/User.json',
      pointer: '/attributes/12',
    });
    expect(find(find(user.attributes, 'name').subAttributes, 'givenName').path).toBe('name.givenName');
  });

  it('orders schemas by id and resource types by name', async () => {
    const ir = await coreIr();
    expect(ir.resourceTypes.map((r) => r.name)).toEqual(['Group', 'User']);
    const ids = ir.schemas.map((s) => s.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('assigns roles: resource, extension, standalone', async () => {
    const ir = await coreIr();
    const roles = Object.fromEntries(ir.schemas.map((s) => [s.name, s.roles]));
    expect(roles).toEqual({
      User: ['resource'],
      Group: ['resource'],
      EnterpriseUser: ['extension'],
      'Service Provider Configuration': ['standalone'],
      ResourceType: ['standalone'],
      Schema: ['standalone'],
    });
  });

  it('adds id, externalId and meta to every resource type and drops a schema’s own declaration of them', () => {
    const load = loadSchemaDocuments([
      {
        file: 'w.json',
        text: JSON.stringify([
          {
            id: 'urn:x:Widget',
            name: 'Widget',
            attributes: [{ name: 'id', type: 'string', required: false }, { name: 'label' }],
          },
          {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
            name: 'Widget',
            endpoint: '/Widgets',
            schema: 'urn:x:Widget',
          },
        ]),
      },
    ]);
    const ir = buildIr(load);
    expect(ir.schemas[0]!.attributes.map((a) => a.name)).toEqual(['label']);
    const common = ir.resourceTypes[0]!.commonAttributes;
    expect(common.map((a) => [a.name, a.mutability, a.returned, a.required])).toEqual([
      ['id', 'readOnly', 'always', true],
      ['externalId', 'readWrite', 'default', false],
      ['meta', 'readOnly', 'default', false],
    ]);
    expect(find(common, 'meta').typeNames).toEqual({
      resource: 'ResourceMeta',
      createRequest: 'ResourceMeta',
      replaceRequest: 'ResourceMeta',
      patchValue: 'ResourceMeta',
    });
  });

  it('derives the views: response without returned-never, requests without readOnly, patch all optional', async () => {
    const ir = await coreIr();
    const user = ir.schemas.find((s) => s.name === 'User')!;
    const names = (view: Parameters<typeof viewNodes>[1]) =>
      viewNodes(user.attributes, view).map((n) => n.attribute.name);
    expect(names('resource')).not.toContain('password');
    expect(names('resource')).toContain('groups');
    expect(names('createRequest')).toContain('password');
    expect(names('createRequest')).not.toContain('groups');
    expect(viewNodes(user.attributes, 'createRequest').find((n) => n.attribute.name === 'userName')!.optional).toBe(
      false,
    );
    expect(viewNodes(user.attributes, 'patchValue').every((n) => n.optional)).toBe(true);
  });

  it('shares a complex type name across views of the same shape and splits it where the shape differs', async () => {
    const ir = await coreIr();
    const user = ir.schemas.find((s) => s.name === 'User')!;
    expect(find(user.attributes, 'name').typeNames).toEqual({
      resource: 'UserName',
      createRequest: 'UserName',
      replaceRequest: 'UserName',
      patchValue: 'UserName',
    });
    const enterprise = ir.schemas.find((s) => s.name === 'EnterpriseUser')!;
    // manager.displayName is readOnly: the request views of manager have a different shape.
    expect(find(enterprise.attributes, 'manager').typeNames).toEqual({
      resource: 'EnterpriseUserManager',
      createRequest: 'EnterpriseUserManagerCreateRequest',
      replaceRequest: 'EnterpriseUserManagerCreateRequest',
      patchValue: 'EnterpriseUserManagerCreateRequest',
    });
    expect(ir.resourceTypes.find((r) => r.name === 'User')!.typeNames).toEqual({
      resource: 'User',
      createRequest: 'UserCreateRequest',
      replaceRequest: 'UserReplaceRequest',
      patchValue: 'UserPatchValue',
    });
  });

  it('gives same-named schemas and resource types distinct identifiers, so no module overwrites another', async () => {
    const rt = (name: string, endpoint: string, schema: string) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      name,
      endpoint,
      schema,
    });
    const documents = [
      {
        file: 'a.json',
        text: JSON.stringify({
          id: 'urn:a:User',
          name: 'User',
          attributes: [{ name: 'x', type: 'complex', subAttributes: [{ name: 'v' }] }],
        }),
      },
      {
        file: 'b.json',
        text: JSON.stringify({
          id: 'urn:b:User',
          name: 'User',
          attributes: [{ name: 'x', type: 'complex', subAttributes: [{ name: 'w' }] }],
        }),
      },
      { file: 'rt.json', text: JSON.stringify([rt('Thing', '/A', 'urn:a:User'), rt('Thing!', '/B', 'urn:b:User')]) },
    ];
    const ir = buildIr(loadSchemaDocuments(documents));
    expect(ir.schemas.map((s) => s.identifier)).toEqual(['User', 'User2']);
    expect(ir.resourceTypes.map((r) => r.identifier)).toEqual(['Thing', 'Thing2']);
    const result = await generateFromDocuments(documents, { out: 'same-names' });
    const paths = result.files.map((f) => f.path).filter((p) => p.startsWith('src/models/'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'src/models/resources/thing.ts',
        'src/models/resources/thing2.ts',
        'src/models/schemas/user.ts',
        'src/models/schemas/user2.ts',
      ]),
    );
    expect(
      compileInMemory(
        Object.fromEntries(result.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.contents])),
      ),
    ).toEqual([]);
  });
});

describe("ConnId's customAttributesJSON", () => {
  it('takes a schema naming the endpoint it extends as an optional extension of that resource type', async () => {
    const lucky = {
      id: 'urn:mem:params:scim:schemas:extension:LuckyNumberExtension',
      name: 'LuckyNumbers',
      description: 'Lucky Numbers',
      endpoint: '/Users',
      attributes: [
        {
          name: 'luckyNumber',
          type: 'integer',
          multiValued: false,
          description: '',
          required: true,
          caseExact: false,
          mutability: 'readWrite',
          returned: 'default',
          uniqueness: 'server',
        },
      ],
    };
    const dir = await tempDir();
    await writeFile(path.join(dir, 'customAttributesJSON.json'), JSON.stringify(lucky));
    const result = await generate({
      schemas: ['scimgen:rfc7643', 'scimgen:rfc7643-resource-types', 'customAttributesJSON.json'],
      out: 'out',
      cwd: dir,
    });
    expect(result.diagnostics.filter((d) => d.code === 'SCIM209' || d.severity === 'error')).toEqual([]);
    const user = result.ir!.resourceTypes.find((rt) => rt.name === 'User')!;
    expect(user.schemaExtensions).toContainEqual({ schema: lucky.id, required: false });
    const model = result.files.find((f) => f.path === 'src/models/resources/user.ts')!.contents;
    expect(model).toContain("'urn:mem:params:scim:schemas:extension:LuckyNumberExtension'?:");
  });
});
