import { LIST_RESPONSE_URN, ScimError } from '@scimgen/runtime';
import { SCIM_MEDIA_TYPE, type HeaderValue, type ScimResponse } from './types.js';

/** The first value of a header, or undefined. */
export function header(headers: Readonly<Record<string, HeaderValue>>, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value[0];
}

/** An answer inside the core, before its body becomes text. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** What the server adjusted in the input (IdP normalizations, validation warnings), for the audit log. */
  readonly notes?: readonly string[];
}

const JSON_HEADERS = { 'content-type': SCIM_MEDIA_TYPE } as const;

/** A ListResponse (RFC 7644 §3.4.2) of resources already shaped for the client. */
export function listReply(
  resources: readonly unknown[],
  totalResults: number,
  page: { readonly startIndex?: number | undefined; readonly nextCursor?: string | undefined } = {},
): Reply {
  return {
    status: 200,
    body: {
      schemas: [LIST_RESPONSE_URN],
      totalResults,
      itemsPerPage: resources.length,
      ...(page.startIndex !== undefined ? { startIndex: page.startIndex } : {}),
      ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
      Resources: resources,
    },
  };
}

export function toResponse(reply: Reply): ScimResponse {
  if (reply.body === undefined) return { status: reply.status, headers: reply.headers ?? {}, body: undefined };
  return {
    status: reply.status,
    headers: reply.headers === undefined ? JSON_HEADERS : { ...JSON_HEADERS, ...reply.headers },
    body: JSON.stringify(reply.body),
  };
}

/** A ScimError as a reply: RFC 7644 §3.12 body, with Allow for 405. */
export function errorReply(error: ScimError, headers?: Readonly<Record<string, string>>): Reply {
  return { status: error.status, body: error.toJSON(), ...(headers !== undefined ? { headers } : {}) };
}

/** The response for an error before or outside the core (adapters use it for bodies over the limit). */
export function errorResponse(status: number, detail: string): ScimResponse {
  return toResponse(errorReply(new ScimError(status, detail)));
}

export function notFound(what: string): ScimError {
  return new ScimError(404, `${what} not found`);
}
