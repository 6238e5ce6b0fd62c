import { ScimError, mapFilter, sortKeyReader, type AppFilter, type ListQuery } from '@scimgen/runtime';
import type { HandlerContext, ListPage, ResourceHandler, Stored } from '@scimgen/server';
import { userResourceType } from '../../descriptors/index.js';
import { openAppDatabase } from '../../app/database.js';
import { USER_COLUMNS, UserRepository, type UserRow } from '../../app/users.js';
import { whereClause } from '../../app/where.js';
import { userFields, userToApp, userToScim, type UserLookups } from '../../mappings/user.js';
import type { User, UserCreateRequest, UserReplaceRequest } from '../../models/index.js';

/**
 * Storage for User resources (/Users) — in the application's own tables, through the mapping
 * stubs: a SCIM User becomes a users row with toApp, a row becomes a User with toScim, and a
 * SCIM filter becomes a WHERE clause over the mapped columns with mapFilter. Scaffolded by
 * scimgen, then written for this application (the scaffold kept resources in memory).
 */
export class UserHandler implements ResourceHandler<User, UserCreateRequest, UserReplaceRequest> {
  private readonly lookups: UserLookups;

  constructor(
    readonly users: UserRepository = new UserRepository(
      openAppDatabase(process.env['SNIPEIT_DATABASE'] ?? 'data/snipeit.db'),
    ),
  ) {
    this.lookups = { department: users.departments };
  }

  private stored(row: UserRow): Stored<User> {
    return {
      ...userToScim(row, this.lookups),
      id: String(row.id),
      meta: { created: row.created_at, lastModified: row.updated_at, version: String(row.version) },
    } as Stored<User>;
  }

  private conflict(error: unknown): unknown {
    return error instanceof Error && /UNIQUE constraint failed: users\.username/.test(error.message)
      ? new ScimError(409, 'userName is already taken', 'uniqueness')
      : error;
  }

  /** Stores a new resource and returns it with its id and meta. */
  create(resource: UserCreateRequest): Stored<User> {
    try {
      return this.stored(this.users.insert(userToApp(resource, this.lookups), new Date().toISOString()));
    } catch (error) {
      throw this.conflict(error);
    }
  }

  /** The stored resource, or undefined (answered 404). */
  get(id: string): Stored<User> | undefined {
    const row = /^\d+$/.test(id) ? this.users.find(Number(id)) : undefined;
    return row === undefined ? undefined : this.stored(row);
  }

  /** Replaces the whole resource (PUT, and PATCH results); undefined when there is no such resource. */
  replace(id: string, resource: UserReplaceRequest, context: HandlerContext): Stored<User> | undefined {
    const current = /^\d+$/.test(id) ? this.users.find(Number(id)) : undefined;
    if (current === undefined) return undefined;
    const version = current.version;
    if (context.expectedVersion !== undefined && String(version) !== context.expectedVersion)
      throw new ScimError(412, `User ${id} changed while this request was answered`);
    let written: boolean;
    try {
      written = this.users.update(current.id, userToApp(resource, this.lookups), version, new Date().toISOString());
    } catch (error) {
      throw this.conflict(error);
    }
    if (!written) throw new ScimError(412, `User ${id} changed while this request was answered`);
    return this.stored(this.users.find(current.id)!);
  }

  /** Snipe-IT does not delete users over SCIM; the server refuses DELETE before it gets here. */
  delete(): boolean {
    throw new ScimError(405, 'users are not deleted over SCIM here');
  }

  /** A department named in a filter is compared by its id, as the column holds it. */
  private withIds(filter: AppFilter): AppFilter {
    switch (filter.kind) {
      case 'and':
      case 'or':
        return { ...filter, left: this.withIds(filter.left), right: this.withIds(filter.right) };
      case 'not':
        return { ...filter, filter: this.withIds(filter.filter) };
      case 'compare':
        if (filter.field !== 'department_id' || typeof filter.value !== 'string') return filter;
        if (filter.op !== 'eq' && filter.op !== 'ne')
          throw new ScimError(400, 'departments are compared with eq or ne', 'invalidFilter');
        // An unknown department matches no user (ids start at 1).
        return { ...filter, value: this.users.departmentId(filter.value) ?? 0 };
      default:
        return filter;
    }
  }

  /** The filter, translated through the mappings, runs in the application's own table. */
  list(query: ListQuery): ListPage<User> {
    const params: unknown[] = [];
    const where =
      query.filter === undefined
        ? '1 = 1'
        : whereClause(
            this.withIds(mapFilter(query.filter, userResourceType, userFields)),
            new Set(USER_COLUMNS),
            params,
          );
    if (query.pagination.kind === 'cursor')
      throw new ScimError(400, 'this application pages by startIndex only', 'invalidValue');
    const { startIndex, count } = query.pagination;
    const { total, rows } = this.users.page(
      where,
      params,
      'id',
      query.sortBy === undefined ? count : 1_000_000,
      query.sortBy === undefined ? startIndex - 1 : 0,
    );
    let resources = rows.map((r) => this.stored(r));
    if (query.sortBy !== undefined) {
      // Sorting by a SCIM attribute: on the mapped values, as the runtime sorts.
      const key = sortKeyReader(userResourceType, query.sortBy);
      const sign = query.sortOrder === 'descending' ? -1 : 1;
      resources = resources
        .map((r) => ({ r, k: key(r as unknown as Record<string, unknown>) }))
        .sort((a, b) => sign * (a.k === b.k ? 0 : a.k === undefined ? 1 : b.k === undefined ? -1 : a.k < b.k ? -1 : 1))
        .slice(startIndex - 1, startIndex - 1 + count)
        .map((e) => e.r);
    }
    return { totalResults: total, resources, startIndex };
  }
}
