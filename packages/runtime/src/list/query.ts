import { badRequest } from '../errors.js';
import type { AttrPath, Filter } from '../filter/ast.js';
import { parseAttrPath, parseFilter } from '../filter/parser.js';

export const LIST_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

export type Pagination =
  | { readonly kind: 'index'; readonly startIndex: number; readonly count: number }
  /** `cursor` is undefined for the first page (an empty `cursor=` parameter). */
  | { readonly kind: 'cursor'; readonly cursor: string | undefined; readonly count: number };

/** A list request (GET query or POST /.search body) after checking: what a store needs. */
export interface ListQuery {
  readonly filter: Filter | undefined;
  readonly sortBy: AttrPath | undefined;
  readonly sortOrder: 'ascending' | 'descending';
  readonly pagination: Pagination;
  readonly attributes: readonly string[];
  readonly excludedAttributes: readonly string[];
}

export interface ListLimits {
  /** Page size when the client does not say (ServiceProviderConfig filter.maxResults caps it). */
  readonly defaultCount: number;
  /** Largest page; a larger count is clamped for index paging, refused (invalidCount) for cursors. */
  readonly maxCount: number;
}

export const DEFAULT_LIST_LIMITS: ListLimits = { defaultCount: 100, maxCount: 1000 };

type Raw = Readonly<Record<string, unknown>>;

function integer(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw badRequest('invalidValue', `${name} must be an integer, got ${JSON.stringify(raw)}`);
  return Number(text);
}

function list(raw: unknown, name: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (Array.isArray(raw) && raw.every((s) => typeof s === 'string')) return raw.flatMap((s: string) => list(s, name));
  throw badRequest('invalidValue', `${name} must be a comma-separated string or an array of strings`);
}

/**
 * Reads list parameters from a query string (as an object) or a SearchRequest body, per
 * RFC 7644 §3.4.2 and RFC 9865: startIndex below 1 is read as 1, a negative count as 0, a count
 * above the maximum is clamped (index paging) or refused with invalidCount (cursor paging).
 */
export function parseListQuery(params: Raw, limits: ListLimits = DEFAULT_LIST_LIMITS): ListQuery {
  const filterText = params['filter'];
  if (filterText !== undefined && typeof filterText !== 'string')
    throw badRequest('invalidFilter', 'filter must be a string');
  const sortByText = params['sortBy'];
  if (sortByText !== undefined && typeof sortByText !== 'string')
    throw badRequest('invalidValue', 'sortBy must be a string');
  const order = params['sortOrder'];
  if (order !== undefined && (typeof order !== 'string' || !/^(ascending|descending)$/i.test(order))) {
    throw badRequest('invalidValue', `sortOrder must be "ascending" or "descending", got ${JSON.stringify(order)}`);
  }
  const attributes = list(params['attributes'], 'attributes');
  const excludedAttributes = list(params['excludedAttributes'], 'excludedAttributes');
  const requestedCount = integer(params['count'], 'count');
  const cursor = params['cursor'];
  let pagination: Pagination;
  if (cursor !== undefined) {
    if (typeof cursor !== 'string') throw badRequest('invalidCursor', 'cursor must be a string');
    if (params['startIndex'] !== undefined)
      throw badRequest('invalidValue', 'startIndex and cursor cannot be used together');
    if (requestedCount !== undefined && requestedCount > limits.maxCount) {
      throw badRequest('invalidCount', `count ${requestedCount} is more than the maximum page size ${limits.maxCount}`);
    }
    pagination = {
      kind: 'cursor',
      cursor: cursor === '' ? undefined : cursor,
      count: Math.max(0, requestedCount ?? limits.defaultCount),
    };
  } else {
    const startIndex = Math.max(1, integer(params['startIndex'], 'startIndex') ?? 1);
    pagination = {
      kind: 'index',
      startIndex,
      count: Math.min(limits.maxCount, Math.max(0, requestedCount ?? limits.defaultCount)),
    };
  }
  return {
    filter: filterText === undefined || filterText.trim() === '' ? undefined : parseFilter(filterText),
    sortBy: sortByText === undefined || sortByText === '' ? undefined : parseAttrPath(sortByText),
    sortOrder: typeof order === 'string' && order.toLowerCase() === 'descending' ? 'descending' : 'ascending',
    pagination,
    attributes,
    excludedAttributes,
  };
}
