import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorResponse } from '../http.js';
import type { ScimServer } from '../server.js';
import type { ScimResponse } from '../types.js';
import { BodyTooLarge, drainBody, hasBody, readBody } from './read-body.js';

export interface NodeAdapterOptions {
  /** The path the SCIM base URL has on this server ("/scim/v2"); requests outside it get 404. */
  readonly basePath?: string;
}

export function send(response: ServerResponse, answer: ScimResponse, close = false): void {
  for (const name in answer.headers) response.setHeader(name, answer.headers[name]!);
  if (answer.body !== undefined) response.setHeader('content-length', Buffer.byteLength(answer.body));
  if (close) response.setHeader('connection', 'close');
  response.statusCode = answer.status;
  response.end(answer.body);
}

/** The path below `basePath`, or undefined when the request is outside it. */
export function below(url: string, basePath: string): string | undefined {
  if (basePath === '') return url;
  if (!url.startsWith(basePath)) return undefined;
  const rest = url.slice(basePath.length);
  return rest === '' || rest.startsWith('/') || rest.startsWith('?') ? rest : undefined;
}

/** Answers a request that node:http (or a framework built on it) hands over unread. */
export async function answerNodeRequest(
  server: ScimServer,
  request: IncomingMessage,
  response: ServerResponse,
  url: string,
  parsedBody?: unknown,
): Promise<void> {
  let body: Uint8Array | string | undefined;
  try {
    // A framework that parsed the body already (express.json()) hands it over as a value; most
    // reads have no body at all, and skip the stream.
    if (parsedBody !== undefined) body = JSON.stringify(parsedBody);
    else if (hasBody(request)) body = await readBody(request, server.maxRequestBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      await drainBody(request);
      return send(response, errorResponse(413, error.message), true);
    }
    return send(response, errorResponse(400, 'the request body could not be read'), true);
  }
  const answer = await server.handle({
    method: request.method ?? 'GET',
    url,
    headers: request.headers,
    body,
    remoteAddress: request.socket.remoteAddress,
  });
  send(response, answer);
}

/** A node:http request listener serving SCIM at `basePath`. */
export function createNodeListener(
  server: ScimServer,
  options: NodeAdapterOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  return (request, response) => {
    const url = below(request.url ?? '/', basePath);
    if (url === undefined) {
      send(response, errorResponse(404, `${request.url ?? ''} is not below the SCIM base ${basePath}`));
      request.resume();
      return;
    }
    void answerNodeRequest(server, request, response, url);
  };
}

/** What node:http reports before a request reaches any listener, as the status a client should see. */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * A node:http server's 'clientError' listener answering as SCIM: `server.on('clientError',
 * scimClientError)`. node:http rejects some requests before any listener sees them (headers
 * larger than it reads: 431; a malformed request line: 400); without this their answer has no
 * SCIM error body. A connection already answering or gone is closed.
 */
export function scimClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = clientErrorStatus(error.code);
  const answer = errorResponse(
    status,
    status === 431 ? 'the request headers are larger than this server reads' : 'the request is not valid HTTP',
  );
  const body = answer.body ?? '';
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    ...Object.entries(answer.headers).map(([name, value]) => `${name}: ${String(value)}`),
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
