import { describe, expect, it } from 'vitest';
import { schemaDocuments } from '../../examples/acme-models/src/index.js';
import { createScimServer, readServerSettings, serverAuthentication } from '../../packages/server/src/index.js';
import { start, TEST_PROFILE, type Adapter } from './app.js';
import { client } from './client.js';

const ADAPTERS: Adapter[] = ['node:http', 'express', 'fastify'];

describe.each(ADAPTERS)('allowFrom over %s', (adapter) => {
  it.each<[string, { allowFrom: string[]; trustedProxies?: string[] }, Record<string, string>, number]>([
    ['the loopback address, allowed', { allowFrom: ['127.0.0.1'] }, {}, 200],
    ['the loopback address, inside a range', { allowFrom: ['10.0.0.0/8', '127.0.0.0/8'] }, {}, 200],
    ['an address outside every range', { allowFrom: ['10.0.0.0/8', '2001:db8::/32'] }, {}, 403],
    [
      'a forwarded client, behind a trusted proxy, inside the range',
      { allowFrom: ['203.0.113.0/24'], trustedProxies: ['127.0.0.1'] },
      { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' },
      200,
    ],
    [
      'a forwarded client, behind a trusted proxy, outside the range',
      { allowFrom: ['203.0.113.0/24'], trustedProxies: ['127.0.0.1'] },
      { 'x-forwarded-for': '203.0.113.7, 198.51.100.9' },
      403,
    ],
    [
      'an X-Forwarded-For from no trusted proxy, which is not believed',
      { allowFrom: ['203.0.113.0/24'] },
      { 'x-forwarded-for': '203.0.113.7' },
      403,
    ],
  ])('%s', async (_what, rules, headers, status) => {
    const running = await start(adapter, rules);
    try {
      const answer = await client(running.base, TEST_PROFILE.token)('GET', '/ServiceProviderConfig', { headers });
      expect(answer.status).toBe(status);
      if (status === 403) expect(answer.json.detail).toMatch(/^requests from .+ are not allowed here$/);
    } finally {
      await running.close();
    }
  });
});

describe('allowFrom, in process and from the environment', () => {
  const server = (extra: object) =>
    createScimServer({
      baseUrl: 'http://x/scim/v2',
      schemas: schemaDocuments,
      resourceTypes: [],
      auth: 'none',
      ...extra,
    });

  it('refuses a request whose address is unknown, and says why', async () => {
    const answer = await server({ allowFrom: ['127.0.0.1'] }).handle({
      method: 'GET',
      url: '/ServiceProviderConfig',
      headers: {},
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(String(answer.body)).detail).toBe(
      'the address of this request is unknown, and only some addresses may call this server',
    );
  });

  it('reads IPv4-mapped IPv6 peers as their IPv4 address', async () => {
    const answer = await server({ allowFrom: ['192.0.2.0/24'] }).handle({
      method: 'GET',
      url: '/ServiceProviderConfig',
      headers: {},
      remoteAddress: '::ffff:192.0.2.44',
    });
    expect(answer.status).toBe(200);
  });

  it.each([
    [{ allowFrom: [] }, 'allowFrom is empty: no one could call the server'],
    [{ allowFrom: ['10.0.0.0/33'] }, 'allowFrom: "10.0.0.0/33" is not an address or a CIDR range'],
    [{ allowFrom: ['example.com'] }, 'allowFrom: "example.com" is not an address or a CIDR range'],
    [{ allowFrom: ['10.0.0.1'], trustedProxies: ['proxy'] }, 'trustedProxies: "proxy" is not an address'],
    [{ trustedProxies: ['10.0.0.0/8/1'] }, 'trustedProxies: "10.0.0.0/8/1" is not an address'],
  ])('refuses to start with %j', (rules, message) => {
    expect(() => server(rules)).toThrow(message);
  });

  it('takes SCIM_ALLOW_FROM and SCIM_TRUSTED_PROXIES, and refuses them set but empty', () => {
    const env = { SCIM_BEARER_TOKEN: 't', SCIM_ALLOW_FROM: '10.0.0.0/8, 192.0.2.1', SCIM_TRUSTED_PROXIES: '127.0.0.1' };
    const options = serverAuthentication(readServerSettings(env, { basePath: '/scim/v2', port: 8080 }));
    expect(options.allowFrom).toEqual(['10.0.0.0/8', '192.0.2.1']);
    expect(options.trustedProxies).toEqual(['127.0.0.1']);
    expect(() => readServerSettings({ ...env, SCIM_ALLOW_FROM: ' , ' }, { basePath: '/scim/v2', port: 8080 })).toThrow(
      'SCIM_ALLOW_FROM is set but names no address or CIDR range',
    );
  });
});
