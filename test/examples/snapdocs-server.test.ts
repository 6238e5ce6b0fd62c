/**
 * examples/snapdocs-server as its README starts it (the unedited scaffold, everything from
 * scimgen.config.ts), driven over HTTP the way Snapdocs' SCIM page describes its API: OAuth2
 * client credentials with a JSON token request and an audience, the six scopes and two-hour
 * tokens; groups that exist already and are created on first call, never by the IdP; one group
 * per user; `groups` on the User; no Bulk; the fields Snapdocs keeps, others ignored.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fs.js';
import { client, type Call } from '../server/client.js';
import { SKELETON_PROFILE, startSkeleton, type Skeleton } from '../server/skeleton.js';

const SKELETON_TOKEN = SKELETON_PROFILE.token;

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
const AUDIENCE = 'https://api.demo.example';
const SIX = 'scim:group:delete scim:group:read scim:group:write scim:info scim:user:read scim:user:write';

let server: Skeleton;
let tokenUrl: string;
let call: Call;

async function token(body: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const credentials = { grant_type: 'client_credentials', client_id: 'snapdocs-idp', client_secret: 'the-client-secret' };

beforeAll(async () => {
  server = await startSkeleton(path.join(REPO_ROOT, 'examples/snapdocs-server'), {
    SCIM_BEARER_TOKEN: undefined,
    SCIM_OAUTH2_CLIENTS: `${credentials.client_id}:${credentials.client_secret}`,
    SCIM_OAUTH2_SIGNING_SECRET: 'a-signing-secret-of-at-least-32-bytes!',
    SCIM_OAUTH2_AUDIENCE: AUDIENCE,
  });
  tokenUrl = `${server.base}/oauth/token`;
  const granted = await token({ ...credentials, audience: AUDIENCE });
  call = client(server.base, String(granted.json['access_token']));
});
afterAll(() => server.close());

describe('Snapdocs example: authentication', () => {
  it('answers the JSON token request of its page with a Bearer token for two hours and the six scopes', async () => {
    const granted = await token({ ...credentials, audience: AUDIENCE });
    expect(granted.status).toBe(200);
    expect(granted.json).toMatchObject({ token_type: 'Bearer', expires_in: 7200, scope: SIX });
  });

  it.each([
    ['a wrong secret', { ...credentials, client_secret: 'guess' }, 401, 'invalid_client'],
    ['another audience', { ...credentials, audience: 'https://elsewhere.example' }, 400, 'invalid_request'],
    ['a scope it was not granted', { ...credentials, scope: 'scim:user:delete' }, 400, 'invalid_scope'],
    ['another grant', { ...credentials, grant_type: 'password' }, 400, 'unsupported_grant_type'],
  ])('refuses %s', async (_what, body, status, error) => {
    const refused = await token(body);
    expect(refused.status).toBe(status);
    expect(refused.json['error']).toBe(error);
  });

  it('serves nothing without a token, and only what a token was granted', async () => {
    expect((await client(server.base)('GET', '/Users')).status).toBe(401);
    const readOnly = await token({ ...credentials, scope: 'scim:user:read' });
    const reader = client(server.base, String(readOnly.json['access_token']));
    expect((await reader('GET', '/Users')).status).toBe(200);
    const write = await reader('POST', '/Users', { body: { schemas: [USER], userName: 'x@example.com' } });
    expect(write.status).toBe(403);
  });
});

describe('Snapdocs example: groups and users', () => {
  let jane: string;
  const groupId = async (displayName: string) => {
    const found = await call('GET', `/Groups?filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`);
    return found.json.Resources[0].id as string;
  };

  it('has its groups on the first call to /Groups', async () => {
    const groups = await call('GET', '/Groups');
    expect(groups.status).toBe(200);
    expect(groups.json.Resources.map((g: { displayName: string }) => g.displayName).sort()).toEqual([
      'Administrators',
      'Loan Officers',
      'Settlement Agents',
    ]);
  });

  it('does not let the identity provider create a group, and creates one it looks up', async () => {
    const created = await call('POST', '/Groups', { body: { schemas: [GROUP], displayName: 'Closers' } });
    expect(created.status).toBe(405);
    const lookedUp = await call('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Closers"')}`);
    expect(lookedUp.json.totalResults).toBe(1);
    expect(lookedUp.json.Resources[0].displayName).toBe('Closers');
  });

  it('creates a user with the fields Snapdocs keeps, ignoring the rest', async () => {
    const created = await call('POST', '/Users', {
      body: {
        schemas: [USER],
        userName: 'jane.doe@example.com',
        externalId: '00u1abcd',
        name: { givenName: 'Jane', familyName: 'Doe', middleName: 'Q' },
        emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }],
        phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
        active: true,
        displayName: 'Jane Doe',
        title: 'Escrow Officer',
        addresses: [{ type: 'work', locality: 'San Francisco' }],
      },
    });
    expect(created.status, created.text).toBe(201);
    jane = created.json.id;
    expect(created.json.name).toEqual({ givenName: 'Jane', familyName: 'Doe' });
    expect(created.json.phoneNumbers).toEqual([{ value: '+1 555 0100', type: 'work' }]);
    for (const ignored of ['displayName', 'title', 'addresses']) expect(created.json).not.toHaveProperty(ignored);
  });

  it.each([
    ['without a familyName', { name: { givenName: 'Jo' }, active: true }],
    ['without a givenName', { name: { familyName: 'Jo' }, active: true }],
    ['without active', { name: { givenName: 'Jo', familyName: 'Jo' } }],
  ])('refuses a user %s: Snapdocs requires it', async (_what, fields) => {
    const refused = await call('POST', '/Users', { body: { schemas: [USER], userName: 'jo@example.com', ...fields } });
    expect(refused.status).toBe(400);
    expect(refused.json.scimType).toBe('invalidValue');
  });

  it('puts a user in one group, shows it on the user, and refuses a second group', async () => {
    const agents = await groupId('Settlement Agents');
    const added = await call('PATCH', `/Groups/${agents}`, {
      body: patch({ op: 'add', path: 'members', value: [{ value: jane }] }),
    });
    expect(added.status, added.text).toBe(200);
    const user = await call('GET', `/Users/${jane}`);
    expect(user.json.groups).toEqual([{ value: agents, display: 'Settlement Agents', type: 'direct' }]);
    const second = await call('PATCH', `/Groups/${await groupId('Loan Officers')}`, {
      body: patch({ op: 'add', path: 'members', value: [{ value: jane }] }),
    });
    expect(second.status).toBe(409);
    expect(second.json.scimType).toBe('uniqueness');
  });

  it('offers no Bulk, and says so', async () => {
    const config = await call('GET', '/ServiceProviderConfig');
    expect(config.json.bulk.supported).toBe(false);
    const bulk = await call('POST', '/Bulk', {
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] },
    });
    // RFC 7644 §3.12: 501, the service provider does not support the operation.
    expect(bulk.status).toBe(501);
  });

  it('publishes its User and Group schemas, the User as Snapdocs keeps it', async () => {
    const types = await call('GET', '/ResourceTypes');
    expect(types.json.Resources.map((t: { name: string }) => t.name).sort()).toEqual(['Group', 'User']);
    const user = await call('GET', `/Schemas/${USER}`);
    expect(user.json.attributes.map((a: { name: string }) => a.name)).toEqual([
      'userName',
      'name',
      'active',
      'emails',
      'phoneNumbers',
      'groups',
    ]);
  });
});

describe('Snapdocs example: the environment over its config', () => {
  it('turns /Bulk on with SCIM_BULK=1 and a limit, though the config leaves it out', async () => {
    const overridden = await startSkeleton(path.join(REPO_ROOT, 'examples/snapdocs-server'), {
      SCIM_BULK: '1',
      SCIM_BULK_MAX_OPERATIONS: '10',
    });
    try {
      const config = await client(overridden.base, SKELETON_TOKEN)('GET', '/ServiceProviderConfig');
      expect(config.json.bulk).toMatchObject({ supported: true, maxOperations: 10 });
    } finally {
      await overridden.close();
    }
  });
});
