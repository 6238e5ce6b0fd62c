import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, generateFromDocuments, loadSchemaFiles } from '../generator/src/index.js';
import { validateResource } from '../packages/runtime/src/index.js';
import { resourceTypeDefinitions } from '../examples/acme-models/src/index.js';
import { run } from './helpers/cli.js';
import { compileInMemory } from './helpers/compile.js';
import { REPO_ROOT } from './helpers/fs.js';
import { start, TEST_PROFILE, type Running } from './server/app.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/lenient');

/**
 * Each class of deviation vendors publish: the error it is without --lenient, and the repairs
 * --lenient reports (pointer and words), in the order diagnostics are sorted.
 */
const CLASSES: readonly [string, string, readonly (readonly [string, string])[]][] = [
  [
    'core-without-sub-attributes',
    'SCIM108',
    [
      ['User.json#/attributes/1', `"emails" has no subAttributes; RFC 7643's sub-attributes used`],
      ['User.json#/attributes/2/subAttributes', `"groups" has no subAttributes; RFC 7643's sub-attributes used`],
      ['User.json#/attributes/3', `"name" has no subAttributes; RFC 7643's sub-attributes used`],
    ],
  ],
  [
    'custom-without-sub-attributes',
    'SCIM108',
    [
      ['User.json#/attributes/1', '"preferences" has no subAttributes; read as an open object (any sub-attributes)'],
      ['User.json#/attributes/2', '"devices" has no subAttributes; read as an open object (any sub-attributes)'],
    ],
  ],
  [
    'mutability-spellings',
    'SCIM109',
    [
      [
        'User.json#/attributes/1/mutability',
        'mutability "read" is not allowed on attribute "employeeCode"; read as "readOnly"',
      ],
      [
        'User.json#/attributes/2/mutability',
        'mutability "readWirte" is not allowed on attribute "nickname"; read as "readWrite"',
      ],
      [
        'User.json#/attributes/3/mutability',
        `mutability "sometimes" is not allowed on attribute "badge"; the RFC 7643 default "readWrite" used`,
      ],
      [
        'User.json#/attributes/4/returned',
        `returned "nope" is not allowed on attribute "hidden"; the RFC 7643 default "default" used`,
      ],
    ],
  ],
  [
    'canonical-values',
    'SCIM111',
    [
      ['User.json#/attributes/1/canonicalValues', 'item 0 is number 1; read as ["1","2","3"]'],
      ['User.json#/attributes/2/canonicalValues', 'item 0 is an array; read as ["eu","us","apac"]'],
      ['User.json#/attributes/3/canonicalValues', 'item 0 is boolean true; read as ["true","gold"]'],
      ['User.json#/attributes/4/canonicalValues', 'got "single"; read as ["single"]'],
    ],
  ],
  [
    'sub-attributes-on-string',
    'SCIM107',
    [
      ['User.json#/attributes/1/type', 'attribute "manager" is declared string with subAttributes; read as complex'],
      [
        'User.json#/attributes/2/subAttributes',
        'attribute "title" of type string declares subAttributes; they are ignored',
      ],
    ],
  ],
  [
    'write-only-returned',
    'SCIM110',
    [
      [
        'User.json#/attributes/1/returned',
        'writeOnly attribute "password" is declared returned "default"; read as "never"',
      ],
      [
        'User.json#/attributes/2/returned',
        'readOnly and returned "never", so no client can ever write or read it; returned read as "default"',
      ],
      [
        'User.json#/attributes/3/uniqueness',
        'binary attribute "photo" is declared uniqueness "server"; read as "none"',
      ],
    ],
  ],
  [
    'schema-ids',
    'SCIM101',
    [
      ['Device.json#/id', 'schema id must be a URI, got nothing; kept as "Device"'],
      ['Extension.json#/id', 'schema id must be a URI, got "AcmeExtension"; kept as "AcmeExtension"'],
      ['User.json#/id', 'schema id must be a URI, got "User"; kept as "User"'],
    ],
  ],
  [
    'stray-objects',
    'SCIM004',
    [
      [
        'Schemas.json#/Resources/1',
        'neither a Schema (no "attributes") nor a ResourceType (no "endpoint" and "schema"); skipped',
      ],
      ['Schemas.json#/Resources/2', 'expected a Schema or ResourceType resource, got "a string"; skipped'],
      [
        'Schemas.json#/Resources/3',
        'neither a Schema (no "attributes") nor a ResourceType (no "endpoint" and "schema"); skipped',
      ],
    ],
  ],
  [
    'key-case',
    // "Attributes" is not "attributes": the document is not even recognized as a schema.
    'SCIM004',
    [
      ['User.json#/Attributes', 'key "Attributes" read as "attributes"'],
      ['User.json#/Attributes/0/MultiValued', 'key "MultiValued" read as "multiValued"'],
      ['User.json#/Attributes/0/Name', 'key "Name" read as "name"'],
      ['User.json#/Attributes/0/Required', 'key "Required" read as "required"'],
      ['User.json#/Attributes/0/Type', 'key "Type" read as "type"'],
      ['User.json#/Attributes/0/Uniqueness', 'key "Uniqueness" read as "uniqueness"'],
      ['User.json#/Attributes/1/SubAttributes', 'key "SubAttributes" read as "subAttributes"'],
      ['User.json#/Attributes/1/multi_valued', 'key "multi_valued" read as "multiValued"'],
      ['User.json#/ID', 'key "ID" read as "id"'],
      ['User.json#/Name', 'key "Name" read as "name"'],
      ['User.json#/Schemas', 'key "Schemas" read as "schemas"'],
    ],
  ],
];

const where = (d: { file: string; pointer: string }) => `${path.basename(d.file)}#${d.pointer}`;

describe('schemas as vendors publish them', () => {
  it.each(CLASSES)('%s: an error (%s) without --lenient, nothing generated', async (fixture, code) => {
    const result = await generate({ schemas: [path.join(FIXTURES, fixture)], out: 'out' });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toContain(code);
    expect(result.files).toEqual([]);
  });

  it.each(CLASSES)(
    '%s: repaired with --lenient, each repair a SCIM213 warning, into a package that compiles',
    async (fixture, _code, repairs) => {
      const result = await generate({ schemas: [path.join(FIXTURES, fixture)], out: 'out', lenient: true });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const repaired = result.diagnostics.filter((d) => d.code === 'SCIM213');
      expect(repaired.map((d) => [where(d), d.severity])).toEqual(repairs.map(([at]) => [at, 'warning']));
      repaired.forEach((d, i) => expect(d.message).toContain(repairs[i]![1]));
      const sources = Object.fromEntries(
        result.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.contents]),
      );
      expect(Object.keys(sources).length).toBeGreaterThan(5);
      expect(compileInMemory(sources)).toEqual([]);
    },
  );

  it('takes the RFC 7643 sub-attributes of a core attribute the vendor left bare', async () => {
    const { schemas } = await loadSchemaFiles([path.join(FIXTURES, 'core-without-sub-attributes')], { lenient: true });
    const emails = schemas[0]!.attributes.find((a) => a.name === 'emails')!;
    expect(emails.subAttributes.map((a) => a.name)).toEqual(['value', 'display', 'type', 'primary']);
    const groups = schemas[0]!.attributes.find((a) => a.name === 'groups')!;
    expect(groups.subAttributes.map((a) => [a.name, a.mutability])).toEqual([
      ['value', 'readOnly'],
      ['$ref', 'readOnly'],
      ['display', 'readOnly'],
      ['type', 'readOnly'],
    ]);
  });

  it('types an open object as any keys, and both validators keep whatever it holds', async () => {
    const result = await generate({
      schemas: [path.join(FIXTURES, 'custom-without-sub-attributes')],
      out: 'out',
      lenient: true,
    });
    const models = result.files.find((f) => f.path === 'src/models/schemas/user.ts')!.contents;
    expect(models).toMatch(/export interface UserPreferences \{\s+\[k: string\]: unknown/);
    // The generated validator, compiled with a use of the type: any keys in, kept.
    const sources = Object.fromEntries(
      result.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.contents]),
    );
    sources['src/use.ts'] = `import type { User } from './index.js';
export const user: User = { id: '1', schemas: [], userName: 'u', preferences: { theme: 'dark', size: 3 }, devices: [{ serial: 'x' }] };
`;
    expect(compileInMemory(sources)).toEqual([]);
    const { schemas, resourceTypes } = await loadSchemaFiles([path.join(FIXTURES, 'custom-without-sub-attributes')], {
      lenient: true,
    });
    expect(resourceTypes).toHaveLength(1);
    const attribute = schemas[0]!.attributes.find((a) => a.name === 'preferences')!;
    expect(attribute.subAttributes).toEqual([]);
    // The interpreting validator on the same definitions (the runtime's), as a server without generated code runs.
    const user = resourceTypeDefinitions.find((d) => d.descriptor.name === 'User')!.descriptor;
    const descriptor = {
      ...user,
      schema: { ...user.schema, attributes: [...user.schema.attributes, { ...attribute, subAttributes: [] }] },
    };
    const create = (body: unknown) => validateResource(body, descriptor, { context: 'create' });
    const checked = create({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'open',
      preferences: { theme: 'dark', nested: { deep: [1, 2] } },
    });
    expect(checked.ok && checked.value['preferences']).toEqual({ theme: 'dark', nested: { deep: [1, 2] } });
    expect(
      create({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'o', preferences: 'dark' }).ok,
    ).toBe(false);
  });
});

describe('schema extensions listed as bare URNs', () => {
  it('are an error without --lenient and read as optional extensions with it', async () => {
    const documents = [
      {
        file: 'vendor.json',
        text: JSON.stringify([
          { id: 'urn:vendor:User', name: 'User', attributes: [{ name: 'userName', type: 'string' }] },
          { id: 'urn:vendor:Ext', name: 'Ext', attributes: [{ name: 'badge', type: 'string' }] },
          { name: 'User', endpoint: '/Users', schema: 'urn:vendor:User', schemaExtensions: ['urn:vendor:Ext'] },
        ]),
      },
    ];
    const strict = await generateFromDocuments(documents, { out: 'out' });
    expect(strict.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pointer])).toEqual([
      ['SCIM301', '/2/schemaExtensions/0'],
    ]);
    const lenient = await generateFromDocuments(documents, { out: 'out', lenient: true });
    expect(lenient.diagnostics.find((d) => d.code === 'SCIM213')?.message).toContain(
      'read as { "schema": "urn:vendor:Ext", "required": false }',
    );
    expect(lenient.ir?.resourceTypes[0]?.schemaExtensions).toEqual([
      expect.objectContaining({ schema: 'urn:vendor:Ext', required: false }),
    ]);
  });
});

describe('a failure of the generator itself', () => {
  it('is the SCIM007 diagnostic, with nothing generated, never an exception', async () => {
    // Options a config check would refuse, passed straight to the API: rendering the server fails.
    const result = await generate({
      schemas: [path.join(FIXTURES, 'core-without-sub-attributes')],
      out: 'out',
      lenient: true,
      server: { framework: 'fastify', profile: 'nosuch' as never },
    });
    expect(result.files).toEqual([]);
    const failure = result.diagnostics.find((d) => d.code === 'SCIM007');
    expect(failure?.severity).toBe('error');
    expect(failure?.message).toContain('the generator failed on these schemas (unknown server profile "nosuch")');
  });
});

describe('scimgen lint and generate --lenient on the command line', () => {
  it('lint: exit 1 without --lenient, 0 with it, the repairs printed with file and pointer', async () => {
    const fixture = path.join(FIXTURES, 'mutability-spellings');
    const strict = await run(REPO_ROOT, 'lint', fixture);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('User.json:15:7 #/attributes/1/mutability: error SCIM109 mutability "read"');
    const lenient = await run(REPO_ROOT, 'lint', fixture, '--lenient');
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stderr).toContain(
      'User.json:15:7 #/attributes/1/mutability: warning SCIM213 mutability "read" is not allowed on attribute "employeeCode"; read as "readOnly"',
    );
  });

  it('generate --lenient writes the package; without it nothing is written', async () => {
    await mkdir(path.join(REPO_ROOT, '.vitest-import'), { recursive: true });
    const out = await mkdtemp(path.join(REPO_ROOT, '.vitest-import', 'lenient-'));
    try {
      const fixture = path.join(FIXTURES, 'schema-ids');
      const refused = await run(REPO_ROOT, 'generate', '--schemas', fixture, '--out', path.join(out, 'pkg'));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('nothing written');
      const written = await run(
        REPO_ROOT,
        'generate',
        '--schemas',
        fixture,
        '--out',
        path.join(out, 'pkg'),
        '--lenient',
      );
      expect(written.code, written.stderr).toBe(0);
      expect(JSON.parse(await readFile(path.join(out, 'pkg/package.json'), 'utf8')).name).toBe('pkg');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('scimgen pull repairs what a server publishes, by default', () => {
  let running: Running;
  let dir: string;
  beforeAll(async () => {
    // A server whose /Schemas lists a User with bare "emails" and "name", stray objects among them.
    const bare = JSON.parse(await readFile(path.join(FIXTURES, 'core-without-sub-attributes/User.json'), 'utf8'));
    running = await start('node:http', { schemas: [bare, { id: 'urn:vendor:junk', note: 'not a schema' } as never] });
    await mkdir(path.join(REPO_ROOT, '.vitest-import'), { recursive: true });
    dir = await mkdtemp(path.join(REPO_ROOT, '.vitest-import', 'pull-lenient-'));
  });
  afterAll(async () => {
    await running.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('generates a client, reporting each repair; --no-lenient fails on the same schemas', async () => {
    const pulled = await run(dir, 'pull', running.base, '--out', 'vendor', '--token', TEST_PROFILE.token!);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stderr).toContain(
      `warning SCIM213 complex attribute "emails" has no subAttributes; RFC 7643's sub-attributes used`,
    );
    expect(pulled.stderr).toMatch(
      /warning SCIM213 resource type "Group" refers to schema urn:ietf:params:scim:schemas:core:2\.0:Group, which no input defines; the resource type skipped/,
    );
    const strict = await run(
      dir,
      'pull',
      running.base,
      '--out',
      'vendor-strict',
      '--token',
      TEST_PROFILE.token!,
      '--no-lenient',
    );
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('error SCIM108 complex attribute "emails" has no subAttributes');
  });
});

describe('names the TypeScript toolchain is touchy about', () => {
  it('generates and compiles attributes named like Object.prototype members and reserved words, at every level', async () => {
    const names = [...Object.getOwnPropertyNames(Object.prototype), 'class', 'default', 'enum', 'delete', 'new', 'then']
      .filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n))
      .filter((n, i, all) => all.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i);
    const leaves = names.map((n) => ({ name: n, type: 'string' }));
    const schema = {
      id: 'urn:example:params:scim:schemas:core:2.0:Thing',
      name: 'constructor',
      attributes: [...leaves, { name: 'nested', type: 'complex', multiValued: true, subAttributes: leaves }],
    };
    const resourceType = { name: 'hasOwnProperty', endpoint: '/Things', schema: schema.id };
    const result = await generateFromDocuments([{ file: 'names.json', text: JSON.stringify([schema, resourceType]) }], {
      out: 'names',
      client: true,
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const sources = Object.fromEntries(
      result.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.contents]),
    );
    expect(sources['src/models/schemas/constructor.ts']).toContain('hasOwnProperty?: string;');
    expect(compileInMemory(sources)).toEqual([]);
  });
});
