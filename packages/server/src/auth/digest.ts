import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { credentials, realmOf, type AuthOutcome, type AuthStrategy } from './strategy.js';
import { checkUsers } from './secrets.js';
import type { BasicUser } from './basic.js';

export interface DigestOptions {
  readonly realm?: string;
  /** How long a nonce is accepted, in seconds (default 300); an older one is answered stale=true. */
  readonly nonceLifetimeSeconds?: number;
}

type Algorithm = 'SHA-256' | 'MD5';
const HASH: Record<Algorithm, string> = { 'SHA-256': 'sha256', MD5: 'md5' };
const hash = (algorithm: Algorithm, text: string) => createHash(HASH[algorithm]).update(text, 'utf8').digest('hex');

/** key="value" and key=token pairs of a Digest Authorization header (RFC 7616 §3.4). */
function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))\s*(?:,|$)/g;
  for (const m of text.matchAll(pattern)) params.set(m[1]!.toLowerCase(), m[2]?.replace(/\\(.)/g, '$1') ?? m[3]!);
  return params;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * HTTP Digest (RFC 7616, qop=auth, SHA-256 and MD5), GLPI's "Digest" option. Nonces are
 * stateless (a time and an HMAC of it under a per-process key), expire, and every nonce count is
 * accepted once, so a captured Authorization header cannot be replayed. Only HA1 values
 * (hashes of username:realm:password) are kept.
 */
export function httpDigest(users: readonly BasicUser[], options: DigestOptions = {}): AuthStrategy {
  checkUsers(users, 'httpDigest', /["\\]/, 'quotes');
  const realm = realmOf(options.realm);
  const lifetime = (options.nonceLifetimeSeconds ?? 300) * 1000;
  const key = randomBytes(32);
  const opaque = randomBytes(12).toString('hex');
  const ha1 = new Map(
    users.map((u) => [
      u.username,
      {
        'SHA-256': hash('SHA-256', `${u.username}:${realm}:${u.password}`),
        MD5: hash('MD5', `${u.username}:${realm}:${u.password}`),
      },
    ]),
  );
  const seen = new Map<string, number>();
  const sign = (time: string) => createHmac('sha256', key).update(time).digest('base64url');
  const nonce = () => {
    const time = Date.now().toString(36);
    return `${time}.${sign(time)}`;
  };
  /** 'fresh', 'stale' (ours but too old) or 'forged'. */
  const check = (value: string): 'fresh' | 'stale' | 'forged' => {
    const [time, mac] = value.split('.');
    if (time === undefined || mac === undefined || !equal(sign(time), mac)) return 'forged';
    return Date.now() - parseInt(time, 36) > lifetime ? 'stale' : 'fresh';
  };
  const challenge = (outcome: AuthOutcome) => {
    const stale = outcome.kind === 'refused' && outcome.error === 'stale' ? ', stale=true' : '';
    return (['SHA-256', 'MD5'] as const)
      .map(
        (algorithm) =>
          `Digest realm="${realm}", qop="auth", algorithm=${algorithm}, nonce="${nonce()}", opaque="${opaque}", charset=UTF-8${stale}`,
      )
      .join(', ');
  };
  return {
    scheme: 'Digest',
    authenticationScheme: {
      type: 'httpdigest',
      name: 'HTTP Digest',
      description: 'Authentication with a username and password digest (RFC 7616, SHA-256 or MD5)',
      specUri: 'https://www.rfc-editor.org/info/rfc7616',
    },
    challenge,
    authenticate(request) {
      const text = credentials(request, 'Digest');
      if (text === undefined) return { kind: 'absent' };
      const p = parseParams(text);
      const refused = (reason: string, error?: string): AuthOutcome => ({
        kind: 'refused',
        reason,
        ...(error !== undefined ? { error } : {}),
      });
      const algorithm = (p.get('algorithm') ?? 'MD5').toUpperCase() as Algorithm;
      const [username, given, nonceValue, uri, nc, cnonce] = [
        'username',
        'response',
        'nonce',
        'uri',
        'nc',
        'cnonce',
      ].map((k) => p.get(k));
      if (
        !(algorithm in HASH) ||
        p.get('qop') !== 'auth' ||
        p.get('realm') !== realm ||
        [username, given, nonceValue, uri, nc, cnonce].some((v) => v === undefined) ||
        !/^[0-9a-f]{8}$/i.test(nc!)
      )
        return refused('malformed Digest credentials');
      // The digest covers the request target: it must be this request's.
      if (!uri!.endsWith(request.url)) return refused('the Digest uri is not this request');
      const state = check(nonceValue!);
      if (state === 'forged') return refused('unknown nonce');
      if (state === 'stale') return refused('the nonce has expired', 'stale');
      const user = ha1.get(username!);
      const expected = hash(
        algorithm,
        `${user?.[algorithm] ?? ''}:${nonceValue}:${nc}:${cnonce}:auth:${hash(algorithm, `${request.method.toUpperCase()}:${uri}`)}`,
      );
      if (user === undefined || !equal(expected, given!.toLowerCase()))
        return refused('unknown username or wrong password');
      const count = parseInt(nc!, 16);
      if ((seen.get(nonceValue!) ?? 0) >= count) return refused('the nonce count was used before');
      seen.set(nonceValue!, count);
      if (seen.size > 10_000) seen.delete(seen.keys().next().value!);
      return { kind: 'accepted', principal: { subject: username!, scopes: 'all', via: 'digest' } };
    },
  };
}
