import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from '../http.js';
import type { ScimServer } from '../server.js';
import type { ScimResponse } from '../types.js';
import { BodyTooLarge, hasBody, readBody } from './read-body.js';

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
    if (error instanceof BodyTooLarge) return send(response, errorResponse(413, error.message), true);
    return send(response, errorResponse(400, 'the request body could not be read'), true);
  }
  const answer = await server.handle({ method: request.method ?? 'GET', url, headers: request.headers, body });
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
