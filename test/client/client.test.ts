import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerToken,
  customHeader,
  httpBasic,
  oauth2ClientCredentials,
  ScimClient,
  ScimClientError,
  ScimNetworkError,
  type TransportOptions,
} from '../../packages/client/src/index.js';
import {
  httpBasic as serverBasic,
  oauth2ClientCredentials as serverOAuth2,
  staticBearerTokens,
} from '../../packages/server/src/index.js';
import { start, TEST_PROFILE, type Running } from '../server/app.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
type User = { schemas: string[]; userName: string; title?: string; active?: boolean };

describe('the client against the generated server, over loopback', () => {
  let running: Running;
  let client: ScimClient;
  beforeAll(async () => {
    running = await start('node:http');
    client = new ScimClient({ baseUrl: running.base, auth: bearerToken(TEST_PROFILE.token!) });
  });
  afterAll(() => running.close());

  it('creates, reads, replaces with If-Match, patches and deletes', async () => {
    const users = client.resources<User, User>('/Users');
    const created = await users.create({ schemas: [USER], userName: 'client-crud' });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await users.get(created.id))?.userName).toBe('client-crud');
    const replaced = await users.replace(
      created.id,
      { schemas: [USER], userName: 'client-crud', title: 'One' },
      { ifMatch: created.meta!.version! },
    );
    expect(replaced.title).toBe('One');
    // The old ETag no longer matches.
    await expect(
      users.replace(created.id, { schemas: [USER], userName: 'client-crud' }, { ifMatch: created.meta!.version! }),
    ).rejects.toMatchObject({ status: 412 });
    const patched = await users.patch(created.id, [{ op: 'replace', path: 'active', value: false }]);
    expect(patched?.active).toBe(false);
    await users.delete(created.id);
    expect(await users.get(created.id)).toBeUndefined();
    await expect(users.delete(created.id)).rejects.toBeInstanceOf(ScimClientError);
  });

  it('walks every page by index and by cursor, and searches', async () => {
    const users = client.resources<User, User>('Users');
    for (let i = 0; i < 23; i++)
      await users.create({ schemas: [USER], userName: `page-${String(i).padStart(2, '0')}` });
    const filter = 'userName sw "page-"';
    const byIndex: string[] = [];
    for await (const u of users.all({ filter, count: 5, sortBy: 'userName' })) byIndex.push(u.userName);
    expect(byIndex).toEqual(Array.from({ length: 23 }, (_, i) => `page-${String(i).padStart(2, '0')}`));
    const byCursor: string[] = [];
    for await (const u of users.all({ filter, count: 4, sortBy: 'userName', sortOrder: 'descending' }, 'cursor'))
      byCursor.push(u.userName);
    expect(byCursor).toEqual([...byIndex].reverse());
    const found = await users.search({ filter: 'userName eq "page-07"', attributes: ['userName'] });
    expect(found.totalResults).toBe(1);
    expect(found.Resources[0]).not.toHaveProperty('title');
  });

  it('sends /Bulk with bulkId references and reads discovery', async () => {
    const results = await client.bulk([
      { method: 'POST', path: '/Users', bulkId: 'u', data: { schemas: [USER], userName: 'bulk-client' } },
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'g',
        data: { schemas: [GROUP], displayName: 'Bulk', members: [{ value: 'bulkId:u' }] },
      },
    ]);
    expect(results.map((r) => r.status)).toEqual(['201', '201']);
    const { serviceProviderConfig } = await client.testConnection();
    expect(serviceProviderConfig['bulk']).toMatchObject({ supported: true });
    expect((await client.schemas()).map((s) => s['id'])).toContain(USER);
    expect((await client.resourceTypes()).map((r) => r['name'])).toEqual(expect.arrayContaining(['User', 'Group']));
  });

  it('reports a SCIM error with status, scimType and detail', async () => {
    const error = await client
      .resources('/Users')
      .create({ schemas: [USER] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScimClientError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' });
    const refused = await new ScimClient({ baseUrl: running.base, auth: bearerToken('wrong') })
      .testConnection()
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401 });
  });
});

describe('client authentication', () => {
  it('speaks HTTP Basic', async () => {
    const running = await start('node:http', { auth: [serverBasic([{ username: 'connid', password: 'pw' }])] });
    try {
      await expect(
        new ScimClient({ baseUrl: running.base, auth: httpBasic('connid', 'pw') }).testConnection(),
      ).resolves.toMatchObject({ ok: true });
      await expect(
        new ScimClient({ baseUrl: running.base, auth: httpBasic('connid', 'nope') }).testConnection(),
      ).rejects.toMatchObject({ status: 401 });
    } finally {
      await running.close();
    }
  });

  describe('OAuth2 client credentials', () => {
    let running: Running;
    beforeAll(async () => {
      running = await start('node:http', {
        auth: [staticBearerTokens(['unused-token'])],
        oauth2: serverOAuth2({
          clients: [
            { clientId: 'connid', clientSecret: 'secret', scopes: ['scim:user:read', 'scim:user:write', 'scim:info'] },
          ],
          signingSecret: 'a-signing-secret-of-at-least-32-bytes',
          issuer: 'https://issuer.example',
          audience: 'https://scim.example',
          expiresInSeconds: 60,
        }),
      });
    });
    afterAll(() => running.close());

    /** A fetch that counts token requests and can answer the next API call with 401. */
    const counting = () => {
      const state = { tokens: 0, reject: 0 };
      const fetcher: typeof fetch = async (input, init) => {
        const url = String(input);
        if (url.endsWith('/oauth/token')) state.tokens++;
        else if (state.reject > 0) {
          state.reject--;
          return new Response('{"status":"401"}', { status: 401 });
        }
        return fetch(input, init);
      };
      return { state, fetcher };
    };

    it.each([
      ['form, Basic client authentication', { contentType: 'form', clientAuthentication: 'basic' }],
      [
        'JSON, secret in the body, with the audience',
        { contentType: 'json', clientAuthentication: 'body', audience: 'https://scim.example' },
      ],
    ] as const)('gets a token (%s), caches it, and renews it on expiry and once on 401', async (_what, extra) => {
      let clock = 1_000_000;
      const { state, fetcher } = counting();
      const client = new ScimClient({
        baseUrl: running.base,
        fetch: fetcher,
        auth: oauth2ClientCredentials({
          tokenUrl: `${running.base}/oauth/token`,
          clientId: 'connid',
          clientSecret: 'secret',
          scope: 'scim:user:read scim:info',
          now: () => clock,
          ...extra,
        }),
      });
      const users = client.resources('/Users');
      await users.list();
      await users.list();
      expect(state.tokens).toBe(1);
      clock += 60_000;
      await users.list();
      expect(state.tokens).toBe(2);
      state.reject = 1;
      await users.list();
      expect(state.tokens).toBe(3);
      // The token carries only the scopes asked for.
      await expect(users.create({ schemas: [USER], userName: 'no-write-scope' })).rejects.toMatchObject({
        status: 403,
      });
    });

    it('reads the token from another field and explains a refused client', async () => {
      const renamed: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).endsWith('/oauth/token')) return response;
        const body = (await response.json()) as Record<string, unknown>;
        return new Response(JSON.stringify({ ...body, access_token: undefined, token: body['access_token'] }), {
          status: 200,
        });
      };
      const ok = new ScimClient({
        baseUrl: running.base,
        fetch: renamed,
        auth: oauth2ClientCredentials({
          tokenUrl: `${running.base}/oauth/token`,
          clientId: 'connid',
          clientSecret: 'secret',
          tokenField: 'token',
        }),
      });
      await expect(ok.testConnection()).resolves.toMatchObject({ ok: true });
      const refused = new ScimClient({
        baseUrl: running.base,
        auth: oauth2ClientCredentials({
          tokenUrl: `${running.base}/oauth/token`,
          clientId: 'connid',
          clientSecret: 'wrong',
        }),
      });
      await expect(refused.testConnection()).rejects.toThrow('401 invalid_client');
    });
  });
});

describe('retries', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start('node:http');
  });
  afterAll(() => running.close());

  /** A fetch that answers the first calls with the given failures, then lets requests through. */
  const flaky = (failures: (() => Response | Promise<Response>)[]) => {
    const seen: string[] = [];
    const fetcher: typeof fetch = async (input, init) => {
      seen.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      const failure = failures.shift();
      return failure === undefined ? fetch(input, init) : failure();
    };
    return { seen, fetcher };
  };
  const clientWith = (fetcher: typeof fetch, extra: Partial<TransportOptions> = {}) => {
    const delays: number[] = [];
    const client = new ScimClient({
      baseUrl: running.base,
      auth: bearerToken(TEST_PROFILE.token!),
      fetch: fetcher,
      sleep: async (ms) => void delays.push(ms),
      random: () => 0.5,
      ...extra,
    });
    return { client, delays };
  };

  it('waits as Retry-After says on 429 and 503, in seconds or as a date', async () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    const date = new Date(now + 5_000).toUTCString();
    const { fetcher, seen } = flaky([
      () => new Response('', { status: 429, headers: { 'retry-after': '2' } }),
      () => new Response('', { status: 503, headers: { 'retry-after': date } }),
    ]);
    const { client, delays } = clientWith(fetcher, { now: () => now });
    await client.resources('/Users').create({ schemas: [USER], userName: 'after-retries' });
    expect(seen).toEqual(['POST /scim/v2/Users', 'POST /scim/v2/Users', 'POST /scim/v2/Users']);
    expect(delays).toEqual([2000, 5000]);
  });

  it('backs off with jitter without Retry-After, and gives up after the retries', async () => {
    const unavailable = () => new Response('{"status":"503","detail":"busy"}', { status: 503 });
    const { fetcher, seen } = flaky([unavailable, unavailable, unavailable]);
    const { client, delays } = clientWith(fetcher, { retry: { retries: 2, baseDelayMs: 100 } });
    await expect(client.resources('/Users').list()).rejects.toMatchObject({ status: 503, detail: 'busy' });
    expect(seen).toHaveLength(3);
    expect(delays).toEqual([50, 100]);
  });

  it('retries a GET after a network failure, but never a POST whose answer was lost', async () => {
    const lost = () => Promise.reject(new TypeError('fetch failed'));
    const get = flaky([lost]);
    await expect(clientWith(get.fetcher).client.resources('/Users').list()).resolves.toMatchObject({
      totalResults: expect.any(Number),
    });
    expect(get.seen).toHaveLength(2);
    const post = flaky([lost]);
    const error = await clientWith(post.fetcher)
      .client.resources('/Users')
      .create({ schemas: [USER], userName: 'maybe-created' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScimNetworkError);
    expect(post.seen).toHaveLength(1);
  });

  it('retries a PUT and a DELETE after a lost answer: sending either again does nothing twice', async () => {
    const lost = () => Promise.reject(new TypeError('fetch failed'));
    const { client } = clientWith(fetch);
    const user = await client.resources('/Users').create({ schemas: [USER], userName: 'retried-writes' });
    const put = flaky([lost]);
    const replaced = await clientWith(put.fetcher)
      .client.resources('/Users')
      .replace(user.id as string, { schemas: [USER], userName: 'retried-writes', title: 'again' });
    expect(replaced).toMatchObject({ id: user.id, title: 'again' });
    expect(put.seen).toEqual([`PUT /scim/v2/Users/${user.id}`, `PUT /scim/v2/Users/${user.id}`]);
    const del = flaky([lost]);
    await clientWith(del.fetcher)
      .client.resources('/Users')
      .delete(user.id as string);
    expect(del.seen).toEqual([`DELETE /scim/v2/Users/${user.id}`, `DELETE /scim/v2/Users/${user.id}`]);
  });

  it.each([502, 504])('retries a GET after a gateway %i, but not a POST (it may have been applied)', async (status) => {
    const gateway = () => new Response('', { status });
    const get = flaky([gateway, gateway]);
    const { client, delays } = clientWith(get.fetcher, { retry: { retries: 3, baseDelayMs: 100 } });
    await expect(client.resources('/Users').list()).resolves.toMatchObject({ totalResults: expect.any(Number) });
    expect(get.seen).toEqual(['GET /scim/v2/Users', 'GET /scim/v2/Users', 'GET /scim/v2/Users']);
    expect(delays).toEqual([50, 100]);
    const post = flaky([gateway]);
    const error = await clientWith(post.fetcher)
      .client.resources('/Users')
      .create({ schemas: [USER], userName: `gateway-${status}` })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status });
    expect(post.seen).toEqual(['POST /scim/v2/Users']);
  });

  it('sends a custom-header credential, and no Authorization', async () => {
    const sent: Headers[] = [];
    const recording: typeof fetch = async (input, init) => {
      sent.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    const client = new ScimClient({
      baseUrl: running.base,
      auth: customHeader('X-Api-Key', 'k-123'),
      fetch: recording,
    });
    const answer = await client
      .resources('/Users')
      .list()
      .catch((e: unknown) => e);
    // The test server takes bearer tokens only: the request is refused, and what was sent is checked.
    expect(answer).toMatchObject({ status: 401 });
    expect(sent.map((h) => [h.get('x-api-key'), h.get('authorization')])).toEqual([['k-123', null]]);
  });

  it("reports an error page that is not SCIM (a proxy's HTML) with its status and text", async () => {
    const html = '<html><body>Internal error</body></html>';
    const { fetcher } = flaky([() => new Response(html, { status: 500, statusText: 'Internal Server Error' })]);
    const error = await clientWith(fetcher)
      .client.resources('/Users')
      .list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScimClientError);
    expect(error).toMatchObject({ status: 500, detail: 'Internal Server Error', scimType: undefined, body: html });
  });

  it('times out an attempt that gets no answer', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const { client } = clientWith(hanging, { timeoutMs: 20, retry: { retries: 1 } });
    const error = await client
      .resources('/Users')
      .create({ schemas: [USER], userName: 'slow' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ScimNetworkError', timedOut: true });
  });
});
