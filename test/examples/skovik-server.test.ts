/**
 * examples/skovik-server as its README starts it (the unedited scaffold, everything from
 * scimgen.config.ts, branches in data/branches.json), driven over HTTP with what Entra ID, Okta
 * and Google send, checked against Skovik's SCIM page: /Users only, the enterprise extension and
 * Skovik's custom fields, userName unique, archiving on active=false and on DELETE for good, the
 * division a branch's external_identifier, the manager a user Skovik knows.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fs.js';
import { client, type Call } from '../server/client.js';
import { SKELETON_PROFILE, startSkeleton, type Skeleton } from '../server/skeleton.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SKOVIK = 'urn:ietf:params:scim:schemas:extension:skovik:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

const work = mkdtempSync(path.join(os.tmpdir(), 'scimgen-skovik-'));
let server: Skeleton;
let call: Call;
beforeAll(async () => {
  mkdirSync(path.join(work, 'data'));
  writeFileSync(
    path.join(work, 'data/branches.json'),
    JSON.stringify([
      { external_identifier: 'OSL', name: 'Oslo' },
      { external_identifier: 'BGO', name: 'Bergen' },
    ]),
  );
  server = await startSkeleton(path.join(REPO_ROOT, 'examples/skovik-server'), {}, work);
  call = client(server.base, SKELETON_PROFILE.token);
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const employee = (userName: string, enterprise: Record<string, unknown> = {}) => ({
  schemas: [USER, ENTERPRISE, SKOVIK],
  userName,
  name: { givenName: 'Kari', familyName: 'Nordmann' },
  displayName: 'Kari Nordmann',
  active: true,
  [ENTERPRISE]: { division: 'OSL', ...enterprise },
  [SKOVIK]: {
    custom_field1: 'CC-4711',
    custom_field2: true,
    custom_field3: 42,
    custom_field4: 37.5,
    custom_field5: '2026-01-05T08:00:00Z',
    custom_field6: 'https://hr.example.com/employees/42',
    custom_field7: 'aGVsbG8=',
    custom_field8: ['Project A', 'Project B'],
    custom_field9: { value: 'P-1', display: 'Default project' },
  },
});

describe('Skovik example: discovery', () => {
  it('serves /Users only, with the core, enterprise and Skovik schemas', async () => {
    const types = await call('GET', '/ResourceTypes');
    expect(types.json.Resources.map((t: { name: string }) => t.name)).toEqual(['User']);
    expect(types.json.Resources[0].schemaExtensions.map((e: { schema: string }) => e.schema)).toEqual([
      ENTERPRISE,
      SKOVIK,
    ]);
    const schemas = await call('GET', '/Schemas');
    const ids = schemas.json.Resources.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([USER, ENTERPRISE, SKOVIK]));
    expect(ids).not.toContain('urn:ietf:params:scim:schemas:core:2.0:Group');
    expect((await call('GET', '/Groups')).status).toBe(404);
  });
});

describe('Skovik example: employees', () => {
  let manager: string;
  let kari: string;

  it('creates an employee with every custom field type, in a known branch', async () => {
    const created = await call('POST', '/Users', { body: employee('manager@example.com') });
    expect(created.status, created.text).toBe(201);
    manager = created.json.id;
    expect(created.json[SKOVIK]).toEqual(employee('x')[SKOVIK]);
    expect(created.json[ENTERPRISE].division).toBe('OSL');
  });

  it('takes a manager Skovik knows and returns it with displayName and $ref', async () => {
    const created = await call('POST', '/Users', {
      body: employee('kari@example.com', { manager: { value: manager } }),
    });
    expect(created.status, created.text).toBe(201);
    kari = created.json.id;
    expect(created.json[ENTERPRISE].manager).toEqual({
      value: manager,
      $ref: `${server.base}/Users/${manager}`,
      displayName: 'Kari Nordmann',
    });
  });

  it.each([
    ['a branch that is not in the branches table', { division: 'TRD' }, `${ENTERPRISE}:division "TRD" is not one of`],
    ['a manager Skovik does not know', { manager: { value: 'unknown-id' } }, 'names no User here'],
  ])('refuses %s with 400 invalidValue and a clear detail', async (_what, enterprise, detail) => {
    const refused = await call('POST', '/Users', { body: employee(`${Math.random()}@example.com`, enterprise) });
    expect(refused.status).toBe(400);
    expect(refused.json.scimType).toBe('invalidValue');
    expect(refused.json.detail).toContain(detail);
  });

  it('keeps userName unique, whatever its case', async () => {
    const taken = await call('POST', '/Users', { body: employee('KARI@example.com') });
    expect(taken.status).toBe(409);
    expect(taken.json.scimType).toBe('uniqueness');
  });

  it("moves the employee to another branch with Entra ID's default PATCH dialect", async () => {
    const moved = await call('PATCH', `/Users/${kari}`, {
      body: patch({ op: 'Replace', path: `${ENTERPRISE}:division`, value: 'BGO' }),
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json[ENTERPRISE].division).toBe('BGO');
    const nowhere = await call('PATCH', `/Users/${kari}`, {
      body: patch({ op: 'replace', path: `${ENTERPRISE}:division`, value: 'nowhere' }),
    });
    expect(nowhere.status).toBe(400);
  });

  it('archives on active=false (Okta, and Entra\'s "False"), permanently', async () => {
    const archived = await call('PATCH', `/Users/${kari}`, {
      body: patch({ op: 'Replace', path: 'active', value: 'False' }),
    });
    expect(archived.status, archived.text).toBe(200);
    expect(archived.json.active).toBe(false);
    const back = await call('PATCH', `/Users/${kari}`, { body: patch({ op: 'replace', value: { active: true } }) });
    expect(back.status).toBe(400);
    expect(back.json.scimType).toBe('mutability');
  });

  it('archives on DELETE (Google deletes users) and keeps the employee, inactive', async () => {
    const deleted = await call('DELETE', `/Users/${manager}`);
    expect(deleted.status).toBe(204);
    const kept = await call('GET', `/Users/${manager}`);
    expect(kept.status).toBe(200);
    expect(kept.json.active).toBe(false);
  });
});
