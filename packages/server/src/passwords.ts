import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { AttributeDescriptor, ResourceTypeDescriptor } from '@scimgen/runtime';

/** scrypt's interactive-login cost (N = 2^14, r = 8, p = 1): about 50 ms and 16 MiB a hash. */
export const DEFAULT_PASSWORD_COST = 16_384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_BYTES = 32;
const PREFIX = '$scrypt$';

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? DEFAULT_PASSWORD_COST) * (options.r ?? BLOCK_SIZE) + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...options, maxmem }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    ),
  );
}

/**
 * A password as the store keeps it: `$scrypt$N=16384,r=8,p=1$<salt>$<key>` (base64url), salted
 * and slow to guess. Compare a password with it through `checkPassword`.
 */
export async function hashPassword(password: string, cost = DEFAULT_PASSWORD_COST): Promise<string> {
  if (!Number.isInteger(Math.log2(cost)) || cost < 1024)
    throw new Error('the scrypt cost is a power of two, 1024 or more');
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: cost, r: BLOCK_SIZE, p: PARALLELISM });
  return `${PREFIX}N=${cost},r=${BLOCK_SIZE},p=${PARALLELISM}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const HASH = /^\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Whether text is a hash hashPassword wrote. */
export function isPasswordHash(text: unknown): text is string {
  return typeof text === 'string' && HASH.test(text);
}

/**
 * Whether `password` is the one `stored` (a hashPassword result, as a User's stored password is)
 * was made from; compared in constant time. False for anything that is not such a hash.
 */
export async function checkPassword(stored: unknown, password: string): Promise<boolean> {
  if (typeof stored !== 'string') return false;
  const match = HASH.exec(stored);
  if (match === null) return false;
  const [, n, r, p, salt, key] = match;
  const expected = Buffer.from(key!, 'base64url');
  const cost = Number(n);
  // A stored hash is the server's own; bounds keep a forged one from costing unbounded memory.
  if (cost > 1 << 20 || Number(r) > 32 || Number(p) > 16 || expected.length !== KEY_BYTES) return false;
  const actual = await derive(password, Buffer.from(salt!, 'base64url'), { N: cost, r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** The attribute a resource type keeps a password in: a top-level string "password" never returned. */
export function passwordAttribute(descriptor: ResourceTypeDescriptor): AttributeDescriptor | undefined {
  return descriptor.schema.attributes.find(
    (a) =>
      a.name.toLowerCase() === 'password' &&
      a.type === 'string' &&
      !a.multiValued &&
      (a.returned === 'never' || a.mutability === 'writeOnly'),
  );
}
