import { createServer, type Server } from 'node:http';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { schemaDocuments, userDefinition } from '../../examples/snipeit-app/src/definitions/index.js';
import { openAppDatabase } from '../../examples/snipeit-app/src/app/database.js';
import { UserRepository } from '../../examples/snipeit-app/src/app/users.js';
import { UserHandler } from '../../examples/snipeit-app/src/server/handlers/user.js';
import { createNodeListener } from '../../packages/server/src/adapters/node.js';
import { bind, createScimServer, staticBearerTokens } from '../../packages/server/src/index.js';
import { compileProject } from '../helpers/compile.js';
import { run } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/fs.js';
import { freePort } from '../server/app.js';
import { client, type Call } from '../server/client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe("the Snipe-IT example: SCIM users kept in the application's own tables", () => {
  const db = openAppDatabase(':memory:');
  const users = new UserRepository(db);
  let http: Server;
  let call: Call;

  beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/scim/v2`;
    const scim = createScimServer({
      baseUrl: base,
      schemas: schemaDocuments,
      resourceTypes: [bind(userDefinition, new UserHandler(users), { delete: false })],
      auth: [staticBearerTokens(['snipe'])],
    });
    http = createServer(createNodeListener(scim, { basePath: '/scim/v2' }));
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    call = client(base, 'snipe');
  });
  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
    db.close();
  });

  const jane = {
    schemas: [USER, ENTERPRISE],
    userName: 'jane.doe@example.com',
    name: { givenName: 'Jane', familyName: 'Doe' },
    nickName: 'JD',
    emails: [
      { value: 'jane@home.example', type: 'home' },
      { value: 'jane.doe@example.com', type: 'work', primary: true },
    ],
    active: true,
    phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
    addresses: [
      {
        type: 'work',
        streetAddress: '1 Main St',
        locality: 'Springfield',
        region: 'IL',
        postalCode: '62701',
        country: 'US',
      },
    ],
    title: 'Engineer',
    preferredLanguage: 'en-US',
    externalId: 'okta-00u1',
    [ENTERPRISE]: { employeeNumber: 'E-1001', department: 'Sales', costCenter: 'not kept' },
  };

  it("creates a user as a users row with Snipe-IT's columns, the department looked up by name", async () => {
    const created = await call('POST', '/Users', { body: jane });
    expect(created.status).toBe(201);
    const row = db.prepare('SELECT * FROM users WHERE id = ?').get(Number(created.json.id)) as Record<string, unknown>;
    const sales = db.prepare("SELECT id FROM departments WHERE name = 'Sales'").get() as { id: number };
    expect(row).toMatchObject({
      username: 'jane.doe@example.com',
      first_name: 'Jane',
      last_name: 'Doe',
      email: 'jane.doe@example.com',
      activated: 1,
      phone: '+1 555 0100',
      address: '1 Main St',
      city: 'Springfield',
      state: 'IL',
      zip: '62701',
      country: 'US',
      jobtitle: 'Engineer',
      locale: 'en-US',
      employee_num: 'E-1001',
      department_id: sales.id,
      scim_externalid: 'okta-00u1',
    });
  });

  it('reads the row back as the SCIM user: the mapped attributes round-trip, the rest is not kept', async () => {
    const found = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "JANE.DOE@example.com"')}`);
    expect(found.json.totalResults).toBe(1);
    const user = found.json.Resources[0];
    expect(user).toMatchObject({
      userName: jane.userName,
      name: jane.name,
      emails: [{ value: 'jane.doe@example.com', type: 'work' }],
      active: true,
      addresses: jane.addresses,
      title: 'Engineer',
      externalId: 'okta-00u1',
      [ENTERPRISE]: { employeeNumber: 'E-1001', department: 'Sales' },
    });
    expect(user).not.toHaveProperty('nickName');
    expect(user[ENTERPRISE]).not.toHaveProperty('costCenter');
  });

  it('writes PATCHes through the mappings (active → activated 0, a new department)', async () => {
    const id = (await call('GET', '/Users')).json.Resources[0].id;
    const answer = await call('PATCH', `/Users/${id}`, {
      body: {
        schemas: [PATCH],
        Operations: [
          { op: 'replace', path: 'active', value: false },
          { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Engineering' },
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'jane@example.com' },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const row = db
      .prepare(
        'SELECT activated, email, d.name AS department FROM users JOIN departments d ON d.id = users.department_id WHERE users.id = ?',
      )
      .get(Number(id));
    expect(row).toEqual({ activated: 0, email: 'jane@example.com', department: 'Engineering' });
  });

  it.each([
    ['emails[type eq "work"].value eq "jane@example.com"', 1],
    ['emails[type eq "work" and value co "@EXAMPLE.com"]', 1],
    [`${ENTERPRISE}:department eq "Engineering"`, 1],
    ['active eq false and name.familyName sw "d"', 1],
    ['not (title eq "Engineer")', 0],
    ['externalId eq "OKTA-00U1"', 0],
  ])('answers the filter %s from the users table (%i)', async (filter, count) => {
    const found = await call('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(found.status).toBe(200);
    expect(found.json.totalResults).toBe(count);
  });

  it('refuses a filter on an attribute the application does not keep, and DELETE', async () => {
    const unmapped = await call('GET', `/Users?filter=${encodeURIComponent('nickName eq "JD"')}`);
    expect(unmapped.status).toBe(400);
    expect(unmapped.json.scimType).toBe('invalidFilter');
    const id = (await call('GET', '/Users')).json.Resources[0].id;
    expect((await call('DELETE', `/Users/${id}`)).status).toBe(405);
  });

  it('answers a taken userName with 409', async () => {
    const again = await call('POST', '/Users', {
      body: { schemas: [USER], userName: 'JANE.DOE@example.com', name: { givenName: 'Jane' } },
    });
    expect(again.status).toBe(409);
    expect(again.json.scimType).toBe('uniqueness');
  });
});

describe('mapping stubs', () => {
  const SNIPEIT = path.join(REPO_ROOT, 'examples/snipeit-app');

  it('stop compiling at the stub when the schema gains a required attribute', async () => {
    // Inside the repository, so the generated package resolves @scimgen/runtime as an installed one would.
    await mkdir(path.join(REPO_ROOT, '.vitest-import'), { recursive: true });
    const dir = await mkdtemp(path.join(REPO_ROOT, '.vitest-import', 'mappings-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await cp(path.join(REPO_ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
    await cp(path.join(REPO_ROOT, 'scimgen.config.ts'), path.join(dir, 'scimgen.config.ts'));
    // The config takes the toolkit's version from the generator's manifest.
    await mkdir(path.join(dir, 'generator'));
    await cp(path.join(REPO_ROOT, 'generator/package.json'), path.join(dir, 'generator/package.json'));
    const generated = await run(dir, 'generate', '--target', 'snipeit');
    expect(generated.code, generated.stderr).toBe(0);
    // The stub, as the example keeps it, compiles against the models it was written for.
    await cp(path.join(SNIPEIT, 'src/mappings/user.ts'), path.join(dir, 'examples/snipeit-app/src/mappings/user.ts'));
    const tsconfig = path.join(dir, 'examples/snipeit-app/tsconfig.json');
    expect(compileProject(tsconfig)).toEqual([]);
    const file = path.join(dir, 'schemas/core/User.json');
    const schema = JSON.parse(await readFile(file, 'utf8')) as { attributes: Record<string, unknown>[] };
    schema.attributes.push({
      name: 'badgeNumber',
      type: 'string',
      multiValued: false,
      required: true,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
      caseExact: false,
      description: 'A badge',
    });
    await writeFile(file, JSON.stringify(schema));
    const regenerated = await run(dir, 'generate', '--target', 'snipeit');
    expect(regenerated.code).toBe(0);
    expect(regenerated.stderr).toContain('badgeNumber is required by the schema and not mapped');
    const errors = compileProject(tsconfig);
    expect(errors.join('\n')).toMatch(/src\/mappings\/user\.ts[\s\S]*badgeNumber/);
  });
});
