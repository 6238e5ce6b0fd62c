import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 of a secret: what the strategies keep instead of the secret itself. */
export function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * Whether `given` is one of `expected` (digests): every candidate is compared in constant time,
 * so neither the secret's content, its length nor which candidate matched shows in the timing.
 */
export function matchesAny(expected: readonly Buffer[], given: string): boolean {
  const digest = digestOf(given);
  let ok = false;
  for (const candidate of expected) ok = timingSafeEqual(candidate, digest) || ok;
  return ok;
}

/**
 * Refuses a user list a password strategy cannot serve: none, an empty username or password, or a
 * username with a character `forbidden` matches (it would break the credentials' syntax).
 */
export function checkUsers(
  users: readonly { readonly username: string; readonly password: string }[],
  strategy: string,
  forbidden: RegExp,
  what: string,
): void {
  if (users.length === 0 || users.some((u) => u.username === '' || u.password === '' || forbidden.test(u.username)))
    throw new Error(`${strategy} needs users with a username (without ${what}) and a password`);
}
