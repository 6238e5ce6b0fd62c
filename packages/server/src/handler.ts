import type { ListQuery, MemberDelta } from '@scimgen/runtime';

/** What a handler keeps about every resource's version; the server derives meta.location and the ETag. */
export interface StoredMeta {
  readonly created: string;
  readonly lastModified: string;
  readonly version: string;
}

/** A resource as a handler stores and returns it: with its id and meta (created, lastModified, version). */
export type Stored<Resource = Record<string, unknown>> = Resource & { readonly id: string; readonly meta: StoredMeta };

export type StoredResource = Stored;

/** One page of a list, before projection: the server adds meta.location and applies attributes. */
export interface ListPage<Resource = Record<string, unknown>> {
  readonly totalResults: number;
  readonly resources: readonly Stored<Resource>[];
  /** The 1-based index of the first resource (index pagination). */
  readonly startIndex?: number;
  /** RFC 9865: the cursor of the next page, when there is one (cursor pagination). */
  readonly nextCursor?: string;
}

/** A PATCH after the server applied and validated it: what changed, for a store to write. */
export interface ChangeSet<Resource = Record<string, unknown>> {
  /** The whole resource after the change (members included only if the handler's get returned them). */
  readonly resource: Resource;
  /** Canonical names of the top-level attributes (or extension URNs) that changed. */
  readonly changedAttributes: readonly string[];
  /**
   * Member changes as deltas, when the request touched members; undefined when it did not, or
   * when a change cannot be put as deltas (a member's sub-attribute, a filtered add or replace):
   * then, if `changedAttributes` lists the members, the members of `resource` are the new list.
   */
  readonly members: MemberDelta | undefined;
  /** IdP normalizations the PATCH engine applied, for an audit log. */
  readonly normalizations: readonly string[];
}

/** Passed to every handler call. */
export interface HandlerContext {
  /** The resource type's name ("User"). */
  readonly resourceType: string;
  /**
   * For writes: the version the server read and checked If-Match against. A handler that can
   * change the resource concurrently throws ScimError 412 when the stored version differs.
   */
  readonly expectedVersion?: string | undefined;
  /**
   * The application user the server acts as (ScimServerOptions.actingUser): GLPI records the
   * user configured for an identity server as the author of what it provisions.
   */
  readonly actingUser?: string | undefined;
}

type Maybe<T> = T | Promise<T>;

/**
 * What a store or an application implements for one resource type, typed by the generated views:
 * `ResourceHandler<User, UserCreateRequest, UserReplaceRequest>`. The server has validated every
 * input (canonical names, readOnly dropped, immutables checked) before calling it; a handler
 * reports conflicts by throwing ScimError (409 uniqueness, 412 version). `list` receives the
 * parsed filter, sort and page so a database can answer it itself.
 */
export interface ResourceHandler<
  Resource = Record<string, unknown>,
  Create = Record<string, unknown>,
  Replace = Record<string, unknown>,
> {
  /** Stores a new resource; assigns id and meta. */
  create(resource: Create, context: HandlerContext): Maybe<Stored<Resource>>;
  get(id: string, context: HandlerContext): Maybe<Stored<Resource> | undefined>;
  /**
   * Replaces the whole resource (PUT, and PATCH results when there is no `patch`); undefined when
   * there is no such resource.
   */
  replace(id: string, resource: Replace, context: HandlerContext): Maybe<Stored<Resource> | undefined>;
  /** Writes a PATCH; without it the server calls replace with the patched resource. */
  patch?(id: string, change: ChangeSet<Resource>, context: HandlerContext): Maybe<Stored<Resource> | undefined>;
  /**
   * Reads a resource without its member list (a Group's `members`). With `patch`, it lets the
   * server answer a PATCH that only adds or removes members with 204 No Content without ever
   * loading the list: the change it passes to `patch` then carries the member deltas and a
   * resource holding only the members added.
   */
  getWithoutMembers?(id: string, context: HandlerContext): Maybe<Stored<Resource> | undefined>;
  /** false when there is no such resource. */
  delete(id: string, context: HandlerContext): Maybe<boolean>;
  /**
   * Filter, sort and page. `query.attributes`/`excludedAttributes` are applied by the server;
   * a handler may use them to read fewer columns.
   */
  list(query: ListQuery, context: HandlerContext): Maybe<ListPage<Resource>>;
}
