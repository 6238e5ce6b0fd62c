/**
 * examples/snipeit-app as its README starts it (the compiled, unedited scaffold main.ts, its
 * behaviour from scimgen.config.ts), driven over HTTP with the requests Entra ID, Okta and
 * OneLogin send, checked against Snipe-IT's SCIM page: givenName required, displayName and the
 * manager not kept, DELETE not supported, Entra's default dialect accepted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fs.js';
import { client, type Call } from '../server/client.js';
import { SKELETON_PROFILE, startSkeleton, type Skeleton } from '../server/skeleton.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
const SNIPEIT = path.join(REPO_ROOT, 'examples/snipeit-app');

async function startSnipeIt(env: Record<string, string> = {}): Promise<{ server: Skeleton; call: Call }> {
  const data = mkdtempSync(path.join(os.tmpdir(), 'scimgen-snipeit-'));
  const server = await startSkeleton(SNIPEIT, { SNIPEIT_DATABASE: path.join(data, 'snipeit.db'), ...env });
  const close = server.close;
  return {
    server: { ...server, close: () => close().then(() => rmSync(data, { recursive: true, force: true })) },
    call: client(server.base, SKELETON_PROFILE.token),
  };
}

/** What Entra ID sends to create a user, with the attributes Snipe-IT cannot handle. */
const entraUser = {
  schemas: [USER, ENTERPRISE],
  externalId: 'c1a7c1e4-2b1d-4b6e-9a3a-6f1c2b9d0e11',
  userName: 'jane.doe@example.com',
  active: true,
  displayName: 'Jane Doe',
  emails: [{ primary: true, type: 'work', value: 'jane.doe@example.com' }],
  name: { givenName: 'Jane', familyName: 'Doe' },
  title: 'Engineer',
  [ENTERPRISE]: { employeeNumber: 'E-1001', department: 'Engineering', manager: { value: 'someone' } },
};

describe('Snipe-IT example, started as its README says', () => {
  let running: Awaited<ReturnType<typeof startSnipeIt>>;
  let id: string;
  beforeAll(async () => {
    running = await startSnipeIt();
  });
  afterAll(() => running.server.close());

  it("creates Entra ID's user, keeping what Snipe-IT keeps and dropping displayName and the manager", async () => {
    const created = await running.call('POST', '/Users', { body: entraUser });
    expect(created.status, created.text).toBe(201);
    id = created.json.id;
    expect(created.json.name).toEqual({ givenName: 'Jane', familyName: 'Doe' });
    expect(created.json[ENTERPRISE]).toEqual({ employeeNumber: 'E-1001', department: 'Engineering' });
    expect(created.json).not.toHaveProperty('displayName');
  });

  it('publishes the User schema as Snipe-IT keeps it: givenName required, no displayName', async () => {
    const schema = await running.call('GET', `/Schemas/${USER}`);
    const name = schema.json.attributes.find((a: { name: string }) => a.name === 'name');
    expect(name.required).toBe(true);
    expect(name.subAttributes.find((a: { name: string }) => a.name === 'givenName').required).toBe(true);
    expect(schema.json.attributes.map((a: { name: string }) => a.name)).not.toContain('displayName');
  });

  it.each([
    ['without a name', { schemas: [USER], userName: 'no.name@example.com' }],
    ['without a givenName', { schemas: [USER], userName: 'no.given@example.com', name: { familyName: 'Doe' } }],
  ])('refuses a user %s with 400 invalidValue', async (_name, body) => {
    const refused = await running.call('POST', '/Users', { body });
    expect(refused.status).toBe(400);
    expect(refused.json.scimType).toBe('invalidValue');
    expect(refused.json.detail).toMatch(/name/);
  });

  it('takes Entra ID\'s default PATCH dialect: capitalized ops, "False", dotted keys, the manager it does not keep', async () => {
    const updated = await running.call('PATCH', `/Users/${id}`, {
      body: patch(
        { op: 'Replace', path: 'name.familyName', value: 'Smith' },
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'manager-id' },
        { op: 'Replace', value: { 'name.givenName': 'Janet', displayName: 'Janet Smith', title: 'Lead' } },
        { op: 'Replace', path: 'active', value: 'False' },
      ),
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.json.name).toEqual({ givenName: 'Janet', familyName: 'Smith' });
    expect(updated.json.title).toBe('Lead');
    expect(updated.json.active).toBe(false);
    expect(updated.json[ENTERPRISE]).not.toHaveProperty('manager');
  });

  it('takes Okta\'s and OneLogin\'s updates: a full PUT, a no-path replace, "true" for a boolean', async () => {
    const put = await running.call('PUT', `/Users/${id}`, {
      body: { ...entraUser, name: { givenName: 'Jane', familyName: 'Doe' }, active: true },
    });
    expect(put.status, put.text).toBe(200);
    const okta = await running.call('PATCH', `/Users/${id}`, {
      body: patch({ op: 'replace', value: { active: false } }),
    });
    expect(okta.json.active).toBe(false);
    const onelogin = await running.call('PATCH', `/Users/${id}`, {
      body: patch({ op: 'replace', path: 'active', value: 'true' }),
    });
    expect(onelogin.json.active).toBe(true);
  });

  it('finds the user as the identity providers look it up', async () => {
    const byUserName = await running.call(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "JANE.DOE@example.com"')}`,
    );
    expect(byUserName.json.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    const byExternalId = await running.call(
      'GET',
      `/Users?filter=${encodeURIComponent(`externalId eq "${entraUser.externalId}"`)}`,
    );
    expect(byExternalId.json.totalResults).toBe(1);
  });

  it('refuses DELETE with 405: Snipe-IT does not support it, and the user stays', async () => {
    const deleted = await running.call('DELETE', `/Users/${id}`);
    expect(deleted.status).toBe(405);
    expect((await running.call('GET', `/Users/${id}`)).status).toBe(200);
  });
});

describe('Snipe-IT example held to RFC 7644 (SCIM_PATCH_PROFILE=rfc, like its SCIM_STANDARDS_COMPLIANCE)', () => {
  let running: Awaited<ReturnType<typeof startSnipeIt>>;
  beforeAll(async () => {
    running = await startSnipeIt({ SCIM_PATCH_PROFILE: 'rfc' });
  });
  afterAll(() => running.server.close());

  it("refuses Entra ID's capitalized op and an attribute Snipe-IT does not keep, and takes the RFC's", async () => {
    const created = await running.call('POST', '/Users', { body: entraUser });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    const capitalized = await running.call('PATCH', `/Users/${id}`, {
      body: patch({ op: 'Replace', path: 'active', value: false }),
    });
    expect(capitalized.status).toBe(400);
    expect(capitalized.json.scimType).toBe('invalidSyntax');
    const unkept = await running.call('PATCH', `/Users/${id}`, {
      body: patch({ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: 'm' } }),
    });
    expect(unkept.status).toBe(400);
    expect(unkept.json.scimType).toBe('invalidPath');
    const rfc = await running.call('PATCH', `/Users/${id}`, {
      body: patch({ op: 'replace', path: 'active', value: false }),
    });
    expect(rfc.status).toBe(200);
    expect(rfc.json.active).toBe(false);
  });
});
