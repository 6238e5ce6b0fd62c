import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ScimServer } from '../server.js';
import { answerNodeRequest } from './node.js';

/** For the server Express listens on: `app.listen(…).on('clientError', scimClientError)`. */
export { scimClientError } from './node.js';

/**
 * Express middleware serving SCIM where it is mounted: `app.use('/scim/v2', scimExpress(server))`.
 * Typed with node's request and response, which Express's extend, so it needs no Express types.
 * A body express.json() already parsed is taken as it is; otherwise the stream is read here.
 */
export function scimExpress(
  server: ScimServer,
): (request: IncomingMessage & { body?: unknown }, response: ServerResponse, next: (error?: unknown) => void) => void {
  return (request, response, next) => {
    const parsed = request.readableEnded && request.body !== undefined ? request.body : undefined;
    answerNodeRequest(server, request, response, request.url ?? '/', parsed).catch(next);
  };
}
