import { ScimError } from '@scimgen/runtime';

/** A request target split into decoded path segments and its query. */
export interface Target {
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
}

const NO_QUERY = new URLSearchParams();

/**
 * "/Users/2819c223?attributes=userName" → ["Users", "2819c223"] and the query. Empty segments
 * (a trailing slash, doubled slashes) are dropped; a query without "=" such as Entra ID's
 * `?aadOptscim062020` is simply a parameter nobody reads.
 */
export function parseTarget(url: string): Target {
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    try {
      segments.push(raw.includes('%') ? decodeURIComponent(raw) : raw);
    } catch {
      throw new ScimError(400, `the path ${JSON.stringify(path.slice(0, 200))} is not valid percent-encoding`);
    }
  }
  // No id, endpoint or schema holds NUL (no store could keep one), so nothing is there.
  if (segments.some((segment) => segment.includes('\u0000')))
    throw new ScimError(404, `nothing is at a path holding NUL (${JSON.stringify(path.slice(0, 200))})`);
  return { segments, query: mark < 0 ? NO_QUERY : new URLSearchParams(url.slice(mark + 1)) };
}

/** 405, with the methods the route has for the Allow header. */
export class MethodNotAllowed extends ScimError {
  constructor(
    method: string,
    readonly allowed: readonly string[],
  ) {
    super(405, `${method} is not supported here; use ${allowed.join(', ')}`);
  }
}
