import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, TEST_PROFILE, type Adapter, type Running } from './app.js';

const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** One request over node:http, any method (fetch refuses TRACE). */
function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { authorization: `Bearer ${TEST_PROFILE.token}`, ...headers } });
    req.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** A request whose headers are larger than node:http reads, written on a raw socket; the raw answer. */
function oversizedHeaders(url: string): Promise<string> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(`GET ${pathname}/Users HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
  });
}

/** POSTs `size` bytes in 64 KiB chunks, announced by content-length, and reads the answer. */
function uploadInChunks(url: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_PROFILE.token}`,
        'content-type': 'application/scim+json',
        'content-length': String(size),
      },
    });
    req.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const more = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', more);
      }
      req.end();
    };
    more();
  });
}

function expectScimError(answer: { status: number; type: string | undefined; body: string }, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/^application\/scim\+json/);
  expect(JSON.parse(answer.body)).toMatchObject({ schemas: [ERROR_URN], status: String(status) });
}

for (const adapter of ['node:http', 'express', 'fastify'] as Adapter[]) {
  describe(`every answer under the base is a SCIM error (${adapter})`, () => {
    let running: Running;
    beforeAll(async () => {
      running = await start(adapter);
    });
    afterAll(() => running.close());

    it.each([
      ['OPTIONS', '/Users', 405],
      ['TRACE', '/Users', 405],
      ['OPTIONS', '', 405],
      ['PROPFIND', '/Users', 405],
      ['GET', '/NoSuchThing', 404],
      ['GET', '/Users/a/b/c', 404],
      ['DELETE', '/Schemas', 405],
    ])('%s %s', async (method, path, status) => {
      expectScimError(await send(running.base + path, method), status);
    });

    it('a body over the limit, still being sent, gets its 413 (not a cut-off upload)', async () => {
      const { status, body } = await uploadInChunks(`${running.base}/Users`, 2 * 1024 * 1024);
      expect(status).toBe(413);
      expect(JSON.parse(body)).toMatchObject({ schemas: [ERROR_URN], status: '413' });
      // fetch (undici), as identity providers' Node clients send, in one piece and several times.
      for (let i = 0; i < 5; i++) {
        const answer = await fetch(`${running.base}/Users`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TEST_PROFILE.token}`, 'content-type': 'application/scim+json' },
          body: 'x'.repeat(2 * 1024 * 1024),
        });
        expect(answer.status).toBe(413);
        expect(await answer.json()).toMatchObject({ status: '413' });
      }
    });

    it('headers larger than the server reads: 431 with a SCIM error body', async () => {
      const answer = await oversizedHeaders(running.base);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 431 /);
      expect(head).toMatch(/content-type: application\/scim\+json/i);
      expect(JSON.parse(body!)).toMatchObject({ schemas: [ERROR_URN], status: '431' });
    });
  });
}
