import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fs.js';
import { start, TEST_PROFILE, type Running } from './app.js';
import { client, type Call } from './client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

/**
 * The OpenAPI document of the committed acme server. The in-process test server serves the same
 * schemas, so what it answers must match what the document promises.
 */
describe('OpenAPI 3.1 document of a generated server', () => {
  let document: OpenApiDocument;
  let running: Running;
  let call: Call;
  let ajv: Ajv2020;
  const conforms = (schema: string, body: unknown) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
    expect(validate(body) ? [] : validate.errors).toEqual([]);
  };

  beforeAll(async () => {
    document = JSON.parse(await readFile(path.join(REPO_ROOT, 'examples/acme-server/openapi.json'), 'utf8'));
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'openapi', components: document.components });
    running = await start('node:http');
    call = client(running.base, TEST_PROFILE.token);
  });
  afterAll(() => running.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result).toEqual({ valid: true });
  });

  it('describes the requests and responses the server really exchanges', async () => {
    const create = {
      schemas: [USER],
      userName: 'openapi@example.com',
      name: { givenName: 'Open' },
      emails: [{ value: 'openapi@example.com', primary: true }],
    };
    conforms('UserCreateRequest', create);
    const created = await call('POST', '/Users', { body: create });
    expect(created.status).toBe(201);
    conforms('User', created.json);
    conforms('UserListResponse', (await call('GET', '/Users?filter=userName%20eq%20%22openapi%40example.com%22')).json);
    const group = {
      schemas: [GROUP],
      displayName: 'OpenAPI',
      members: [{ value: created.json.id, $ref: created.json.meta.location }],
    };
    conforms('GroupCreateRequest', group);
    const groupAnswer = await call('POST', '/Groups', { body: group });
    conforms('Group', groupAnswer.json);
    expect(groupAnswer.json.members[0].$ref).toBe(created.json.meta.location);
    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Renamed' }] };
    conforms('PatchOp', patch);
    conforms('User', (await call('PATCH', `/Users/${created.json.id}`, { body: patch })).json);
    conforms('Error', (await call('POST', '/Users', { body: { schemas: [USER] } })).json);
    const bulk = { schemas: [BULK], Operations: [{ method: 'DELETE', path: `/Groups/${groupAnswer.json.id}` }] };
    conforms('BulkRequest', bulk);
    conforms('BulkResponse', (await call('POST', '/Bulk', { body: bulk })).json);
  });

  it('rejects what the server rejects: a create request without userName', () => {
    const validate = ajv.getSchema('openapi#/components/schemas/UserCreateRequest')!;
    expect(validate({ schemas: [USER] })).toBe(false);
  });

  it('lists only operations the server routes', async () => {
    const user = (await call('POST', '/Users', { body: { schemas: [USER], userName: 'routes@example.com' } })).json;
    const operations = Object.entries(document.paths).flatMap(([route, item]) =>
      Object.keys(item)
        .filter((method) => method !== 'parameters')
        .map(
          (method) =>
            [method.toUpperCase(), route.replace('{id}', route.startsWith('/Users') ? user.id : 'x')] as const,
        ),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const [method, route] of operations) {
      const answer = await call(method, route, method === 'GET' || method === 'DELETE' ? {} : { body: {} });
      expect([method, route, answer.status]).not.toEqual([method, route, 405]);
      if (route.includes('/Users') || !route.includes('x'))
        expect([method, route, answer.status]).not.toEqual([method, route, 404]);
    }
  });
});
