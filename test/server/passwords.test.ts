import { describe, expect, it } from 'vitest';
import { resourceTypeDefinitions, userResourceType } from '../../examples/acme-models/src/index.js';
import {
  checkPassword,
  hashPassword,
  isPasswordHash,
  MemoryResourceHandler,
  passwordAttribute,
} from '../../packages/server/src/index.js';
import { acmeServer, TEST_PROFILE } from './app.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const headers = { authorization: `Bearer ${TEST_PROFILE.token}`, 'content-type': 'application/scim+json' };

describe('hashPassword and checkPassword', () => {
  it('hash with a fresh salt each time, and check in both directions', async () => {
    const [a, b] = await Promise.all([hashPassword('Pässwörd'), hashPassword('Pässwörd')]);
    expect(a).toMatch(/^\$scrypt\$N=16384,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(isPasswordHash(a)).toBe(true);
    expect(await checkPassword(a, 'Pässwörd')).toBe(true);
    // The same text in another Unicode normalization is the same password.
    expect(await checkPassword(a, 'Pa\u0308sswo\u0308rd')).toBe(true);
    expect(await checkPassword(a, 'pässwörd')).toBe(false);
  });

  it.each([
    ['no hash', undefined],
    ['clear text', 'Pässwörd'],
    ['a hash with its key cut short', '$scrypt$N=1024,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
    [
      'a hash asking for a cost no stored hash has',
      `$scrypt$N=${2 ** 30},r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(43)}`,
    ],
  ])('refuse %s', async (_what, stored) => {
    expect(await checkPassword(stored, 'Pässwörd')).toBe(false);
  });

  it.each([1000, 512, 3000])('refuse the scrypt cost %i', async (cost) => {
    await expect(hashPassword('x', cost)).rejects.toThrow('the scrypt cost is a power of two, 1024 or more');
  });

  it('find the User password attribute (writeOnly, never returned)', () => {
    expect(passwordAttribute(userResourceType)?.name).toBe('password');
  });
});

describe('a server with passwords: { hash: false }', () => {
  it('hands handlers the password as sent (an application forwarding it elsewhere)', async () => {
    const handlers = resourceTypeDefinitions.map((d) => new MemoryResourceHandler(d.descriptor));
    const server = acmeServer('http://127.0.0.1/scim/v2', {
      resourceTypes: resourceTypeDefinitions.map((definition, i) => ({ definition, handler: handlers[i]! })),
      passwords: { hash: false },
    });
    const created = await server.handle({
      method: 'POST',
      url: '/Users',
      headers,
      body: JSON.stringify({ schemas: [USER], userName: 'clear', password: 'as-sent' }),
    });
    const users = handlers[resourceTypeDefinitions.findIndex((d) => d.descriptor.name === 'User')]!;
    expect((await users.get(JSON.parse(created.body!).id))?.['password']).toBe('as-sent');
  });
});
