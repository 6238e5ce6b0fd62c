import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badRequest } from '@scimgen/runtime';

/** How far a cursor's issue time may be ahead of this process's clock (other processes' clocks drift). */
const CLOCK_SKEW_MS = 60_000;
const MAC_BYTES = 16;

/**
 * Signs the cursors handlers issue, so a client can only send back cursors this server (or another
 * process with the same key) gave out: a tampered key or position, a cursor of another resource
 * type, or one with a future issue time is 400 invalidCursor before any handler reads it.
 * Sealed: `<handler's cursor>.<issued at, base 36>.<HMAC-SHA256, 128 bits, base64url>`.
 */
export class CursorSeal {
  private readonly key: Buffer;

  constructor(
    key: string | Uint8Array | undefined,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (key !== undefined && key.length < 16) throw new Error('a cursor key has at least 16 bytes (or characters)');
    this.key = key === undefined ? randomBytes(32) : Buffer.from(key);
  }

  private mac(scope: string, issuedAt: string, cursor: string): Buffer {
    return createHmac('sha256', this.key).update(`${scope}\n${issuedAt}\n${cursor}`).digest().subarray(0, MAC_BYTES);
  }

  seal(scope: string, cursor: string): string {
    const issuedAt = this.now().toString(36);
    return `${cursor}.${issuedAt}.${this.mac(scope, issuedAt, cursor).toString('base64url')}`;
  }

  /** The handler's cursor inside a sealed one; 400 invalidCursor or expiredCursor. */
  open(scope: string, sealed: string): string {
    const macAt = sealed.lastIndexOf('.');
    const timeAt = macAt < 0 ? -1 : sealed.lastIndexOf('.', macAt - 1);
    if (timeAt < 0) throw badRequest('invalidCursor', 'the cursor is not one this server issued');
    const cursor = sealed.slice(0, timeAt);
    const issuedAt = sealed.slice(timeAt + 1, macAt);
    const given = Buffer.from(sealed.slice(macAt + 1), 'base64url');
    const expected = this.mac(scope, issuedAt, cursor);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw badRequest('invalidCursor', 'the cursor is not one this server issued');
    const issued = parseInt(issuedAt, 36);
    const age = this.now() - issued;
    if (!Number.isSafeInteger(issued) || age < -CLOCK_SKEW_MS)
      throw badRequest('invalidCursor', 'the cursor is not one this server issued');
    if (age > this.timeoutMs)
      throw badRequest('expiredCursor', 'the cursor has expired; start again with an empty cursor');
    return cursor;
  }
}
