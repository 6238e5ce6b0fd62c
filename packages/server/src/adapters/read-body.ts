import type { IncomingMessage } from 'node:http';

/** Thrown when a body is larger than the server accepts; adapters answer 413. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
  }
}

/** Whether the request announces a body at all (most reads do not). */
export function hasBody(request: IncomingMessage): boolean {
  return request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads a request body, at most `limit` bytes: a body announced or found to be larger is not
 * buffered (the read stops at the limit), so a huge upload costs no memory.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  const announced = request.headers['content-length'];
  if (announced !== undefined && Number(announced) > limit) return Promise.reject(new BodyTooLarge(limit));
  if (!hasBody(request)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.pause();
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(size === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The largest refused body read to its end before answering 413 (larger ones are cut off). */
const DRAIN_LIMIT = 16 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Reads and discards the rest of a refused body, so a client still uploading reads the 413
 * instead of having its upload cut off (EPIPE, connection reset). A body announced beyond
 * DRAIN_LIMIT, or one still arriving after DRAIN_TIMEOUT_MS, is not waited for.
 */
export function drainBody(request: IncomingMessage): Promise<void> {
  const announced = Number(request.headers['content-length'] ?? 0);
  if (request.readableEnded || announced > DRAIN_LIMIT) return Promise.resolve();
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      clearTimeout(timer);
      request.removeListener('data', count);
      resolve();
    };
    const count = (chunk: Buffer) => {
      read += chunk.length;
      if (read > DRAIN_LIMIT) done();
    };
    const timer = setTimeout(done, DRAIN_TIMEOUT_MS);
    request.on('data', count);
    request.once('end', done);
    request.once('close', done);
    request.once('error', done);
    request.resume();
  });
}
