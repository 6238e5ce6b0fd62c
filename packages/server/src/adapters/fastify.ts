import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { errorResponse } from '../http.js';
import { scimClientError } from './node.js';
import type { ScimServer } from '../server.js';
import type { ScimResponse } from '../types.js';

function reply(answer: ScimResponse, response: FastifyReply): FastifyReply {
  return response.code(answer.status).headers(answer.headers).send(answer.body);
}

/**
 * A Fastify plugin serving SCIM under its prefix: `app.register(scimFastify(server), { prefix: '/scim/v2' })`.
 * Bodies reach the core as bytes (its own content-type rules apply), within the server's limit;
 * Fastify's own errors (a body over the limit) are answered as SCIM errors.
 */
export function scimFastify(server: ScimServer): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const prefix = app.prefix;
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: server.maxRequestBytes }, (_request, body, done) =>
      done(null, body),
    );
    app.setErrorHandler((error: FastifyError, _request, response) => {
      const status = error.statusCode === 413 ? 413 : (error.statusCode ?? 500) >= 500 ? 500 : 400;
      const detail = status === 500 ? 'the server failed to answer this request' : error.message;
      return reply(errorResponse(status, detail), response);
    });
    const handler = async (request: FastifyRequest, response: FastifyReply) => {
      const body = request.body instanceof Uint8Array ? request.body : undefined;
      const url = request.url.slice(prefix.length) || '/';
      const remoteAddress = request.raw.socket.remoteAddress;
      return reply(
        await server.handle({ method: request.method, url, headers: request.headers, body, remoteAddress }),
        response,
      );
    };
    // Every method reaches the core, which answers those SCIM has no use for with a SCIM 405.
    app.all('/', handler);
    app.all('/*', handler);
    // Methods Fastify routes nowhere (PROPFIND, …) reach the core as well.
    app.setNotFoundHandler(handler);
  };
}

/**
 * Options for `Fastify(...)` that keep errors Fastify raises before any route (a URL that is not
 * valid percent-encoding) in SCIM's error shape. They can only be given to the instance.
 */
export const scimFastifyOptions = {
  /** Requests node:http rejects before any route (headers too large: 431), answered as SCIM errors. */
  clientErrorHandler: scimClientError,
  frameworkErrors: (error: FastifyError, _request: FastifyRequest, response: FastifyReply): void => {
    reply(errorResponse(400, error.message), response);
  },
};
