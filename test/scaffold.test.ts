import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectWithSchemas, run } from './helpers/cli.js';

const ACME = ['schemas/core', 'schemas/resource-types/Group.json', 'schemas/examples/acme'];
const generate = (dir: string, ...extra: string[]) =>
  run(dir, 'generate', '--schemas', ...ACME, '--out', 'out', '--server', 'node', ...extra);
const USER_HANDLER = 'out/src/server/handlers/user.ts';

describe('server scaffold: yours once, then only completed', () => {
  it('writes the registry, the entry file and one handler per resource type', async () => {
    const dir = await projectWithSchemas();
    const first = await generate(dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/✔ 30 written, 0 unchanged/);
    const registry = await readFile(path.join(dir, 'out/src/server/registry.ts'), 'utf8');
    expect(registry).toContain('bind(userDefinition, new UserHandler())');
    expect(registry).toContain('bind(groupDefinition, new GroupHandler())');
    // The in-memory handlers share one space, so a User's groups come from the Groups' members.
    expect(await readFile(path.join(dir, 'out/src/server/memory-space.ts'), 'utf8')).toContain(
      'export const memorySpace = new MemorySpace();',
    );
    expect(await readFile(path.join(dir, 'out/src/server/handlers/user.ts'), 'utf8')).toMatch(
      /new MemoryResourceHandler<User, UserCreateRequest, UserReplaceRequest>\(\s*userResourceType,\s*\{\s*space: memorySpace,\s*\},?\s*\)/,
    );
    const manifest = JSON.parse(await readFile(path.join(dir, 'out/package.json'), 'utf8'));
    expect(manifest.scripts.start).toBe('node dist/server/main.js');
    expect(Object.keys(manifest.dependencies)).toEqual(['@scimgen/runtime', '@scimgen/server']);
  });

  it('with --store sql, writes handlers over the SQL store, the migrations, and completes a missing patch', async () => {
    const dir = await projectWithSchemas();
    const first = await generate(dir, '--store', 'sql');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/✔ 30 written, 0 unchanged/);
    const registry = await readFile(path.join(dir, 'out/src/server/registry.ts'), 'utf8');
    expect(registry).toContain('bind(userDefinition, new UserHandler(store))');
    expect(registry).toContain("return openStore(env['DATABASE_URL'], resourceTypes, { migrations });");
    const migrations = await readFile(path.join(dir, 'out/src/server/migrations.ts'), 'utf8');
    expect(migrations).toContain('CREATE UNIQUE INDEX "scim_user_u_user_name"');
    const manifest = JSON.parse(await readFile(path.join(dir, 'out/package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toEqual([
      '@scimgen/runtime',
      '@scimgen/server',
      '@scimgen/stores',
      'better-sqlite3',
      'pg',
    ]);
    const sqliteOnly = await generate(dir, '--store', 'sql', '--database', 'sqlite');
    expect(sqliteOnly.code, sqliteOnly.stderr).toBe(0);
    expect(await readFile(path.join(dir, 'out/src/server/registry.ts'), 'utf8')).toContain(
      "return openStore(env['DATABASE_URL'], resourceTypes, { migrations, database: 'sqlite' });",
    );
    expect(Object.keys(JSON.parse(await readFile(path.join(dir, 'out/package.json'), 'utf8')).dependencies)).toEqual([
      '@scimgen/runtime',
      '@scimgen/server',
      '@scimgen/stores',
      'better-sqlite3',
    ]);
    expect(await generate(dir, '--store', 'sql')).toMatchObject({ code: 0 });
    const file = path.join(dir, USER_HANDLER);
    const original = await readFile(file, 'utf8');
    expect(original).toContain(
      'this.store = store.handler<User, UserCreateRequest, UserReplaceRequest>(userResourceType);',
    );
    const patchStart = original.indexOf('  /** Writes a PATCH');
    const patchEnd = original.indexOf('\n  }\n', patchStart) + '\n  }\n'.length;
    await writeFile(file, original.slice(0, patchStart) + original.slice(patchEnd));
    const again = await generate(dir, '--store', 'sql');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('added UserHandler.patch');
    expect(await readFile(file, 'utf8')).toContain('return this.store.patch(id, change, context);');
  });

  it('never overwrites an edited handler, adds a missing method, and --check reports it first', async () => {
    const dir = await projectWithSchemas();
    await generate(dir);
    const file = path.join(dir, USER_HANDLER);
    const original = await readFile(file, 'utf8');
    // The user's own code, and a method they deleted.
    const listStart = original.indexOf('  /** Filter, sort and page');
    const listEnd = original.indexOf('\n  }\n', listStart) + '\n  }\n'.length;
    const edited = (original.slice(0, listStart) + original.slice(listEnd)).replace(
      'return this.memory.create(resource);',
      "return this.memory.create({ ...resource, title: 'from my app' });",
    );
    await writeFile(file, edited);

    const check = await generate(dir, '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`would add UserHandler.list to ${path.join('out', 'src/server/handlers/user.ts')}`);
    expect(await readFile(file, 'utf8')).toBe(edited);

    const again = await generate(dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('added UserHandler.list');
    expect(again.stderr).toMatch(/1 of yours completed, 2 of yours kept/);
    const completed = await readFile(file, 'utf8');
    expect(completed).toContain("title: 'from my app'");
    expect(completed).toContain('list(query: ListQuery): ListPage<User> | Promise<ListPage<User>>');

    const third = await generate(dir);
    expect(third.stderr).toMatch(/✔ 0 written, 27 unchanged, 3 of yours kept/);
    expect(await readFile(file, 'utf8')).toBe(completed);
  });

  it('exits 1 naming the file when a handler no longer has its class', async () => {
    const dir = await projectWithSchemas();
    await generate(dir);
    await writeFile(path.join(dir, USER_HANDLER), 'export class SomethingElse {}\n');
    const result = await generate(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join('out', 'src/server/handlers/user.ts')} has no class UserHandler`);
    expect(await readFile(path.join(dir, USER_HANDLER), 'utf8')).toBe('export class SomethingElse {}\n');
  });

  it.each([
    [['--server', 'koa'], '--server must be one of node, express, fastify, not "koa"'],
    [['--server', 'node', '--store', 'redis'], '--store must be one of memory, sql, not "redis"'],
    [['--store', 'sql'], '--store goes with --server'],
    [['--server', 'node', '--database', 'sqlite'], '--database goes with --store sql'],
    [['--server', 'node', '--store', 'sql', '--database', 'oracle'], '--database must be one of sqlite, postgres'],
  ])('refuses %j', async (flags, message) => {
    const dir = await projectWithSchemas();
    const result = await run(dir, 'generate', '--schemas', ...ACME, '--out', 'out', ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it.each([
    [{ framework: 'koa' }, '/targets/0/server/framework: framework must be one of "node", "express", "fastify"'],
    [{ framework: 'node', basePath: 'scim' }, '/targets/0/server/basePath: basePath must be a path'],
    [{ framework: 'node', basePath: '/scim/`v2`' }, '/targets/0/server/basePath: basePath must be a path'],
    [{ framework: 'node', port: 70000 }, '/targets/0/server/port: port must be an integer from 0 to 65535'],
    [{ framework: 'node', store: 'redis' }, '/targets/0/server/store: store must be one of "memory", "sql"'],
    [
      { framework: 'node', profile: 'azure' },
      '/targets/0/server/profile: profile must be one of "rfc", "entra", "okta", "onelogin", "google", "lenient"',
    ],
    [
      { framework: 'node', store: 'sql', database: 'mysql' },
      '/targets/0/server/database: database must be one of "sqlite", "postgres", or left out for both',
    ],
    [
      { framework: 'node', database: 'sqlite' },
      '/targets/0/server/database: database goes with store: "sql" (the memory store has none)',
    ],
    ['fastify', '/targets/0/server: server must be an object'],
    [
      { framework: 'node', resourceTypes: { User: { delet: false } } },
      '/targets/0/server/resourceTypes/User/delet: unknown key "delet" (did you mean "delete"?)',
    ],
    [
      { framework: 'node', resourceTypes: { User: { delete: 'archive' } } },
      '/targets/0/server/resourceTypes/User/delete: delete must be "remove", "deactivate" (set active to false) or false (405)',
    ],
    [
      { framework: 'node', resourceTypes: { User: { create: 'no' } } },
      '/targets/0/server/resourceTypes/User/create: create must be true or false',
    ],
    [
      { framework: 'node', resourceTypes: { Group: { createOnLookup: {} } } },
      '/targets/0/server/resourceTypes/Group/createOnLookup: createOnLookup must be { key: "displayName" }',
    ],
    [
      { framework: 'node', resourceTypes: { Group: { initial: { key: 'displayName', resources: ['Sales'] } } } },
      '/targets/0/server/resourceTypes/Group/initial: initial must be { key: "displayName", resources: [{ displayName: "…" }, …] }',
    ],
    [
      { framework: 'node', resourceTypes: { User: { required: 'name.givenName' } } },
      '/targets/0/server/resourceTypes/User/required: required must be a list of attribute paths',
    ],
    [
      { framework: 'node', resourceTypes: { User: false } },
      '/targets/0/server/resourceTypes/User: the options of User must be an object',
    ],
    [
      { framework: 'node', resourceTypes: { Group: { createOnLookup: { key: 'displayName', create: true } } } },
      '/targets/0/server/resourceTypes/Group/createOnLookup/create: unknown key "create"; the keys here are key',
    ],
    [
      { framework: 'node', resourceTypes: { Group: { initial: { key: 'displayName', resources: [], resource: [] } } } },
      '/targets/0/server/resourceTypes/Group/initial/resource: unknown key "resource" (did you mean "resources"?)',
    ],
    [
      {
        framework: 'node',
        resourceTypes: { User: { allowedValues: { title: { file: 'titles.json', feild: 'name' } } } },
      },
      '/targets/0/server/resourceTypes/User/allowedValues/title/feild: unknown key "feild"; the keys here are file, field',
    ],
    [
      { framework: 'node', resourceTypes: { User: { allowedValues: { title: 'titles.json' } } } },
      '/targets/0/server/resourceTypes/User/allowedValues/title: allowedValues maps attribute paths to { file: "data/branches.json", field?: "external_identifier" }',
    ],
    [
      { framework: 'node', resourceTypes: { User: { references: { manager: 42 } } } },
      '/targets/0/server/resourceTypes/User/references: references maps attribute paths to a resource type name',
    ],
    [
      { framework: 'node', bulk: true },
      '/targets/0/server/bulk: bulk must be false (no /Bulk) or { maxOperations?, maxPayloadSize? }',
    ],
    [
      { framework: 'node', bulk: { maxOperations: 0 } },
      '/targets/0/server/bulk/maxOperations: maxOperations must be a positive integer',
    ],
    [
      { framework: 'node', oauth2: { scopes: [] } },
      '/targets/0/server/oauth2/scopes: scopes must be a non-empty list of scope names such as "scim:user:read"',
    ],
    [
      { framework: 'node', oauth2: { scopes: ['scim user'] } },
      '/targets/0/server/oauth2/scopes: scopes must be a non-empty list of scope names',
    ],
    [
      { framework: 'node', oauth2: { expiresIn: '2h' } },
      '/targets/0/server/oauth2/expiresIn: expiresIn must be a positive number of seconds',
    ],
    [
      { framework: 'node', oauth2: { clientSecret: 'in the config' } },
      '/targets/0/server/oauth2/clientSecret: unknown key "clientSecret"; the keys here are scopes, expiresIn, audience',
    ],
    [
      { framework: 'node', unknownAttributes: 'drop' },
      '/targets/0/server/unknownAttributes: unknownAttributes must be "ignore" (drop them with a note) or "reject" (400)',
    ],
  ])('refuses the config server %j', async (server, message) => {
    const dir = await projectWithSchemas();
    const text = JSON.stringify({ targets: [{ schemas: ACME, out: 'out', server }] });
    await writeFile(path.join(dir, 'scimgen.config.json'), text);
    const result = await run(dir, 'generate');
    expect(result.code).toBe(1);
    // On one line, at the key the pointer names, found here by searching the text.
    const key = message.slice(0, message.indexOf(':')).split('/').pop()!;
    const column = text.indexOf(`"${key}"`, text.indexOf('"server"')) + 1;
    expect(result.stderr).toContain(`scimgen.config.json:1:${column} #${message}`);
  });
});

describe('mapping stubs from the config', () => {
  const write = async (mappings: unknown) => {
    const dir = await projectWithSchemas();
    await writeFile(
      path.join(dir, 'scimgen.config.json'),
      JSON.stringify({ targets: [{ schemas: ACME, out: 'out', mappings }] }),
    );
    return dir;
  };

  it('writes src/mappings/<type>.ts once, lists what is not mapped, and keeps the file after', async () => {
    const dir = await write({ User: { userName: 'login', 'emails[type eq "work"].value': 'mail' } });
    const first = await run(dir, 'generate');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/User: \d+ attribute\(s\) not mapped: name, displayName/);
    const file = path.join(dir, 'out/src/mappings/user.ts');
    const stub = await readFile(file, 'utf8');
    expect(stub).toContain("mail: resource.emails?.find((v) => v.type === 'work')?.value");
    await writeFile(file, `${stub}\n// mine\n`);
    expect((await run(dir, 'generate')).code).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('// mine');
  });

  it.each([
    [{ User: { nickNam: 'nick' } }, '#/mappings/User/nickNam', 'unknown attribute'],
    [{ User: { emails: 'mail' } }, '#/mappings/User/emails', 'pick one value with a filter'],
    [{ User: { 'emails[type co "w"].value': 'mail' } }, '#/mappings/User/emails[type co "w"].value', 'equalities'],
    [{ User: { name: 'n' } }, '#/mappings/User/name', 'map one of its sub-attributes'],
    [{ User: { userName: 'not a field' } }, '#/mappings/User/userName', 'not an identifier'],
    [{ User: { userName: 'a', title: 'a' } }, '#/mappings/User/title', 'mapped twice'],
    [{ User: { active: { field: 'on', type: 'string' } } }, '#/mappings/User/active', 'cannot be kept as a string'],
    [{ User: { active: { field: 'on', lookup: 'flags' } } }, '#/mappings/User/active', 'a lookup maps string values'],
    [{ Device: { serial: 'serial' } }, '#/mappings/Device', 'no resource type "Device"'],
  ])('refuses %j with the config file and pointer', async (mappings, pointer, message) => {
    const dir = await write(mappings);
    const result = await run(dir, 'generate');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`scimgen.config.json${pointer}`);
    expect(result.stderr).toContain(message);
  });

  it.each([
    [[], '/targets/0/mappings: mappings must be an object'],
    [{ User: { userName: 3 } }, '/targets/0/mappings/User/userName: a mapping is a field name'],
    [{ User: { userName: { field: 'u', type: 'date' } } }, '/targets/0/mappings/User/userName/type: type must be'],
  ])('checks the shape of %j', async (mappings, message) => {
    const dir = await write(mappings);
    const result = await run(dir, 'generate');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });
});
