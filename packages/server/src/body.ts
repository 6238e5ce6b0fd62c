import { badRequest, checkRequestJson, ScimError } from '@scimgen/runtime';
import { header } from './http.js';
import type { ScimRequest } from './types.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A body as text; undefined when its bytes are not UTF-8. */
export function bodyText(body: string | Uint8Array): string | undefined {
  if (typeof body === 'string') return body;
  try {
    return decoder.decode(body);
  } catch {
    return undefined;
  }
}

/** SCIM bodies are JSON: application/scim+json, application/json (Google sends it), or no type at all. */
function acceptsMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/scim+json' || type === 'application/json' || type === '';
}

/**
 * The request body as parsed JSON. 413 over `limit` bytes, 415 for a media type that is not
 * JSON, 400 invalidSyntax for bytes that are not UTF-8 JSON, an empty body where one is needed or
 * nesting deeper than MAX_JSON_DEPTH, 400 invalidValue for text no store can keep (NUL, lone surrogates).
 */
export function readJsonBody(request: ScimRequest, limit: number): unknown {
  const raw = request.body;
  const size = raw === undefined ? 0 : typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
  if (size > limit) throw new ScimError(413, `the request body is ${size} bytes; at most ${limit} are accepted`);
  if (!acceptsMediaType(header(request.headers, 'content-type'))) {
    throw new ScimError(
      415,
      `the request body must be application/scim+json, not ${header(request.headers, 'content-type')}`,
    );
  }
  if (raw === undefined || size === 0) throw badRequest('invalidSyntax', 'the request has no body');
  const text = bodyText(raw);
  if (text === undefined) throw badRequest('invalidSyntax', 'the request body is not UTF-8 text');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badRequest('invalidSyntax', `the request body is not JSON: ${(error as Error).message}`);
  }
  // Before anything walks it: bounded nesting, and only text every store can keep.
  checkRequestJson(parsed);
  return parsed;
}
