import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resourceTypeDefinitions, schemaDocuments } from '../../examples/acme-models/src/index.js';
import {
  auditTo,
  auditToFile,
  createScimServer,
  httpBasic,
  MemoryResourceHandler,
  oauth2ClientCredentials,
  staticBearerTokens,
  type AuditEntry,
  type AuditLog,
  type ScimServerOptions,
} from '../../packages/server/src/index.js';
import { tempDir } from '../helpers/fs.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const TOKEN = 'static-token-of-the-suite';

function server(audit: AuditLog, secret: string, overrides: Partial<ScimServerOptions> = {}) {
  return createScimServer({
    baseUrl: 'https://scim.example/scim/v2',
    schemas: schemaDocuments,
    resourceTypes: resourceTypeDefinitions.map((definition) => ({
      definition,
      handler: new MemoryResourceHandler(definition.descriptor),
    })),
    auth: [staticBearerTokens([TOKEN, secret]), httpBasic([{ username: 'admin', password: secret }])],
    oauth2: oauth2ClientCredentials({
      clients: [{ clientId: 'idp', clientSecret: secret, scopes: ['scim:user:read', 'scim:user:write'] }],
      signingSecret: 'a-signing-secret-of-at-least-32-bytes',
      issuer: 'https://scim.example/oauth',
      audience: 'https://scim.example',
    }),
    audit,
    ...overrides,
  });
}

const json = () => ({ 'content-type': 'application/scim+json', authorization: `Bearer ${TOKEN}` });

/** Requests that carry the secret somewhere an audit log could leak it. */
const REQUESTS: Record<
  string,
  (secret: string, userId: string) => { method: string; url: string; headers: Record<string, string>; body?: string }
> = {
  'the bearer token': (s) => ({ method: 'GET', url: '/Users', headers: { authorization: `Bearer ${s}` } }),
  'a wrong bearer token': (s) => ({ method: 'GET', url: '/Users', headers: { authorization: `Bearer ${s}x` } }),
  'the Basic password': (s) => ({
    method: 'GET',
    url: '/Users',
    headers: { authorization: `Basic ${Buffer.from(`admin:${s}`).toString('base64')}` },
  }),
  'a password attribute': (s) => ({
    method: 'POST',
    url: '/Users',
    headers: json(),
    body: JSON.stringify({ schemas: [USER], userName: `u-${s.slice(0, 4)}-${Math.random()}`, password: s }),
  }),
  'a PATCH of the password path': (s, id) => ({
    method: 'PATCH',
    url: `/Users/${id}`,
    headers: json(),
    body: JSON.stringify({ schemas: [PATCH], Operations: [{ op: 'replace', path: 'password', value: s }] }),
  }),
  'a PATCH without path': (s, id) => ({
    method: 'PATCH',
    url: `/Users/${id}`,
    headers: json(),
    body: JSON.stringify({ schemas: [PATCH], Operations: [{ op: 'replace', value: { password: s, title: 'x' } }] }),
  }),
  'a /Bulk password': (s) => ({
    method: 'POST',
    url: '/Bulk',
    headers: json(),
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'a',
          data: { schemas: [USER], userName: `b-${Math.random()}`, password: s },
        },
      ],
    }),
  }),
  'a form client secret': (s) => ({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=idp&client_secret=${encodeURIComponent(s)}`,
  }),
  'a JSON client secret': (s) => ({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'idp', client_secret: s }),
  }),
  'an access_token query parameter': (s) => ({ method: 'GET', url: `/Users?access_token=${s}&count=1`, headers: {} }),
  'a body that is not JSON': (s) => ({ method: 'POST', url: '/Users', headers: json(), body: `{"password": "${s}"` }),
  'a cookie': (s) => ({
    method: 'GET',
    url: '/Users',
    headers: { cookie: `session=${s}`, authorization: `Bearer ${TOKEN}` },
  }),
};

describe('the audit log', () => {
  it('never contains a token, password or secret, whatever the request (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9]{20,32}$/),
        fc.array(fc.constantFrom(...Object.keys(REQUESTS)), { minLength: 1, maxLength: 6 }),
        async (secret, kinds) => {
          const entries: AuditEntry[] = [];
          const scim = server(
            auditTo((e) => void entries.push(e)),
            secret,
          );
          const created = await scim.handle({
            method: 'POST',
            url: '/Users',
            headers: json(),
            body: JSON.stringify({ schemas: [USER], userName: `owner-${Math.random()}`, password: secret }),
          });
          const id = JSON.parse(created.body!).id as string;
          const issued: string[] = [];
          for (const kind of kinds) {
            const response = await scim.handle(REQUESTS[kind]!(secret, id));
            if (kind.includes('client secret')) {
              // The secret is the client's own: every token request succeeds and its token is checked below.
              expect(response.status).toBe(200);
              issued.push(JSON.parse(response.body!).access_token as string);
            }
          }
          const log = JSON.stringify(entries);
          expect(entries).toHaveLength(kinds.length + 1);
          expect(log).not.toContain(secret);
          expect(log).not.toContain(encodeURIComponent(secret));
          expect(log).not.toContain(Buffer.from(`admin:${secret}`).toString('base64'));
          for (const token of issued) expect(log).not.toContain(token);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('records who, what, the status and the IdP normalizations applied', async () => {
    const entries: AuditEntry[] = [];
    const scim = server(
      auditTo((e) => void entries.push(e)),
      'a-secret-for-this-test',
      { profile: 'entra' },
    );
    const created = await scim.handle({
      method: 'POST',
      url: '/Users',
      headers: json(),
      body: JSON.stringify({ schemas: [USER], userName: 'normalized', active: true }),
    });
    const id = JSON.parse(created.body!).id as string;
    await scim.handle({
      method: 'PATCH',
      url: `/Users/${id}`,
      headers: json(),
      body: JSON.stringify({ schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }),
    });
    const patch = entries[1]!;
    expect(patch).toMatchObject({
      method: 'PATCH',
      url: `/Users/${id}`,
      status: 200,
      subject: 'bearer token',
      via: 'bearer',
    });
    expect(patch.requestHeaders['authorization']).toBe('Bearer [redacted]');
    expect(patch.notes).toEqual([
      'operation 1: op "Replace" read as "replace"',
      '"active": the string "False" read as a boolean',
    ]);
    expect(typeof patch.durationMs).toBe('number');
    expect((patch.responseBody as { active: boolean }).active).toBe(false);
  });

  it('leaves bodies out when asked, and writes JSON lines readable by this user only', async () => {
    const file = path.join(await tempDir(), 'scim-trace.jsonl');
    const scim = server(auditToFile(file, { bodies: false }), 'another-secret-value');
    for (let i = 0; i < 3; i++)
      await scim.handle({ method: 'GET', url: '/Users', headers: { authorization: `Bearer ${TOKEN}` } });
    await expect.poll(async () => (await readFile(file, 'utf8').catch(() => '')).split('\n').length).toBe(4);
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(lines.map((l) => l.status)).toEqual([200, 200, 200]);
    expect(lines[0]).not.toHaveProperty('responseBody');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reports a failing log to onError and still answers', async () => {
    const errors: unknown[] = [];
    const scim = server(
      auditTo(() => {
        throw new Error('disk full');
      }),
      'yet-another-secret-value',
      { onError: (e) => errors.push(e) },
    );
    const answer = await scim.handle({ method: 'GET', url: '/Users', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(200);
    await expect.poll(() => errors.length).toBe(1);
  });
});
