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
