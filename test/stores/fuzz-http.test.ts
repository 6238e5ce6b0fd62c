import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PROFILE, type Running } from '../server/app.js';
import { fuzzRuns, fuzzSeed } from '../helpers/fuzz.js';
import { serveOnStore } from './serve.js';
import { BACKENDS, type Backend } from './backends.js';
import { ACME, ENTERPRISE, GROUP, USER } from './data.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** One generated request. */
interface Probe {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** Strings chosen to break things: escapes, NUL, lone surrogates, huge numbers, SQL and filter syntax. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\uD800',
    '\uDC00b',
    "'; DROP TABLE scim_user; --",
    '" or 1 eq 1',
    '\\u0000',
    '%00',
    '1e308',
    '-0',
    '+010000-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2011-05-13T04:42:34Z',
    'bulkId:a',
    'bulkId:missing',
    '$scrypt$N=1073741824,r=8,p=1$AA$AA',
    'x'.repeat(300),
  ),
);

/** JSON values of every kind, hostile leaves included. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, 4711),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(hostileText, fc.constantFrom('value', 'type', 'primary', 'display', '$ref')), tie('value'), {
      maxKeys: 3,
    }),
  ),
})).value;

/** Attribute paths real and made up, for filters, sortBy, attributes and PATCH paths. */
const attributePath = fc.oneof(
  fc.constantFrom(
    'userName',
    'password',
    'name.givenName',
    'emails',
    'emails.value',
    'emails[type eq "work"].value',
    'members',
    'members[value eq "x"]',
    'displayName',
    'active',
    'meta.created',
    'meta.lastModified',
    'groups',
    `${ENTERPRISE}:manager.value`,
    `${ACME}:custom_field3`,
    `${ACME}:custom_field6`,
    'nosuch',
    '',
  ),
  hostileText,
);

const filterText = fc.oneof(
  fc
    .tuple(
      attributePath,
      fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'EQ'),
      hostileValue,
    )
    .map(([path, op, value]) => (op === 'pr' ? `${path} pr` : `${path} ${op} ${JSON.stringify(value) ?? 'null'}`)),
  hostileText,
  fc.nat({ max: 60 }).map((n) => `${'('.repeat(n)}userName eq "a"${')'.repeat(n)}`),
  fc.nat({ max: 60 }).map((n) => `${'not ('.repeat(n)}userName pr${')'.repeat(n)}`),
);

const queryString = fc
  .array(
    fc.oneof(
      filterText.map((f) => ['filter', f]),
      attributePath.map((p) => ['sortBy', p]),
      fc.constantFrom('ascending', 'descending', 'sideways').map((o) => ['sortOrder', o]),
      fc.oneof(fc.integer({ min: -5, max: 200_000 }).map(String), hostileText).map((n) => ['startIndex', n]),
      fc.oneof(fc.integer({ min: -5, max: 2000 }).map(String), hostileText).map((n) => ['count', n]),
      fc.oneof(hostileText, fc.base64String({ maxLength: 60 })).map((c) => ['cursor', c]),
      attributePath.map((p) => ['attributes', p]),
      attributePath.map((p) => ['excludedAttributes', p]),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs as [string, string][]).toString()}`));

const patchBody = fc
  .array(
    fc.record(
      {
        op: fc.constantFrom('add', 'replace', 'remove', 'Replace', 'Add', 'copy'),
        path: attributePath,
        value: hostileValue,
      },
      { requiredKeys: ['op'] },
    ),
    { maxLength: 4 },
  )
  .map((Operations) => ({ schemas: [PATCH_OP], Operations }));

const resourceBody = fc
  .record(
    {
      userName: hostileValue,
      displayName: hostileValue,
      password: hostileValue,
      emails: hostileValue,
      members: hostileValue,
      active: hostileValue,
      [ACME]: fc.record({ custom_field1: hostileValue, custom_field3: hostileValue, custom_field6: hostileValue }),
    },
    { requiredKeys: [] },
  )
  .map((r) => ({ schemas: [USER, GROUP, ACME], ...r }));

const bulkBody = fc
  .array(
    fc.record({
      method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET'),
      path: fc.constantFrom('/Users', '/Groups', '/Users/bulkId:a', '/Groups/bulkId:b', '/Bulk', '/nowhere'),
      bulkId: fc.constantFrom('a', 'b', 'c', ''),
      data: fc.oneof(resourceBody, patchBody, hostileValue),
      version: fc.oneof(hostileText, fc.constant('W/"1"')),
    }),
    { maxLength: 5 },
  )
  .map((Operations) => ({ schemas: [BULK], failOnErrors: 1, Operations }));

const deepBody = fc.integer({ min: 60, max: 3000 }).map((depth) => {
  let value: unknown = 'bulkId:a';
  for (let i = 0; i < depth; i++) value = { data: value };
  return { schemas: [USER], userName: 'deep', nested: value };
});

const bodyText = fc.oneof(
  fc.constant(undefined),
  resourceBody.map((b) => JSON.stringify(b)),
  patchBody.map((b) => JSON.stringify(b)),
  bulkBody.map((b) => JSON.stringify(b)),
  deepBody.map((b) => JSON.stringify(b)),
  fc
    .record({ filter: filterText, startIndex: hostileValue, count: hostileValue })
    .map((s) => JSON.stringify({ schemas: [SEARCH], ...s })),
  fc.string({ maxLength: 40 }),
  hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
);

/** A path segment for any text: lone surrogates, which encodeURIComponent refuses, as their UTF-8-like bytes. */
function percentEncoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

function probes(ids: readonly string[]): fc.Arbitrary<Probe> {
  const segment = fc.oneof(
    fc.constantFrom('Users', 'Groups', 'Bulk', '.search', 'Schemas', 'ResourceTypes', 'ServiceProviderConfig', 'Me'),
    fc.constantFrom(...ids),
    fc.constantFrom('%00', '%ED%A0%80', '%2F', '..', 'bulkId%3Aa'),
    hostileText.map(percentEncoded),
  );
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
    path: fc
      .tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), queryString)
      .map(([segments, query]) => `/${segments.join('/')}${query}`),
    headers: fc.record(
      {
        'content-type': fc.constantFrom(
          'application/scim+json',
          'application/json',
          'text/plain',
          'application/scim+json; charset=latin1',
        ),
        'if-match': fc.oneof(
          hostileText.filter((t) => /^[\x20-\x7e]*$/.test(t)),
          fc.constantFrom('*', 'W/"1"', 'W/"2"'),
        ),
        prefer: fc.constantFrom('return=minimal', 'return=representation', 'handling=strict'),
      },
      { requiredKeys: ['content-type'] },
    ),
    body: bodyText,
  });
}

/** Everything stored, as one text: ids, versions, documents and member rows, in a fixed order. */
async function snapshot(backend: Backend): Promise<string> {
  const doc = backend.name === 'SQLite' ? 'json(doc)' : 'doc::text';
  const rows = await Promise.all([
    backend.query(`SELECT id, version, ${doc} AS doc FROM scim_user ORDER BY id`),
    backend.query(`SELECT id, version, ${doc} AS doc FROM scim_group ORDER BY id`),
    backend.query(`SELECT resource_id, value FROM scim_group_members ORDER BY resource_id, value`),
  ]);
  return JSON.stringify(rows);
}

for (const make of BACKENDS) {
  const backend = make();
  describe(`hostile requests over HTTP on ${backend.name} (seed ${fuzzSeed()}, ${fuzzRuns(2000)} cases)`, () => {
    let running: Running;
    const ids: string[] = [];

    beforeAll(async () => {
      running = await serveOnStore(backend, {
        // A cheap hash: the fuzzer sends thousands of passwords; the cost does not change what is checked.
        passwords: { cost: 1024 },
        onError: (error) => {
          throw error;
        },
      });
      const auth = { authorization: `Bearer ${TEST_PROFILE.token}`, 'content-type': 'application/scim+json' };
      for (const body of [
        { schemas: [USER], userName: 'fuzz-target' },
        { schemas: [GROUP], displayName: 'fuzz-group' },
      ]) {
        const endpoint = body.schemas[0] === USER ? 'Users' : 'Groups';
        const answer = await fetch(`${running.base}/${endpoint}`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify(body),
        });
        ids.push(((await answer.json()) as { id: string }).id);
      }
    });
    afterAll(async () => {
      await running?.close();
      await backend.drop();
    });

    it(
      'never answers 5xx; every 4xx is a SCIM error; a refused request changes nothing stored',
      async () => {
        await fc.assert(
          fc.asyncProperty(probes(ids), async (probe) => {
            const before = probe.method === 'GET' || probe.method === 'HEAD' ? undefined : await snapshot(backend);
            const response = await fetch(running.base + probe.path, {
              method: probe.method,
              headers: { authorization: `Bearer ${TEST_PROFILE.token}`, ...probe.headers },
              ...(probe.body !== undefined && probe.method !== 'GET' && probe.method !== 'HEAD'
                ? { body: probe.body }
                : {}),
            });
            const text = await response.text();
            const what = `${probe.method} ${probe.path} ${probe.body?.slice(0, 200) ?? ''} → ${response.status} ${text.slice(0, 300)}`;
            // 501: /Me and /Bulk answers the server gives on purpose for what it does not do.
            expect(response.status < 500 || response.status === 501, what).toBe(true);
            if (response.status >= 400 && probe.method !== 'HEAD') {
              const body = JSON.parse(text) as { schemas?: unknown; status?: unknown };
              expect({ schemas: body.schemas, status: body.status }, what).toEqual({
                schemas: [ERROR_URN],
                status: String(response.status),
              });
              if (before !== undefined) expect(await snapshot(backend), what).toBe(before);
            }
          }),
          { seed: fuzzSeed(), numRuns: fuzzRuns(2000) },
        );
        // The server is still up and answering.
        const after = await fetch(`${running.base}/ServiceProviderConfig`, {
          headers: { authorization: `Bearer ${TEST_PROFILE.token}` },
        });
        expect(after.status).toBe(200);
      },
      Math.max(600_000, fuzzRuns(2000) * 100),
    );
  });
}
