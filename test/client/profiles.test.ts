import { describe, expect, it } from 'vitest';
import { bearerToken, ScimClient, UnsupportedByProvider } from '../../packages/client/src/index.js';
import { list, scripted } from './scripted.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const BASE = 'https://scim.us-east-1.amazonaws.com/tenant/scim/v2';

describe('the AWS IAM Identity Center profile', () => {
  const client = (fetcher: typeof fetch) =>
    new ScimClient({ baseUrl: BASE, auth: bearerToken('t'), fetch: fetcher, profile: 'aws' });

  it('sends eq filters joined by and, capped at 50 a page, and refuses any other filter before sending', async () => {
    const { sent, fetcher } = scripted([list([])]);
    const users = client(fetcher).resources('/Users');
    await users.list({ filter: 'userName eq "a@b.c" and externalId eq "x"', count: 500 });
    expect(sent).toEqual([
      {
        method: 'GET',
        url: `/tenant/scim/v2/Users?filter=${encodeURIComponent('userName eq "a@b.c" and externalId eq "x"').replace(/%20/g, '+')}&count=50`,
        body: undefined,
      },
    ]);
    for (const filter of [
      'userName sw "a"',
      'userName eq "a" or userName eq "b"',
      'not (active eq true)',
      'emails[type eq "work"]',
    ])
      await expect(users.list({ filter })).rejects.toBeInstanceOf(UnsupportedByProvider);
    expect(sent).toHaveLength(1);
  });

  it('searches with GET, pages by cursor, and has no /Bulk', async () => {
    const { sent, fetcher } = scripted([
      list([{ id: '1' }]),
      list([{ id: '2' }], { nextCursor: 'c2' }),
      list([{ id: '3' }]),
    ]);
    const scim = client(fetcher);
    await scim.resources('/Users').search({ filter: 'userName eq "a"' });
    const ids: string[] = [];
    for await (const g of scim.resources('/Groups').all()) ids.push(g.id);
    expect(ids).toEqual(['2', '3']);
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /tenant/scim/v2/Users?filter=userName+eq+%22a%22&count=50',
      'GET /tenant/scim/v2/Groups?count=50&cursor=',
      'GET /tenant/scim/v2/Groups?count=50&cursor=c2',
    ]);
    await expect(scim.bulk([{ method: 'DELETE', path: '/Users/1' }])).rejects.toBeInstanceOf(UnsupportedByProvider);
  });

  it('sends one attribute per no-path operation and group members as add and remove only', async () => {
    const { sent, fetcher } = scripted([() => undefined, () => undefined]);
    const scim = client(fetcher);
    await scim.resources('/Users').patch('u1', [{ op: 'replace', value: { displayName: 'A', title: 'T' } }]);
    await scim.resources('/Groups').update(
      'g1',
      { schemas: [GROUP], displayName: 'G', members: [{ value: 'b' }] },
      {
        current: { id: 'g1', schemas: [GROUP], displayName: 'G', members: [{ value: 'a' }] },
      },
    );
    expect(sent.map((s) => (s.body as { Operations: unknown }).Operations)).toEqual([
      [
        { op: 'replace', value: { displayName: 'A' } },
        { op: 'replace', value: { title: 'T' } },
      ],
      [
        { op: 'remove', path: 'members[value eq "a"]' },
        { op: 'add', path: 'members', value: [{ value: 'b' }] },
      ],
    ]);
    await expect(
      scim.resources('/Groups').update('g1', { members: [] }, { current: { id: 'g1' }, memberChanges: 'replace' }),
    ).rejects.toBeInstanceOf(UnsupportedByProvider);
    await expect(scim.resources('/Users').patch('u1', [{ op: 'remove', path: 'active' }])).rejects.toThrow(
      'does not remove active',
    );
    expect(sent).toHaveLength(2);
  });
});

describe('the AWS IAM Identity Center profile, on multi-valued attributes', () => {
  const client = (fetcher: typeof fetch) =>
    new ScimClient({ baseUrl: BASE, auth: bearerToken('t'), fetch: fetcher, profile: 'aws' });
  const emails = [
    { value: 'a@example.com', type: 'work', primary: true },
    { value: 'a@home.example', type: 'home' },
  ];

  it.each([
    [
      'a create with two emails',
      (c: ScimClient) => c.resources('/Users').create({ schemas: [USER], userName: 'a', emails }),
    ],
    [
      'a replace with two phone numbers',
      (c: ScimClient) =>
        c
          .resources('/Users')
          .replace('u1', { schemas: [USER], userName: 'a', phoneNumbers: [{ value: '1' }, { value: '2' }] }),
    ],
    [
      'an extension attribute with two values',
      (c: ScimClient) =>
        c
          .resources('/Users')
          .create({ schemas: [USER], userName: 'a', 'urn:example:ext:2.0:User': { badges: ['x', 'y'] } }),
    ],
    [
      'a PATCH adding two emails',
      (c: ScimClient) => c.resources('/Users').patch('u1', [{ op: 'add', path: 'emails', value: emails }]),
    ],
    [
      'a no-path PATCH with two emails',
      (c: ScimClient) => c.resources('/Users').patch('u1', [{ op: 'replace', value: { emails } }]),
    ],
    [
      'a PATCH removing every member',
      (c: ScimClient) => c.resources('/Groups').patch('g1', [{ op: 'remove', path: 'members' }]),
    ],
  ])('refuses %s before sending it', async (_name, call) => {
    const { sent, fetcher } = scripted([]);
    await expect(call(client(fetcher))).rejects.toBeInstanceOf(UnsupportedByProvider);
    expect(sent).toEqual([]);
  });

  it('sends one value of each, and groups with any number of members', async () => {
    const { sent, fetcher } = scripted([() => ({ id: 'u1' }), () => ({ id: 'g1' }), () => undefined]);
    const scim = client(fetcher);
    await scim.resources('/Users').create({ schemas: [USER], userName: 'a', emails: [emails[0]] });
    await scim
      .resources('/Groups')
      .create({ schemas: [GROUP], displayName: 'G', members: [{ value: 'a' }, { value: 'b' }] });
    await scim
      .resources('/Groups')
      .patch('g1', [{ op: 'add', path: 'members', value: [{ value: 'c' }, { value: 'd' }] }]);
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /tenant/scim/v2/Users',
      'POST /tenant/scim/v2/Groups',
      'PATCH /tenant/scim/v2/Groups/g1',
    ]);
  });
});

describe('the Google Cloud Identity profile', () => {
  it('sends a replace as the PATCH operations that differ, never PUT', async () => {
    const current = { id: 'u1', schemas: [USER], userName: 'a', title: 'Old', name: { givenName: 'A' } };
    const { sent, fetcher } = scripted([() => current, () => ({ ...current, title: 'New' })]);
    const scim = new ScimClient({ baseUrl: 'https://scim.example/v2', fetch: fetcher, profile: 'google' });
    const replaced = await scim
      .resources('/Users')
      .replace('u1', { schemas: [USER], userName: 'a', title: 'New', name: { givenName: 'A' } });
    expect(replaced['title']).toBe('New');
    expect(sent.map((s) => s.method)).toEqual(['GET', 'PATCH']);
    expect((sent[1]!.body as { Operations: unknown }).Operations).toEqual([
      { op: 'replace', path: 'title', value: 'New' },
    ]);
  });
});

describe('the Salesforce profile', () => {
  it('reads /ServiceProviderConfigs and disables a user instead of deleting it', async () => {
    const { sent, fetcher } = scripted([
      () => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'] }),
      () => undefined,
    ]);
    const scim = new ScimClient({
      baseUrl: 'https://my.salesforce.com/services/scim/v2',
      fetch: fetcher,
      profile: 'salesforce',
    });
    await scim.testConnection();
    await scim.resources('/Users').delete('005xx');
    expect(sent).toEqual([
      { method: 'GET', url: '/services/scim/v2/ServiceProviderConfigs', body: undefined },
      {
        method: 'PATCH',
        url: '/services/scim/v2/Users/005xx',
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        },
      },
    ]);
  });
});

describe('the WSO2 profile', () => {
  it('refuses a filter with "or" before sending it, and sends the others', async () => {
    const { sent, fetcher } = scripted([list([])]);
    const users = new ScimClient({ baseUrl: 'https://is.example/scim2', fetch: fetcher, profile: 'wso2' }).resources(
      '/Users',
    );
    await expect(users.list({ filter: 'userName eq "a" or userName eq "b"' })).rejects.toBeInstanceOf(
      UnsupportedByProvider,
    );
    await expect(users.list({ filter: 'emails[type eq "work" or primary eq true]' })).rejects.toThrow(
      'does not evaluate "or"',
    );
    await users.list({ filter: 'userName eq "a" and active eq true' });
    expect(sent.map((s) => s.url)).toEqual([
      `/scim2/Users?filter=${encodeURIComponent('userName eq "a" and active eq true').replace(/%20/g, '+')}`,
    ]);
  });
});
