import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  validateResource,
  type ResourceTypeDescriptor,
  type SchemaDescriptor,
} from '../../packages/runtime/src/index.js';
import {
  groupResourceType,
  resourceTypeSchema,
  schemaSchema,
  serviceProviderConfigSchema,
} from '../../packages/core/src/index.js';
import { SUBJECT_HEADER, type Running, type ServerProfile } from './app.js';
import { client, type Answer, type Call } from './client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/**
 * RFC 7643 §8.7.2 gives the Schema schema's own "attributes.subAttributes" sub-attributes of
 * their own, one level deeper than that schema lets an attribute definition describe: the one
 * thing in the published Schema resource for the Schema schema its own definition does not name.
 */
const SCHEMA_SCHEMA_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  'urn:ietf:params:scim:schemas:core:2.0:Schema': [
    'attributes[3].subAttributes[11].subAttributes: unknown attribute "subAttributes" ignored',
  ],
};

/** A discovery document checked against packages/core's own descriptors: a valid response, nothing unknown. */
function conforms(document: unknown, schema: SchemaDescriptor, expectedWarnings: readonly string[] = []): void {
  const descriptor: ResourceTypeDescriptor = {
    ...groupResourceType,
    name: schema.name,
    endpoint: '/',
    schema,
    extensions: [],
    // Discovery resources have no id of their own (ServiceProviderConfig) or a non-server one.
    commonAttributes: groupResourceType.commonAttributes.map((a) => ({ ...a, required: false })),
  };
  const result = validateResource(document, descriptor, { context: 'response' });
  expect(result.ok ? [] : result.problems).toEqual([]);
  expect(result.warnings).toEqual(expectedWarnings);
}

/** Every error answer is RFC 7644 §3.12 JSON with the status as a string. */
function expectError(answer: Answer, status: number, scimType?: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')?.split(';')[0]).toBe('application/scim+json');
  expect(answer.json.schemas).toEqual([ERROR]);
  expect(answer.json.status).toBe(String(status));
  expect(typeof answer.json.detail).toBe('string');
  if (scimType !== undefined) expect(answer.json.scimType).toBe(scimType);
}

let sequence = 0;
/** A valid create request with a userName no other test uses. */
function newUser(extra: Record<string, unknown> = {}): Record<string, unknown> {
  sequence++;
  return {
    schemas: [USER],
    userName: `user${sequence}@example.com`,
    name: { givenName: 'Barbara', familyName: `Jensen${sequence}` },
    displayName: `Babs ${sequence}`,
    emails: [{ value: `user${sequence}@example.com`, type: 'work', primary: true }],
    ...extra,
  };
}

/**
 * The contract every adapter passes over real HTTP: every endpoint, status code and error shape,
 * ETag flows, projection, both paginations, /Bulk with references and failures, /Me.
 */
export function contract(name: string, start: () => Promise<Running>, profile: ServerProfile): void {
  const LIMITS = profile.limits;
  describe(`SCIM contract over HTTP: ${name}`, () => {
    let running: Running;
    let call: Call;
    const create = async (body: Record<string, unknown> = newUser()): Promise<Answer> => {
      const answer = await call('POST', '/Users', { body });
      expect(answer.status).toBe(201);
      return answer;
    };

    beforeAll(async () => {
      running = await start();
      call = client(running.base, profile.token);
    });
    afterAll(() => running.close());

    describe('discovery', () => {
      it('serves a ServiceProviderConfig that tells the truth about the limits', async () => {
        const answer = await call('GET', '/ServiceProviderConfig');
        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-type')?.split(';')[0]).toBe('application/scim+json');
        conforms(answer.json, serviceProviderConfigSchema);
        expect(answer.json.bulk).toEqual({
          supported: true,
          maxOperations: LIMITS.bulkMaxOperations,
          maxPayloadSize: LIMITS.bulkMaxPayload,
        });
        expect(answer.json.filter).toEqual({ supported: true, maxResults: LIMITS.maxCount });
        // RFC 9865's member only when the server is told to advertise it (strict clients refuse it).
        expect(answer.json).not.toHaveProperty('pagination');
        expect(answer.json.meta.location).toBe(`${running.base}/ServiceProviderConfig`);
      });

      it('lists every schema, each a valid Schema resource, and serves each by its URN', async () => {
        const answer = await call('GET', '/Schemas');
        expect(answer.status).toBe(200);
        expect(answer.json.schemas).toEqual([LIST]);
        const ids = answer.json.Resources.map((s: { id: string }) => s.id);
        expect(ids).toEqual(expect.arrayContaining([USER, GROUP, ENTERPRISE, ACME]));
        expect(answer.json.totalResults).toBe(ids.length);
        for (const schema of answer.json.Resources) conforms(schema, schemaSchema, SCHEMA_SCHEMA_WARNINGS[schema.id]);
        const one = await call('GET', `/Schemas/${ACME}`);
        expect(one.status).toBe(200);
        expect(one.json.attributes.map((a: { name: string }) => a.name)).toContain('custom_field9');
        expect(one.json.meta).toEqual({ resourceType: 'Schema', location: `${running.base}/Schemas/${ACME}` });
      });

      it('lists the resource types with their extensions', async () => {
        const answer = await call('GET', '/ResourceTypes');
        expect(answer.json.totalResults).toBe(2);
        for (const rt of answer.json.Resources) conforms(rt, resourceTypeSchema);
        const user = await call('GET', '/ResourceTypes/User');
        expect(user.json).toMatchObject({
          id: 'User',
          endpoint: '/Users',
          schema: USER,
          schemaExtensions: [
            { schema: ENTERPRISE, required: false },
            { schema: ACME, required: false },
          ],
        });
      });

      it.each([
        ['an unknown schema', 'GET', `/Schemas/urn:example:nothing`, 404],
        ['an unknown resource type', 'GET', '/ResourceTypes/Device', 404],
        ['a filter on /Schemas', 'GET', '/Schemas?filter=id%20pr', 403],
        ['a write to /ServiceProviderConfig', 'PUT', '/ServiceProviderConfig', 405],
      ])('answers %s with a SCIM error', async (_what, method, path, status) => {
        expectError(await call(method, path, method === 'PUT' ? { body: {} } : {}), status);
      });
    });

    describe('create, read, replace, delete', () => {
      it('creates a user: 201, Location, ETag, canonical names, readOnly input dropped, password never returned', async () => {
        const body = newUser({
          id: 'chosen-by-client',
          USERNAME: undefined,
          password: 't1meMachine',
          [ACME]: { custom_field1: 'CC-1' },
        });
        body['schemas'] = [USER, ACME];
        const answer = await create(body);
        const user = answer.json;
        expect(user.id).not.toBe('chosen-by-client');
        expect(answer.headers.get('location')).toBe(`${running.base}/Users/${user.id}`);
        expect(user.meta.location).toBe(answer.headers.get('location'));
        expect(answer.headers.get('etag')).toBe(user.meta.version);
        expect(user.meta.resourceType).toBe('User');
        expect(user.meta.created).toBe(user.meta.lastModified);
        expect(user.password).toBeUndefined();
        expect(user[ACME]).toEqual({ custom_field1: 'CC-1' });
      });

      it('accepts application/json (Google) and the Entra ID base-URL flag', async () => {
        const answer = await call('POST', '/Users?aadOptscim062020', {
          raw: JSON.stringify(newUser()),
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
        expect(answer.status).toBe(201);
      });

      it('answers 409 uniqueness for a userName taken in another case', async () => {
        const first = newUser();
        await create(first);
        const again = await call('POST', '/Users', {
          body: { ...newUser(), userName: String(first['userName']).toUpperCase() },
        });
        expectError(again, 409, 'uniqueness');
      });

      it.each([
        ['a number for userName', { schemas: [USER], userName: 42 }, 'invalidValue', 'userName'],
        ['no userName', { schemas: [USER], displayName: 'x' }, 'invalidValue', 'userName'],
        ['no schemas', { userName: 'noschemas' }, 'invalidSyntax', 'schemas'],
        [
          'two primary emails',
          newUser({
            emails: [
              { value: 'a@x', primary: true },
              { value: 'b@x', primary: true },
            ],
          }),
          'invalidValue',
          'emails',
        ],
        [
          'a bad dateTime',
          { schemas: [USER, ACME], userName: 'dt', [ACME]: { custom_field1: 'x', custom_field6: 'yesterday' } },
          'invalidValue',
          'custom_field6',
        ],
        ['an array for an object', { schemas: [USER], userName: 'arr', name: ['x'] }, 'invalidValue', 'name'],
        ['a JSON array', [], 'invalidSyntax', undefined],
      ])('rejects %s with 400', async (_what, body, scimType, mentioned) => {
        const answer = await call('POST', '/Users', { body });
        expectError(answer, 400, scimType);
        if (mentioned !== undefined) expect(answer.json.detail).toContain(mentioned);
      });

      it.each([
        ['malformed JSON', { raw: '{"schemas": [', headers: {} }, 400, 'invalidSyntax'],
        ['an empty body', { raw: '', headers: { 'content-type': 'application/scim+json' } }, 400, 'invalidSyntax'],
        ['text/plain', { raw: '{}', headers: { 'content-type': 'text/plain' } }, 415, undefined],
        ['bytes that are not UTF-8', { raw: new Uint8Array([0x7b, 0xff, 0x7d]), headers: {} }, 400, 'invalidSyntax'],
        [
          'a body over the limit',
          { raw: `{"userName":"${'x'.repeat(LIMITS.maxBodyBytes)}"}`, headers: {} },
          413,
          undefined,
        ],
      ])('rejects %s', async (_what, options, status, scimType) => {
        expectError(await call('POST', '/Users', options), status, scimType);
      });

      it('reads a user with ETag, answers 304 to a matching If-None-Match, 404 for an unknown id', async () => {
        const created = (await create()).json;
        const answer = await call('GET', `/Users/${created.id}`);
        expect(answer.status).toBe(200);
        expect(answer.json).toEqual(created);
        const etag = answer.headers.get('etag')!;
        const same = await call('GET', `/Users/${created.id}`, { headers: { 'if-none-match': etag } });
        expect(same.status).toBe(304);
        expect(same.text).toBe('');
        const other = await call('GET', `/Users/${created.id}`, { headers: { 'if-none-match': 'W/"nope"' } });
        expect(other.status).toBe(200);
        expectError(await call('GET', '/Users/no-such-id'), 404);
      });

      it('projects attributes and excludedAttributes on reads and writes', async () => {
        const created = (await create()).json;
        const only = await call('GET', `/Users/${created.id}?attributes=userName,name.givenName`);
        expect(Object.keys(only.json).sort()).toEqual(['id', 'name', 'schemas', 'userName']);
        expect(only.json.name).toEqual({ givenName: 'Barbara' });
        const without = await call('GET', `/Users/${created.id}?excludedAttributes=emails,meta`);
        expect(without.json.emails).toBeUndefined();
        expect(without.json.meta).toBeUndefined();
        expect(without.json.userName).toBe(created.userName);
        const written = await call('PUT', `/Users/${created.id}?attributes=displayName`, {
          body: { ...newUser(), userName: created.userName, displayName: 'Renamed' },
        });
        expect(written.json).toEqual({ schemas: [USER], id: created.id, displayName: 'Renamed' });
      });

      it('replaces a user; a stale If-Match gets 412 and changes nothing', async () => {
        const created = (await create()).json;
        const stale = created.meta.version;
        const replaced = await call('PUT', `/Users/${created.id}`, {
          body: { schemas: [USER], userName: created.userName, displayName: 'Replaced' },
          headers: { 'if-match': stale },
        });
        expect(replaced.status).toBe(200);
        expect(replaced.json.displayName).toBe('Replaced');
        expect(replaced.json.emails).toBeUndefined();
        expect(replaced.json.meta.version).not.toBe(stale);
        expect(replaced.json.meta.created).toBe(created.meta.created);
        const conflict = await call('PUT', `/Users/${created.id}`, {
          body: { schemas: [USER], userName: created.userName, displayName: 'Lost update' },
          headers: { 'if-match': stale },
        });
        expectError(conflict, 412);
        expect((await call('GET', `/Users/${created.id}`)).json.displayName).toBe('Replaced');
      });

      it('keeps an immutable value: replace may repeat it, not change it', async () => {
        const body = { ...newUser(), schemas: [USER, ACME], [ACME]: { custom_field1: 'a', custom_field3: 7 } };
        const created = (await create(body)).json;
        const same = await call('PUT', `/Users/${created.id}`, { body });
        expect(same.status).toBe(200);
        const changed = await call('PUT', `/Users/${created.id}`, {
          body: { ...body, [ACME]: { custom_field1: 'a', custom_field3: 8 } },
        });
        expectError(changed, 400, 'mutability');
      });

      it('deletes: 204, then 404 on read and on a second delete; a stale If-Match gets 412', async () => {
        const created = (await create()).json;
        expectError(await call('DELETE', `/Users/${created.id}`, { headers: { 'if-match': 'W/"0"' } }), 412);
        const deleted = await call('DELETE', `/Users/${created.id}`, { headers: { 'if-match': created.meta.version } });
        expect(deleted.status).toBe(204);
        expect(deleted.text).toBe('');
        expectError(await call('GET', `/Users/${created.id}`), 404);
        expectError(await call('DELETE', `/Users/${created.id}`), 404);
      });

      it('answers 404 for PUT and PATCH of an unknown id', async () => {
        expectError(await call('PUT', '/Users/nobody', { body: newUser() }), 404);
        expectError(
          await call('PATCH', '/Users/nobody', {
            body: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'title' }] },
          }),
          404,
        );
      });
    });

    describe('PATCH', () => {
      it('answers 200 with the resource, or 204 when the client prefers return=minimal', async () => {
        const created = (await create()).json;
        const patched = await call('PATCH', `/Users/${created.id}`, {
          body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Patched' }] },
        });
        expect(patched.status).toBe(200);
        expect(patched.json.displayName).toBe('Patched');
        expect(patched.headers.get('etag')).toBe(patched.json.meta.version);
        const minimal = await call('PATCH', `/Users/${created.id}`, {
          body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Guide' }] },
          headers: { prefer: 'return=minimal' },
        });
        expect(minimal.status).toBe(204);
        expect(minimal.text).toBe('');
        expect(minimal.headers.get('etag')).not.toBe(patched.headers.get('etag'));
        expect((await call('GET', `/Users/${created.id}`)).json.title).toBe('Guide');
      });

      it('checks If-Match and the patched result', async () => {
        const created = (await create()).json;
        expectError(
          await call('PATCH', `/Users/${created.id}`, {
            body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
            headers: { 'if-match': 'W/"0"' },
          }),
          412,
        );
        expectError(
          await call('PATCH', `/Users/${created.id}`, {
            body: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'userName' }] },
          }),
          400,
          'invalidValue',
        );
        expectError(
          await call('PATCH', `/Users/${created.id}`, {
            body: { schemas: [PATCH_OP], Operations: [{ op: 'jump', path: 'title' }] },
          }),
          400,
          'invalidSyntax',
        );
        expectError(
          await call('PATCH', `/Users/${created.id}`, {
            body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'emails[type eq', value: 'x' }] },
          }),
          400,
          'invalidPath',
        );
        expect((await call('GET', `/Users/${created.id}`)).json.meta.version).toBe(created.meta.version);
      });

      it('adds and removes group members', async () => {
        const alice = (await create()).json;
        const bob = (await create()).json;
        const group = await call('POST', '/Groups', { body: { schemas: [GROUP], displayName: `Team ${sequence}` } });
        expect(group.status).toBe(201);
        const added = await call('PATCH', `/Groups/${group.json.id}`, {
          body: {
            schemas: [PATCH_OP],
            Operations: [{ op: 'add', path: 'members', value: [{ value: alice.id }, { value: bob.id }] }],
          },
        });
        expect(added.json.members.map((m: { value: string }) => m.value)).toEqual([alice.id, bob.id]);
        const removed = await call('PATCH', `/Groups/${group.json.id}`, {
          body: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${alice.id}"]` }] },
        });
        expect(removed.json.members.map((m: { value: string }) => m.value)).toEqual([bob.id]);
      });
    });

    describe('lists and searches', () => {
      let tag: string;
      let ids: string[];
      beforeAll(async () => {
        tag = `list${Date.now()}`;
        ids = [];
        for (let i = 0; i < 7; i++) {
          const answer = await create(newUser({ title: tag, nickName: `n${6 - i}` }));
          ids.push(answer.json.id);
        }
      });

      it('filters by userName eq, ignoring case as userName does', async () => {
        const user = (await call('GET', `/Users/${ids[3]}`)).json;
        const answer = await call(
          'GET',
          `/Users?filter=${encodeURIComponent(`userName eq "${user.userName.toUpperCase()}"`)}`,
        );
        expect(answer.status).toBe(200);
        expect(answer.json).toMatchObject({ schemas: [LIST], totalResults: 1, itemsPerPage: 1, startIndex: 1 });
        expect(answer.json.Resources[0].id).toBe(ids[3]);
        expect(answer.json.Resources[0].meta.location).toBe(`${running.base}/Users/${ids[3]}`);
      });

      it('sorts and pages by index', async () => {
        const filter = encodeURIComponent(`title eq "${tag}"`);
        const page = await call(
          'GET',
          `/Users?filter=${filter}&sortBy=nickName&startIndex=3&count=2&attributes=nickName`,
        );
        expect(page.json.totalResults).toBe(7);
        expect(page.json.startIndex).toBe(3);
        expect(page.json.Resources.map((r: { nickName: string }) => r.nickName)).toEqual(['n2', 'n3']);
        const descending = await call('GET', `/Users?filter=${filter}&sortBy=nickName&sortOrder=descending&count=1`);
        expect(descending.json.Resources[0].nickName).toBe('n6');
      });

      it('pages by cursor (RFC 9865) until the end, and rejects a forged cursor', async () => {
        const filter = encodeURIComponent(`title eq "${tag}"`);
        const seen: string[] = [];
        let cursor = '';
        for (let pages = 0; pages < 10; pages++) {
          const page = await call('GET', `/Users?filter=${filter}&count=3&cursor=${encodeURIComponent(cursor)}`);
          expect(page.status).toBe(200);
          seen.push(...page.json.Resources.map((r: { id: string }) => r.id));
          if (page.json.nextCursor === undefined) break;
          cursor = page.json.nextCursor;
        }
        expect(seen.sort()).toEqual([...ids].sort());
        expectError(await call('GET', `/Users?filter=${filter}&cursor=forged`), 400, 'invalidCursor');
        expectError(await call('GET', `/Users?count=${LIMITS.maxCount + 1}&cursor=`), 400, 'invalidCount');
      });

      it('searches with POST /Users/.search and POST /.search across resource types', async () => {
        const search = await call('POST', '/Users/.search', {
          body: { schemas: [SEARCH], filter: `title eq "${tag}"`, count: 2, attributes: ['userName'] },
        });
        expect(search.status).toBe(200);
        expect(search.json.totalResults).toBe(7);
        expect(search.json.Resources).toHaveLength(2);
        const group = await call('POST', '/Groups', { body: { schemas: [GROUP], displayName: `${tag} group` } });
        const root = await call('POST', '/.search', {
          body: { schemas: [SEARCH], filter: `displayName sw "Babs" or displayName eq "${tag} group"` },
        });
        expect(root.status).toBe(200);
        const found = root.json.Resources.map((r: { id: string }) => r.id);
        expect(found).toContain(group.json.id);
        expect(found).toEqual(expect.arrayContaining(ids));
        expectError(await call('POST', '/Users/.search', { body: { filter: 'userName pr' } }), 400, 'invalidSyntax');
      });

      it.each([
        ['a filter that does not parse', '/Users?filter=userName%20eq', 'invalidFilter'],
        [
          'a hostile filter',
          `/Users?filter=${encodeURIComponent('userName eq "x") || process.exit(1) || ("')}`,
          'invalidFilter',
        ],
        ['an unknown attribute in a filter', '/Users?filter=shoeSize%20gt%205', 'invalidFilter'],
        ['a non-integer count', '/Users?count=many', 'invalidValue'],
        ['a bad sortOrder', '/Users?sortOrder=sideways', 'invalidValue'],
      ])('rejects %s with 400', async (_what, path, scimType) => {
        expectError(await call('GET', path), 400, scimType);
      });
    });

    describe('routing', () => {
      it.each([
        ['DELETE on a collection', 'DELETE', '/Users', 405, 'GET, POST'],
        ['POST on a resource', 'POST', '/Users/abc', 405, 'GET, PUT, PATCH, DELETE'],
        ['GET on /Bulk', 'GET', '/Bulk', 405, 'POST'],
      ])('answers %s with 405 and Allow', async (_what, method, path, status, allow) => {
        const answer = await call(method, path, method === 'POST' ? { body: newUser() } : {});
        expectError(answer, status);
        expect(answer.headers.get('allow')).toBe(allow);
      });

      it.each([['/Devices'], ['/Users/a/b']])('answers %s with 404', async (path) => {
        expectError(await call('GET', path), 404);
      });

      it('answers GET on the base URL with a root query (RFC 7644 §3.4.2), PUT with 405 and Allow', async () => {
        const created = (await create()).json;
        const root = await call('GET', `/?filter=${encodeURIComponent(`id eq "${created.id}"`)}`);
        expect(root.status).toBe(200);
        expect(root.json.Resources.map((r: { id: string }) => r.id)).toEqual([created.id]);
        const put = await call('PUT', '/', { body: {} });
        expectError(put, 405);
        expect(put.headers.get('allow')).toBe('GET');
      });

      it('answers a path that is not valid percent-encoding with 400', async () => {
        expectError(await call('GET', '/Users/%E0%A4%A'), 400);
      });

      it(
        profile.me ? 'serves /Me as the authenticated subject' : 'answers /Me with 501 when it is not configured',
        async () => {
          const created = (await create()).json;
          const me = await call('GET', '/Me?attributes=userName', { headers: { [SUBJECT_HEADER]: created.id } });
          if (!profile.me) {
            expectError(me, 501);
            return;
          }
          expect(me.status).toBe(200);
          expect(me.json).toEqual({ schemas: [USER], id: created.id, userName: created.userName });
          expectError(await call('GET', '/Me'), 404);
        },
      );

      it(
        profile.token !== undefined ? 'answers 401 without the bearer token' : 'answers without any token',
        async () => {
          const anonymous = client(running.base);
          for (const authorization of [
            undefined,
            'Bearer wrong-token',
            'Basic dXNlcjpwYXNz',
            `Bearer ${profile.token ?? ''}x`,
          ]) {
            const answer = await anonymous('GET', '/ServiceProviderConfig', {
              headers: authorization === undefined ? {} : { authorization },
            });
            if (profile.token === undefined) {
              expect(answer.status).toBe(200);
              continue;
            }
            expectError(answer, 401);
            // RFC 6750 §3.1: a token that was presented and refused is "invalid_token".
            expect(answer.headers.get('www-authenticate')).toBe(
              authorization?.startsWith('Bearer')
                ? 'Bearer realm="SCIM", error="invalid_token"'
                : 'Bearer realm="SCIM"',
            );
          }
        },
      );
    });

    describe('/Bulk', () => {
      const bulk = (Operations: unknown[], extra: Record<string, unknown> = {}) =>
        call('POST', '/Bulk', { body: { schemas: [BULK], Operations, ...extra } });

      it('creates a group whose member is a user created later in the same request', async () => {
        const answer = await bulk([
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g',
            data: { schemas: [GROUP], displayName: `bulk ${sequence}`, members: [{ value: 'bulkId:u' }] },
          },
          { method: 'POST', path: '/Users', bulkId: 'u', data: newUser() },
        ]);
        expect(answer.status).toBe(200);
        expect(answer.json.schemas).toEqual([BULK_RESPONSE]);
        const [group, user] = answer.json.Operations;
        expect(group).toMatchObject({ method: 'POST', bulkId: 'g', status: '201' });
        expect(user).toMatchObject({ method: 'POST', bulkId: 'u', status: '201' });
        const userId = user.location.split('/').pop();
        const stored = await call('GET', group.location.slice(running.base.length));
        expect(stored.json.members).toEqual([{ value: userId }]);
        expect(group.version).toBe(stored.json.meta.version);
      });

      it('runs PUT, PATCH and DELETE on a path with a bulkId', async () => {
        const answer = await bulk([
          { method: 'POST', path: '/Users', bulkId: 'a', data: newUser() },
          {
            method: 'PATCH',
            path: '/Users/bulkId:a',
            data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'T' }] },
          },
          { method: 'DELETE', path: '/Users/bulkId:a' },
        ]);
        expect(answer.json.Operations.map((o: { status: string }) => o.status)).toEqual(['201', '200', '204']);
        const [created, patched, deleted] = answer.json.Operations;
        expect(created.location).toMatch(new RegExp(`^${running.base}/Users/[^/]+$`));
        expect(patched.location).toBe(created.location);
        expect(deleted.location).toBe(created.location);
      });

      it('reports each failure and stops after failOnErrors', async () => {
        const answer = await bulk(
          [
            { method: 'POST', path: '/Users', bulkId: 'bad1', data: { schemas: [USER] } },
            { method: 'POST', path: '/Users', bulkId: 'ok', data: newUser() },
            { method: 'PUT', path: '/Users/nobody', data: newUser() },
            { method: 'POST', path: '/Users', bulkId: 'never', data: newUser() },
          ],
          { failOnErrors: 2 },
        );
        const operations = answer.json.Operations;
        expect(operations.map((o: { status: string }) => o.status)).toEqual(['400', '201', '404']);
        expect(operations[0].response).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
      });

      it('fails an operation whose bulkId dependency failed, and every operation in a cycle', async () => {
        const answer = await bulk([
          { method: 'POST', path: '/Users', bulkId: 'x', data: { schemas: [USER] } },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'gx',
            data: { schemas: [GROUP], displayName: 'depends', members: [{ value: 'bulkId:x' }] },
          },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'c1',
            data: { schemas: [GROUP], displayName: 'c1', members: [{ value: 'bulkId:c2' }] },
          },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'c2',
            data: { schemas: [GROUP], displayName: 'c2', members: [{ value: 'bulkId:c1' }] },
          },
        ]);
        expect(answer.json.Operations.map((o: { status: string }) => o.status)).toEqual(['400', '409', '409', '409']);
      });

      it.each([
        [
          'too many operations',
          {
            schemas: [BULK],
            Operations: Array.from({ length: LIMITS.bulkMaxOperations + 1 }, (_, i) => ({
              method: 'DELETE',
              path: `/Users/${i}`,
            })),
          },
          413,
          undefined,
        ],
        ['no BulkRequest schema', { schemas: [], Operations: [] }, 400, 'invalidSyntax'],
        [
          'an unknown bulkId',
          { schemas: [BULK], Operations: [{ method: 'PUT', path: '/Users/bulkId:nope', data: {} }] },
          400,
          'invalidValue',
        ],
        [
          'a POST without bulkId',
          { schemas: [BULK], Operations: [{ method: 'POST', path: '/Users', data: {} }] },
          400,
          'invalidSyntax',
        ],
        ['a GET operation', { schemas: [BULK], Operations: [{ method: 'GET', path: '/Users' }] }, 400, 'invalidSyntax'],
        ['failOnErrors 0', { schemas: [BULK], failOnErrors: 0, Operations: [] }, 400, 'invalidValue'],
        ['a text failOnErrors', { schemas: [BULK], failOnErrors: 'two', Operations: [] }, 400, 'invalidValue'],
        ['no Operations array', { schemas: [BULK], Operations: {} }, 400, 'invalidSyntax'],
        [
          'an operation that is not an object',
          { schemas: [BULK], Operations: ['DELETE /Users/1'] },
          400,
          'invalidSyntax',
        ],
        [
          'a path without a slash',
          { schemas: [BULK], Operations: [{ method: 'DELETE', path: 'Users/1' }] },
          400,
          'invalidSyntax',
        ],
        [
          'a numeric version',
          { schemas: [BULK], Operations: [{ method: 'DELETE', path: '/Users/1', version: 3 }] },
          400,
          'invalidSyntax',
        ],
        [
          'a PUT without data',
          { schemas: [BULK], Operations: [{ method: 'PUT', path: '/Users/1' }] },
          400,
          'invalidSyntax',
        ],
        ['a JSON array for the request', [], 400, 'invalidSyntax'],
        [
          'a duplicate bulkId',
          {
            schemas: [BULK],
            Operations: [
              { method: 'POST', path: '/Users', bulkId: 'd', data: {} },
              { method: 'POST', path: '/Users', bulkId: 'd', data: {} },
            ],
          },
          400,
          'invalidSyntax',
        ],
      ])('rejects a request with %s', async (_what, body, status, scimType) => {
        expectError(await call('POST', '/Bulk', { body }), status, scimType);
      });

      it('accepts a bulk body above the ordinary limit but within maxPayloadSize, and refuses one beyond', async () => {
        const padding = 'x'.repeat(LIMITS.maxBodyBytes);
        const within = await bulk([
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'p',
            data: newUser({ title: padding.slice(0, 60000), nickName: padding.slice(0, 10000) }),
          },
        ]);
        expect(within.status).toBe(200);
        const beyond = await call('POST', '/Bulk', {
          raw: JSON.stringify({ schemas: [BULK], Operations: [], pad: 'x'.repeat(LIMITS.bulkMaxPayload) }),
        });
        expectError(beyond, 413);
      });
    });
  });
}

export type { Answer };
