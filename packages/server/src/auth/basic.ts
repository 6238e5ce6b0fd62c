import { checkUsers, digestOf, matchesAny } from './secrets.js';
import { credentials, realmOf, type AuthStrategy } from './strategy.js';

export interface BasicUser {
  readonly username: string;
  readonly password: string;
}

/**
 * HTTP Basic (RFC 7617) against configured users (GLPI's "Basic" option). Passwords are kept as
 * SHA-256 digests of "username:password" and compared in constant time against every user, so
 * a wrong username costs the same as a wrong password. Use it over TLS only.
 */
export function httpBasic(users: readonly BasicUser[], options: { readonly realm?: string } = {}): AuthStrategy {
  checkUsers(users, 'httpBasic', /:/, '":"');
  const expected = users.map((u) => digestOf(`${u.username}:${u.password}`));
  const realm = realmOf(options.realm);
  return {
    scheme: 'Basic',
    authenticationScheme: {
      type: 'httpbasic',
      name: 'HTTP Basic',
      description: 'Authentication with a username and password (RFC 7617)',
      specUri: 'https://www.rfc-editor.org/info/rfc7617',
    },
    challenge: () => `Basic realm="${realm}", charset="UTF-8"`,
    authenticate(request) {
      const encoded = credentials(request, 'Basic');
      if (encoded === undefined) return { kind: 'absent' };
      const decoded = Buffer.from(encoded, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { kind: 'refused', reason: 'malformed Basic credentials' };
      return matchesAny(expected, decoded)
        ? { kind: 'accepted', principal: { subject: decoded.slice(0, colon), scopes: 'all', via: 'basic' } }
        : { kind: 'refused', reason: 'unknown username or wrong password' };
    },
  };
}
