import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acmeServer, TEST_PROFILE } from './app.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const headers = { authorization: `Bearer ${TEST_PROFILE.token}`, 'content-type': 'application/scim+json' };

/**
 * Whatever arrives, the answer is a SCIM response below 500: the core's `handle` is fed random
 * methods, paths, queries and bodies (random JSON, and random JSON inside otherwise well-formed
 * SCIM messages), and nothing stored is left half-written.
 */
describe('hostile input never gets a 500', () => {
  it('random requests', async () => {
    const server = acmeServer('http://127.0.0.1/scim/v2', {
      onError: (error) => {
        throw error;
      },
    });
    const created = await server.handle({
      method: 'POST',
      url: '/Users',
      headers,
      body: JSON.stringify({ schemas: [USER], userName: 'target' }),
    });
    const id = JSON.parse(created.body!).id as string;
    let deleted = false;
    const segment = fc.oneof(
      fc.constantFrom(
        'Users',
        'Groups',
        'Bulk',
        'Me',
        '.search',
        'Schemas',
        'ResourceTypes',
        'ServiceProviderConfig',
        id,
        'bulkId:x',
      ),
      fc.string({ maxLength: 8 }).map(encodeURIComponent),
    );
    const query = fc.oneof(
      fc.constant(''),
      fc
        .tuple(
          fc.constantFrom(
            'filter',
            'sortBy',
            'sortOrder',
            'startIndex',
            'count',
            'cursor',
            'attributes',
            'excludedAttributes',
          ),
          fc.string({ maxLength: 30 }),
        )
        .map(([k, v]) => `?${k}=${encodeURIComponent(v)}`),
      fc.constantFrom(
        '?filter=userName%20eq%20%22target%22',
        '?filter=emails[type%20eq',
        '?count=-1&startIndex=0',
        '?cursor=&count=1',
        '?aadOptscim062020',
      ),
    );
    const value = fc.json({ depthSize: 'small' }).map((text) => JSON.parse(text) as unknown);
    const body = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 40 }),
      fc.json({ depthSize: 'small' }),
      value.map((v) => JSON.stringify({ schemas: [USER], userName: v, emails: v, name: v })),
      value.map((v) =>
        JSON.stringify({
          schemas: [PATCH_OP],
          Operations: [
            { op: 'replace', path: 'emails[type eq "work"].value', value: v },
            { op: 'add', value: v },
          ],
        }),
      ),
      value.map((v) =>
        JSON.stringify({
          schemas: [BULK],
          Operations: [
            { method: 'POST', bulkId: 'x', path: '/Users', data: v },
            { method: 'PATCH', path: `/Users/bulkId:x`, data: v },
          ],
        }),
      ),
      fc.constant('['.repeat(50_000) + ']'.repeat(50_000)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
        fc.array(segment, { minLength: 0, maxLength: 3 }),
        query,
        body,
        async (method, segments, q, text) => {
          const answer = await server.handle({ method, url: `/${segments.join('/')}${q}`, headers, body: text });
          // Empty segments ("//Users/…") are dropped by the router, as here.
          const target = segments.filter((s) => s !== '').join('/');
          if (method === 'DELETE' && answer.status === 204 && target === `Users/${id}`) deleted = true;
          // 501 is a deliberate answer (POST /Me); anything else from 500 up would be a failure to answer.
          const status = answer.status === 501 && segments.find((s) => s !== '') === 'Me' ? 400 : answer.status;
          expect(status, `${method} /${segments.join('/')}${q} ${text?.slice(0, 100)}`).toBeLessThan(500);
          if (answer.body !== undefined) expect(JSON.parse(answer.body)).toBeTypeOf('object');
        },
      ),
      { numRuns: 1500 },
    );
    // The resource everything was thrown at is still whole: read back and valid, unless a DELETE
    // of it was answered 204.
    const after = await server.handle({ method: 'GET', url: `/Users/${id}`, headers });
    expect(after.status).toBe(deleted ? 404 : 200);
    if (!deleted) expect(JSON.parse(after.body!).schemas).toContain(USER);
  }, 60_000);
});
