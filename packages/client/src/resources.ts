import { diffOperations, type DiffOptions } from './diff.js';
import { ScimClientError, ScimNetworkError } from './errors.js';
import { adjustOperations, UnsupportedByProvider } from './profiles.js';
import type { Transport } from './transport.js';

export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A resource as a server returns it: its id and meta, and whatever the type holds. */
export type Returned<R> = R & {
  readonly id: string;
  readonly meta?: { readonly version?: string; readonly location?: string; readonly [key: string]: unknown };
};

export interface ListParameters {
  readonly filter?: string;
  readonly sortBy?: string;
  readonly sortOrder?: 'ascending' | 'descending';
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
  readonly startIndex?: number;
  readonly count?: number;
  /** RFC 9865: "" for the first page of a cursor walk, then each page's nextCursor. */
  readonly cursor?: string;
}

export interface ListResponse<R> {
  readonly totalResults: number;
  readonly itemsPerPage?: number;
  readonly startIndex?: number;
  readonly nextCursor?: string;
  readonly Resources: readonly Returned<R>[];
}

export interface PatchOperation {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path?: string;
  readonly value?: unknown;
}

export interface WriteOptions {
  /** The ETag the change is made against (If-Match): 412 when the resource changed meanwhile. */
  readonly ifMatch?: string;
  readonly attributes?: readonly string[];
}

const joined = (list: readonly string[] | undefined) =>
  list === undefined || list.length === 0 ? undefined : list.join(',');

/**
 * One resource type's endpoint (`/Users`): typed by the resource it returns (R), what a create
 * takes (C) and what a replace takes (P), as the generated client binds them.
 */
export class ResourceClient<R = Record<string, unknown>, C = Record<string, unknown>, P = C> {
  constructor(
    private readonly transport: Transport,
    readonly endpoint: string,
  ) {}

  private path(id?: string): string {
    return id === undefined ? this.endpoint : `${this.endpoint}/${encodeURIComponent(id)}`;
  }

  /**
   * Creates a resource. With `lookupBy` (an attribute such as externalId or userName), a POST
   * whose answer was lost is not sent blindly again: the resource is looked up by that attribute
   * first, and created only if it is not there.
   */
  async create(resource: C, options: WriteOptions & { lookupBy?: string } = {}): Promise<Returned<R>> {
    this.transport.profile.checkResource?.(resource as Record<string, unknown>, this.endpoint);
    const post = async () =>
      (
        await this.transport.request('POST', this.path(), {
          body: resource,
          query: { attributes: joined(options.attributes) },
        })
      ).body as Returned<R>;
    try {
      return await post();
    } catch (error) {
      const key = options.lookupBy;
      const value = key === undefined ? undefined : (resource as Record<string, unknown>)[key];
      if (!(error instanceof ScimNetworkError) || typeof value !== 'string') throw error;
      const found = await this.list({ filter: `${key} eq ${JSON.stringify(value)}`, count: 1 });
      return found.Resources[0] ?? (await post());
    }
  }

  /**
   * Brings a resource to `next`: with PUT (`mode: 'put'`), or with the PATCH operations that
   * differ (the default), computed against `current` or a fresh read; no request when nothing
   * differs. Group members change as deltas unless `memberChanges: 'replace'`.
   */
  async update(
    id: string,
    next: P,
    options: WriteOptions & DiffOptions & { mode?: 'patch' | 'put'; current?: Returned<R> } = {},
  ): Promise<Returned<R> | undefined> {
    if (options.mode === 'put') return this.replace(id, next, options);
    const current = options.current ?? (await this.get(id));
    if (current === undefined)
      throw new ScimClientError(404, `${this.endpoint}/${id} not found`, undefined, undefined, 'GET', this.path(id));
    if (options.memberChanges === 'replace' && this.transport.profile.memberDeltasOnly === true)
      throw new UnsupportedByProvider(`${this.transport.profile.name} changes members by add and remove only`);
    const operations = diffOperations(current as Record<string, unknown>, next as Record<string, unknown>, options);
    if (operations.length === 0) return current;
    return this.patch(id, operations, options);
  }

  /** The resource, or undefined when the server answers 404. */
  async get(
    id: string,
    options: { attributes?: readonly string[]; excludedAttributes?: readonly string[] } = {},
  ): Promise<Returned<R> | undefined> {
    try {
      return (
        await this.transport.request('GET', this.path(id), {
          query: { attributes: joined(options.attributes), excludedAttributes: joined(options.excludedAttributes) },
        })
      ).body as Returned<R>;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  /** PUT; for a provider without PUT, the PATCH operations that make the resource this one. */
  async replace(id: string, resource: P, options: WriteOptions = {}): Promise<Returned<R>> {
    this.transport.profile.checkResource?.(resource as Record<string, unknown>, this.endpoint);
    if (this.transport.profile.put === false) {
      const current = await this.get(id);
      if (current === undefined)
        throw new ScimClientError(404, `${this.endpoint}/${id} not found`, undefined, undefined, 'GET', this.path(id));
      const operations = diffOperations(current as Record<string, unknown>, resource as Record<string, unknown>);
      if (operations.length === 0) return current;
      return (await this.patch(id, operations, options)) ?? (await this.get(id))!;
    }
    return (
      await this.transport.request('PUT', this.path(id), {
        body: resource,
        ...(options.ifMatch !== undefined ? { headers: { 'if-match': options.ifMatch } } : {}),
      })
    ).body as Returned<R>;
  }

  /** Applies PATCH operations; the resource after them, or undefined when the server answered 204. */
  async patch(
    id: string,
    operations: readonly PatchOperation[],
    options: WriteOptions = {},
  ): Promise<Returned<R> | undefined> {
    const response = await this.transport.request('PATCH', this.path(id), {
      body: { schemas: [PATCH_OP], Operations: adjustOperations(this.transport.profile, operations, this.endpoint) },
      query: { attributes: joined(options.attributes) },
      ...(options.ifMatch !== undefined ? { headers: { 'if-match': options.ifMatch } } : {}),
    });
    return response.status === 204 ? undefined : (response.body as Returned<R>);
  }

  async delete(id: string, options: WriteOptions = {}): Promise<void> {
    if (this.transport.profile.deleteAs === 'deactivate') {
      await this.patch(id, [{ op: 'replace', path: 'active', value: false }], options);
      return;
    }
    await this.transport.request('DELETE', this.path(id), {
      ...(options.ifMatch !== undefined ? { headers: { 'if-match': options.ifMatch } } : {}),
    });
  }

  /** One page (GET with query parameters). */
  async list(parameters: ListParameters = {}): Promise<ListResponse<R>> {
    const { checkFilter, maxPageSize } = this.transport.profile;
    if (parameters.filter !== undefined) checkFilter?.(parameters.filter);
    const count = maxPageSize === undefined ? parameters.count : Math.min(parameters.count ?? maxPageSize, maxPageSize);
    return (
      await this.transport.request('GET', this.path(), {
        query: {
          filter: parameters.filter,
          sortBy: parameters.sortBy,
          sortOrder: parameters.sortOrder,
          attributes: joined(parameters.attributes),
          excludedAttributes: joined(parameters.excludedAttributes),
          startIndex: parameters.startIndex,
          count,
          cursor: parameters.cursor,
        },
      })
    ).body as ListResponse<R>;
  }

  /** One page through POST /.search (filters too long or too private for a URL). */
  async search(parameters: ListParameters = {}): Promise<ListResponse<R>> {
    if (this.transport.profile.searchWithGet === true) return this.list(parameters);
    const { attributes, excludedAttributes, ...rest } = parameters;
    return (
      await this.transport.request('POST', `${this.endpoint}/.search`, {
        body: {
          schemas: [SEARCH_REQUEST],
          ...rest,
          ...(attributes !== undefined ? { attributes } : {}),
          ...(excludedAttributes !== undefined ? { excludedAttributes } : {}),
        },
      })
    ).body as ListResponse<R>;
  }

  /**
   * Every matching resource, page by page: by RFC 9865 cursor when `paging` is 'cursor', else by
   * startIndex. A server that ignores `cursor` (its first page has no nextCursor yet totalResults
   * says there is more) is read on by startIndex. Index paging goes on while pages come back
   * full, whatever totalResults says (servers undercount), and stops at an empty page, a short
   * one past totalResults, or a server that answers the same page again.
   */
  async *all(
    parameters: Omit<ListParameters, 'startIndex' | 'cursor'> = {},
    paging?: 'index' | 'cursor',
  ): AsyncGenerator<Returned<R>> {
    let startIndex = 1;
    let pageSize = parameters.count;
    if ((paging ?? this.transport.profile.paging ?? 'index') === 'cursor') {
      let cursor = '';
      for (let first = true; ; first = false) {
        const page = await this.list({ ...parameters, cursor });
        const resources = page.Resources ?? [];
        yield* resources;
        if (page.nextCursor !== undefined && page.nextCursor !== '') {
          cursor = page.nextCursor;
          continue;
        }
        if (!first || !(page.totalResults > resources.length) || resources.length === 0) return;
        // The server answered the first page of index paging: go on that way.
        startIndex = resources.length + 1;
        pageSize ??= resources.length;
        break;
      }
    }
    yield* this.byIndex(parameters, startIndex, pageSize);
  }

  private async *byIndex(
    parameters: Omit<ListParameters, 'startIndex' | 'cursor'>,
    from: number,
    count: number | undefined,
  ): AsyncGenerator<Returned<R>> {
    let startIndex = from;
    let pageSize = count;
    let previousFirst: string | undefined;
    for (;;) {
      const page = await this.list({ ...parameters, startIndex });
      const resources = page.Resources ?? [];
      if (resources.length === 0) return;
      if (resources[0]!.id === previousFirst)
        throw new Error(
          `${this.transport.baseUrl}${this.endpoint} answered startIndex ${startIndex} with the page before it again: the server ignores startIndex`,
        );
      previousFirst = resources[0]!.id;
      yield* resources;
      // The first page tells the server's page size when the caller did not choose one.
      pageSize ??= resources.length;
      startIndex += resources.length;
      if (startIndex > page.totalResults && resources.length < pageSize) return;
    }
  }
}
