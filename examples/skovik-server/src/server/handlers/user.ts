import type { ChangeSet, HandlerContext, ListPage, ResourceHandler, Stored } from '@scimgen/server';
import type { ListQuery } from '@scimgen/runtime';
import type { SqlResourceHandler, SqlStore } from '@scimgen/stores';
import { userResourceType } from '../../descriptors/index.js';
import type { User, UserCreateRequest, UserReplaceRequest } from '../../models/index.js';

/**
 * Storage for User resources (/Users). Scaffolded by scimgen and yours to edit: later
 * runs never overwrite this file; they only add a method the server needs and this class lacks.
 * The types are the generated views, so a schema change that your code does not handle (a new
 * required attribute, a renamed one) shows up here as a compile error.
 *
 * Resources are kept in the SQL database of @scimgen/stores (SQLite, or PostgreSQL when
 * DATABASE_URL says so): filters, sorting and paging run in SQL, uniqueness and versions are
 * enforced by the database. Put your application's own logic (mapping to your users, side
 * effects) around the calls below.
 */
export class UserHandler implements ResourceHandler<User, UserCreateRequest, UserReplaceRequest> {
  private readonly store: SqlResourceHandler<User, UserCreateRequest, UserReplaceRequest>;

  constructor(store: SqlStore) {
    this.store = store.handler<User, UserCreateRequest, UserReplaceRequest>(userResourceType);
  }

  /** Stores a new resource and returns it with its id and meta. */
  create(resource: UserCreateRequest): Stored<User> | Promise<Stored<User>> {
    return this.store.create(resource);
  }

  /** The stored resource, or undefined (answered 404). */
  get(id: string): Stored<User> | undefined | Promise<Stored<User> | undefined> {
    return this.store.get(id);
  }

  /** Replaces the whole resource (PUT, and PATCH results); undefined when there is no such resource. */
  replace(
    id: string,
    resource: UserReplaceRequest,
    context: HandlerContext,
  ): Stored<User> | undefined | Promise<Stored<User> | undefined> {
    return this.store.replace(id, resource, context);
  }

  /** Deletes the resource; false when there is no such resource. */
  delete(id: string): boolean | Promise<boolean> {
    return this.store.delete(id);
  }

  /** Writes a PATCH: the changed resource, and member changes as single rows. */
  patch(
    id: string,
    change: ChangeSet<User>,
    context: HandlerContext,
  ): Stored<User> | undefined | Promise<Stored<User> | undefined> {
    return this.store.patch(id, change, context);
  }

  /** Filter, sort and page: `query.filter` is the parsed filter, to turn into your storage's query. */
  list(query: ListQuery): ListPage<User> | Promise<ListPage<User>> {
    return this.store.list(query);
  }
}
