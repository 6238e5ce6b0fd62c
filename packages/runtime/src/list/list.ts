import type { ResourceTypeDescriptor } from '../descriptor.js';
import { compileFilter } from '../filter/compile.js';
import { printAttrPath, printFilter } from '../filter/print.js';
import { projectResource } from '../projection.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { LIST_RESPONSE_URN, type ListQuery } from './query.js';
import { entryOrder, sortEntries } from './sort.js';

type Resource = Readonly<Record<string, unknown>>;

export interface ListResponse {
  readonly schemas: readonly [typeof LIST_RESPONSE_URN];
  readonly totalResults: number;
  readonly itemsPerPage: number;
  readonly startIndex?: number;
  readonly nextCursor?: string;
  readonly Resources: readonly Record<string, unknown>[];
}

export interface ListOptions {
  /** How long a cursor stays valid (RFC 9865 cursorTimeout), in milliseconds. */
  readonly cursorTimeoutMs?: number;
  readonly now?: number;
  /**
   * Whether to apply attributes/excludedAttributes and "returned" (default true). A server that
   * adds meta.location before projecting asks for the resources as stored.
   */
  readonly project?: boolean;
}

/** Identifies the query a cursor belongs to: its filter and sort, printed canonically. */
export function queryFingerprint(query: ListQuery): string {
  return [
    query.filter === undefined ? '' : printFilter(query.filter),
    query.sortBy === undefined ? '' : printAttrPath(query.sortBy),
    query.sortOrder,
  ].join('\n');
}

/**
 * Answers a list request over resources held in memory: filter, sort (ties by id), index or
 * cursor pagination, projection. Stores that can push these down to a database answer the same
 * ListQuery themselves; this is the reference and the fallback.
 */
export function listResources(
  resources: readonly Resource[],
  descriptor: ResourceTypeDescriptor,
  query: ListQuery,
  options: ListOptions = {},
): ListResponse {
  const predicate = query.filter === undefined ? undefined : compileFilter(query.filter, descriptor);
  const matched = sortEntries(
    predicate === undefined ? resources : resources.filter((r) => predicate(r)),
    descriptor,
    query.sortBy,
  );
  const order = entryOrder(query.sortOrder);
  matched.sort(order);
  const project = (r: Resource) =>
    options.project === false
      ? r
      : projectResource(r, descriptor, { attributes: query.attributes, excludedAttributes: query.excludedAttributes });

  if (query.pagination.kind === 'index') {
    const { startIndex, count } = query.pagination;
    const page = matched.slice(startIndex - 1, startIndex - 1 + count).map((m) => project(m.r));
    return {
      schemas: [LIST_RESPONSE_URN],
      totalResults: matched.length,
      itemsPerPage: page.length,
      startIndex,
      Resources: page,
    };
  }
  const fingerprint = queryFingerprint(query);
  const { cursor, count } = query.pagination;
  let from = 0;
  if (cursor !== undefined) {
    const state = decodeCursor(cursor, fingerprint, options.cursorTimeoutMs ?? 10 * 60_000, options.now);
    const position = { k: state.key, id: state.id };
    from = matched.findIndex((m) => order(m, position) > 0);
    if (from < 0) from = matched.length;
  }
  const slice = matched.slice(from, from + count);
  const last = slice[slice.length - 1];
  const more = from + count < matched.length && last !== undefined;
  return {
    schemas: [LIST_RESPONSE_URN],
    totalResults: matched.length,
    itemsPerPage: slice.length,
    ...(more
      ? {
          nextCursor: encodeCursor({
            key: last.k,
            id: last.id,
            query: fingerprint,
            issuedAt: options.now ?? Date.now(),
          }),
        }
      : {}),
    Resources: slice.map((m) => project(m.r)),
  };
}
