import { randomUUID } from 'node:crypto';
import {
  ScimError,
  decodeCursor,
  encodeCursor,
  queryFingerprint,
  sortKeyReader,
  type ListQuery,
  type MemberDelta,
  type ResourceTypeDescriptor,
  type AttributeDescriptor,
} from '@scimgen/runtime';
import { listInMemory } from '@scimgen/server';
import type { ChangeSet, HandlerContext, ListPage, ResourceHandler, Stored, StoredResource } from '@scimgen/server';
import type { Row, SqlDriver, SqlExecutor, UnitOptions } from './driver.js';
import { quoted, uniqueKey, type TableLayout, type UniqueColumn } from './layout.js';
import { applyMigrations } from './migrate.js';
import { COUNTS_TABLE, migrationsFor, type Migration } from './migrations.js';
import { inSchemaOrder, parseJson } from './rows.js';
import type { Params } from './sql/params.js';
import { filterSql, valueFilterSql, type RowScope } from './sql/filter.js';
import { afterPosition, orderBy, sortPlan } from './sql/order.js';
import { memberRowRef } from './sql/refs.js';
import { tableLayout } from './layout.js';
import { groupRows, groupsLayout } from './groups.js';

export interface SqlStoreOptions {
  /**
   * Keeps this store's resources in tables of their own (`scim_<namespace>_user`), so several
   * tenants can share one database without sharing a row. Lower-case letters, digits and _.
   */
  readonly namespace?: string;
  /** The steps to apply at start (a generated package's `migrations`); derived from the resource types when absent. */
  readonly migrations?: readonly Migration[];
  readonly newId?: () => string;
  readonly now?: () => Date;
  readonly cursorTimeoutMs?: number;
  /**
   * Most resources sorted in process when sortBy names a multi-valued attribute (the only list
   * query not answered in SQL); more answer 400 tooMany. Default 10,000.
   */
  readonly maxInProcessSort?: number;
  /**
   * From how many skipped rows an index page (`startIndex`) is counted first and read from the
   * nearer end of the results, so a page at the end costs what one at the start does. Default 1,000.
   */
  readonly deepPageOffset?: number;
}

const ROWS_PER_INSERT = 300;
/** From this many rows skipped, an index page counts first and may be read from the far end. */
const DEEP_OFFSET = 1_000;

/**
 * Resources of several resource types in one SQL database: one table per resource type (the
 * document plus indexed columns), one membership table per resource type with members.
 * `handler(descriptor)` gives the ResourceHandler the server binds.
 */
export class SqlStore {
  private readonly layouts = new Map<string, TableLayout>();

  private constructor(
    readonly driver: SqlDriver,
    readonly descriptors: readonly ResourceTypeDescriptor[],
    private readonly options: SqlStoreOptions,
  ) {
    for (const d of descriptors) this.layouts.set(d.name, tableLayout(d, options.namespace));
    // A User's groups come from every group-like type's membership table, so they are known last.
    const types = descriptors.map((descriptor) => ({ descriptor, layout: this.layouts.get(descriptor.name)! }));
    for (const d of descriptors) {
      const groups = groupsLayout(d, types);
      if (groups !== undefined) this.layouts.set(d.name, { ...this.layouts.get(d.name)!, groups });
    }
  }

  /** Opens a store on a driver: applies the migrations not yet applied, checking those that were. */
  static async open(
    driver: SqlDriver,
    descriptors: readonly ResourceTypeDescriptor[],
    options: SqlStoreOptions = {},
  ): Promise<SqlStore> {
    const needed = migrationsFor(descriptors, options.namespace);
    // Generated migrations are written for the tables without a namespace.
    const given = options.namespace === undefined ? (options.migrations ?? needed) : needed;
    const missing = needed.filter((n) => !given.some((g) => g.id === n.id));
    if (missing.length > 0)
      throw new Error(
        `the migrations given do not create what these resource types need (${missing.map((m) => m.id).join(', ')}); regenerate the package`,
      );
    await applyMigrations(driver, given);
    return new SqlStore(driver, descriptors, options);
  }

  handler<Resource = Record<string, unknown>, Create = Record<string, unknown>, Replace = Record<string, unknown>>(
    descriptor: ResourceTypeDescriptor,
  ): SqlResourceHandler<Resource, Create, Replace> {
    const layout = this.layouts.get(descriptor.name);
    if (layout === undefined) throw new Error(`this store was opened without resource type ${descriptor.name}`);
    return new SqlResourceHandler(this.driver, descriptor, layout, [...this.layouts.values()], this.options);
  }

  /**
   * Runs `work` in one database transaction, committed once at the end (nested, a savepoint):
   * what a server's `transaction` option takes, so a /Bulk request is one commit with a savepoint
   * per operation instead of a commit per operation. `{ optimistic: true }` (what generated
   * servers pass): on PostgreSQL the savepoints are left out, and in the rare case one had
   * something to undo, everything is rolled back and `work` runs again with them — so only for
   * work whose every effect is in this database.
   */
  transaction<T>(work: () => Promise<T>, options: UnitOptions = {}): Promise<T> {
    return this.driver.unitOfWork(work, options);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/** The ResourceHandler of one resource type over its tables. */
export class SqlResourceHandler<
  Resource = Record<string, unknown>,
  Create = Record<string, unknown>,
  Replace = Record<string, unknown>,
> implements ResourceHandler<Resource, Create, Replace> {
  private readonly scope: RowScope;
  private readonly table: string;
  private readonly newId: () => string;
  private readonly now: () => Date;

  constructor(
    private readonly driver: SqlDriver,
    readonly descriptor: ResourceTypeDescriptor,
    private readonly layout: TableLayout,
    private readonly allLayouts: readonly TableLayout[],
    private readonly options: SqlStoreOptions,
  ) {
    this.scope = { descriptor, layout, dialect: driver.dialect, alias: 'r' };
    this.table = quoted(layout.table);
    this.newId = options.newId ?? randomUUID;
    this.now = options.now ?? (() => new Date());
  }

  private params(): Params {
    return this.driver.dialect.params();
  }

  /** The resource without id, meta, members and the computed groups: what the document column keeps. */
  private document(resource: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const members = this.layout.members?.attribute.name;
    const groups = this.layout.groups?.attribute.name;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource))
      if (key !== 'id' && key !== 'meta' && key !== members && key !== groups) out[key] = value;
    return out;
  }

  private membersOf(resource: Readonly<Record<string, unknown>>): readonly Record<string, unknown>[] {
    if (this.layout.members === undefined) return [];
    const value = resource[this.layout.members.attribute.name];
    return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  }

  private stored(
    id: string,
    resource: Readonly<Record<string, unknown>>,
    created: string,
    lastModified: string,
    version: number,
  ): StoredResource {
    const extra: Record<string, unknown> = {};
    if (this.layout.members !== undefined) {
      const members = this.membersOf(resource);
      if (members.length > 0) extra[this.layout.members.attribute.name] = members;
    }
    return inSchemaOrder(this.descriptor, id, this.document(resource), extra, {
      created,
      lastModified,
      version: String(version),
    });
  }

  /** 409 uniqueness for a unique index the write violated; anything else as it was. */
  private conflict(error: unknown, resource: Readonly<Record<string, unknown>>): unknown {
    const index = this.driver.uniqueViolation(error);
    if (index === undefined) return error;
    const column = this.layout.unique.find((u) => index.endsWith(u.column));
    if (column === undefined) return new ScimError(409, `the ${this.descriptor.name} is not unique`, 'uniqueness');
    return this.conflictOn(column, resource);
  }

  private conflictOn(column: UniqueColumn, resource: Readonly<Record<string, unknown>>): ScimError {
    const holder =
      column.extension === undefined ? resource : (resource[column.extension] as Record<string, unknown> | undefined);
    return new ScimError(
      409,
      `${column.attribute.name} ${JSON.stringify(holder?.[column.attribute.name])} is already taken`,
      'uniqueness',
    );
  }

  private uniqueValues(resource: Readonly<Record<string, unknown>>): (string | null)[] {
    return this.layout.unique.map((u) => uniqueKey(u, resource));
  }

  async create(input: Create, _context?: HandlerContext): Promise<Stored<Resource>> {
    const resource = input as Record<string, unknown>;
    const id = this.newId();
    const now = this.now().toISOString();
    const stored = this.stored(id, resource, now, now, 1);
    const p = this.params();
    const { dialect } = this.driver;
    const values = [
      p.add(id),
      p.add(typeof resource['externalId'] === 'string' ? resource['externalId'] : null),
      p.add(now),
      p.add(now),
      p.add(1),
      dialect.jsonParam(p.add(JSON.stringify(this.document(resource)))),
      ...this.uniqueValues(resource).map((v) => p.add(v)),
    ];
    const columns = [
      '"id"',
      '"external_id"',
      '"created"',
      '"last_modified"',
      '"version"',
      '"doc"',
      ...this.layout.unique.map((u) => quoted(u.column)),
    ];
    try {
      await this.driver.transaction(async (tx) => {
        // A value already taken inserts nothing instead of failing: no error aborts the
        // transaction around it (a /Bulk request's), and the 409 names the value.
        const inserted = await tx.run(
          `INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (${values.join(', ')}) ON CONFLICT DO NOTHING`,
          p,
        );
        if (inserted === 0) throw await this.taken(tx, resource);
        await this.addMembers(tx, id, this.membersOf(resource));
      });
    } catch (error) {
      throw this.conflict(error, resource);
    }
    return stored as Stored<Resource>;
  }

  /** The 409 for a create that inserted nothing: the first unique value another resource holds. */
  private async taken(tx: SqlExecutor, resource: Readonly<Record<string, unknown>>): Promise<ScimError> {
    for (const column of this.layout.unique) {
      const key = uniqueKey(column, resource);
      if (key === null) continue;
      const p = this.params();
      const [holder] = await tx.all(
        `SELECT 1 AS "taken" FROM ${this.table} WHERE ${quoted(column.column)} = ${p.add(key)}`,
        p,
      );
      if (holder !== undefined) return this.conflictOn(column, resource);
    }
    return new ScimError(409, `the ${this.descriptor.name} is not unique`, 'uniqueness');
  }

  private selectColumns(withMembers: boolean, withGroups = true): string {
    const { dialect } = this.driver;
    const members =
      withMembers && this.layout.members !== undefined
        ? `, ${dialect.membersArray(quoted(this.layout.members.table), 'r."id"')} AS "members"`
        : '';
    const groups =
      withGroups && this.layout.groups !== undefined
        ? `, ${dialect.groupsArray(groupRows(this.layout.groups, dialect), 'r."id"')} AS "groups"`
        : '';
    return `r."id", r."created", r."last_modified", r."version", ${dialect.readJson('r."doc"')} AS "doc"${members}${groups}`;
  }

  private fromRow(row: Row): StoredResource {
    const document = parseJson(row['doc']) as Record<string, unknown>;
    const extra: Record<string, unknown> = {};
    if (this.layout.members !== undefined && row['members'] !== undefined) {
      const members = parseJson(row['members']) as unknown[];
      if (members.length > 0) extra[this.layout.members.attribute.name] = members;
    }
    if (this.layout.groups !== undefined && row['groups'] !== undefined) {
      const groups = parseJson(row['groups']) as unknown[];
      if (groups.length > 0) extra[this.layout.groups.attribute.name] = groups;
    }
    return inSchemaOrder(this.descriptor, String(row['id']), document, extra, {
      created: String(row['created']),
      lastModified: String(row['last_modified']),
      version: String(row['version']),
    });
  }

  get(id: string, _context?: HandlerContext): Promise<Stored<Resource> | undefined> {
    return this.read(id, true);
  }

  /** The resource without its member rows: what a members-only PATCH needs (see ResourceHandler). */
  getWithoutMembers(id: string, _context?: HandlerContext): Promise<Stored<Resource> | undefined> {
    return this.read(id, false);
  }

  private async read(id: string, withMembers: boolean): Promise<Stored<Resource> | undefined> {
    const p = this.params();
    const rows = await this.driver.all(
      `SELECT ${this.selectColumns(withMembers)} FROM ${this.table} AS r WHERE r."id" = ${p.add(id)}`,
      p,
    );
    return rows[0] === undefined ? undefined : (this.fromRow(rows[0]) as Stored<Resource>);
  }

  replace(id: string, input: Replace, context: HandlerContext): Promise<Stored<Resource> | undefined> {
    return this.write(id, input as Record<string, unknown>, 'all', context);
  }

  patch(id: string, change: ChangeSet<Resource>, context: HandlerContext): Promise<Stored<Resource> | undefined> {
    const resource = change.resource as Record<string, unknown>;
    const members = this.layout.members?.attribute.name;
    const rewrite = members !== undefined && change.changedAttributes.includes(members);
    const onlyMembers = change.members !== undefined && change.changedAttributes.every((a) => a === members);
    return this.write(id, resource, change.members ?? (rewrite ? 'all' : 'keep'), context, onlyMembers);
  }

  /**
   * One transaction: read the version (locking the row), check it against the version the server
   * answered from, write the document with the version in the UPDATE's WHERE, then the members.
   * A change of members only whose rows change nothing (adding a member already there, removing
   * one that is not) leaves the resource and its version as they were.
   */
  private async write(
    id: string,
    resource: Record<string, unknown>,
    members: 'all' | 'keep' | MemberDelta,
    context: HandlerContext,
    onlyMembers = false,
  ): Promise<Stored<Resource> | undefined> {
    const lock = this.driver.dialect.name === 'postgres' ? ' FOR UPDATE' : '';
    try {
      return await this.driver.transaction(async (tx) => {
        const read = this.params();
        const [current] = await tx.all(
          `SELECT "created", "last_modified", "version" FROM ${this.table} WHERE "id" = ${read.add(id)}${lock}`,
          read,
        );
        if (current === undefined) return undefined;
        const version = Number(current['version']);
        if (context.expectedVersion !== undefined && String(version) !== context.expectedVersion)
          throw new ScimError(412, `${this.descriptor.name} ${id} changed while this request was answered`);
        const delta = typeof members === 'object' ? members : undefined;
        if (onlyMembers && delta !== undefined && (await this.applyDelta(tx, id, delta)) === 0) {
          const unchanged = this.stored(
            id,
            resource,
            String(current['created']),
            String(current['last_modified']),
            version,
          );
          return unchanged as Stored<Resource>;
        }
        const now = this.now().toISOString();
        const p = this.params();
        const sets = [
          `"doc" = ${this.driver.dialect.jsonParam(p.add(JSON.stringify(this.document(resource))))}`,
          `"external_id" = ${p.add(typeof resource['externalId'] === 'string' ? resource['externalId'] : null)}`,
          `"last_modified" = ${p.add(now)}`,
          `"version" = ${p.add(version + 1)}`,
          ...this.layout.unique.map((u) => `${quoted(u.column)} = ${p.add(uniqueKey(u, resource))}`),
        ];
        const changed = await tx.run(
          `UPDATE ${this.table} SET ${sets.join(', ')} WHERE "id" = ${p.add(id)} AND "version" = ${p.add(version)}`,
          p,
        );
        if (changed === 0)
          throw new ScimError(412, `${this.descriptor.name} ${id} changed while this request was answered`);
        if (members === 'all') {
          await this.removeAllMembers(tx, id);
          await this.addMembers(tx, id, this.membersOf(resource));
        } else if (delta !== undefined && !onlyMembers) await this.applyDelta(tx, id, delta);
        return (await this.withGroups(
          tx,
          this.stored(id, resource, String(current['created']), now, version + 1),
        )) as Stored<Resource>;
      });
    } catch (error) {
      throw this.conflict(error, resource);
    }
  }

  /** A resource written just now, with its groups as they stand (they are never written with it). */
  private async withGroups(tx: SqlExecutor, stored: StoredResource): Promise<StoredResource> {
    const groups = this.layout.groups;
    if (groups === undefined) return stored;
    const p = this.params();
    const { dialect } = this.driver;
    const [row] = await tx.all(
      `SELECT ${dialect.groupsArray(groupRows(groups, dialect), p.add(stored.id))} AS "groups"`,
      p,
    );
    const values = parseJson(row?.['groups'] ?? '[]') as unknown[];
    const rest: Record<string, unknown> = { ...stored };
    delete rest[groups.attribute.name];
    return (
      values.length === 0
        ? rest
        : inSchemaOrder(this.descriptor, stored.id, rest, { [groups.attribute.name]: values }, stored.meta)
    ) as StoredResource;
  }

  private async addMembers(
    tx: SqlExecutor,
    id: string,
    members: readonly Readonly<Record<string, unknown>>[],
  ): Promise<number> {
    if (this.layout.members === undefined || members.length === 0) return 0;
    let added = 0;
    const table = quoted(this.layout.members.table);
    for (let i = 0; i < members.length; i += ROWS_PER_INSERT) {
      const p = this.params();
      const rows = members
        .slice(i, i + ROWS_PER_INSERT)
        .map(
          (m) =>
            `(${p.add(id)}, ${p.add(String(m['value']))}, ${this.driver.dialect.jsonParam(p.add(JSON.stringify(m)))})`,
        );
      added += await tx.run(
        `INSERT INTO ${table} ("resource_id", "value", "member") VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`,
        p,
      );
    }
    return added;
  }

  private async removeAllMembers(tx: SqlExecutor, id: string): Promise<number> {
    if (this.layout.members === undefined) return 0;
    const p = this.params();
    return tx.run(`DELETE FROM ${quoted(this.layout.members.table)} WHERE "resource_id" = ${p.add(id)}`, p);
  }

  /**
   * A PATCH's member changes, each one row: removing one member of a large group deletes one row.
   * Returns how many rows it inserted or deleted.
   */
  private async applyDelta(tx: SqlExecutor, id: string, delta: MemberDelta): Promise<number> {
    if (this.layout.members === undefined) return 0;
    const table = quoted(this.layout.members.table);
    let rows = delta.removedAll ? await this.removeAllMembers(tx, id) : 0;
    for (let i = 0; i < delta.removed.length; i += ROWS_PER_INSERT) {
      const p = this.params();
      const values = delta.removed.slice(i, i + ROWS_PER_INSERT).map((v) => p.add(v));
      rows += await tx.run(
        `DELETE FROM ${table} WHERE "resource_id" = ${p.add(id)} AND "value" IN (${values.join(', ')})`,
        p,
      );
    }
    for (const filter of delta.removeWhere) {
      const p = this.params();
      const element = memberRowRef(this.driver.dialect, 'm');
      const condition = valueFilterSql(filter, this.layout.members.attribute, element, this.scope, p);
      rows += await tx.run(`DELETE FROM ${table} AS m WHERE m."resource_id" = ${p.add(id)} AND ${condition}`, p);
    }
    return rows + (await this.addMembers(tx, id, delta.added));
  }

  async delete(id: string, _context?: HandlerContext): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      await this.removeAllMembers(tx, id);
      const p = this.params();
      const deleted = await tx.run(`DELETE FROM ${this.table} WHERE "id" = ${p.add(id)}`, p);
      if (deleted > 0) await this.leaveGroups(tx, id);
      return deleted > 0;
    });
  }

  /** A deleted resource is no longer a member anywhere; the groups it left get a new version. */
  private async leaveGroups(tx: SqlExecutor, id: string): Promise<void> {
    const now = this.now().toISOString();
    for (const layout of this.allLayouts) {
      if (layout.members === undefined) continue;
      const members = quoted(layout.members.table);
      const p = this.params();
      const member = p.add(id);
      await tx.run(
        `UPDATE ${quoted(layout.table)} SET "version" = "version" + 1, "last_modified" = ${p.add(now)} WHERE "id" IN (SELECT "resource_id" FROM ${members} WHERE "value" = ${member})`,
        p,
      );
      const q = this.params();
      await tx.run(`DELETE FROM ${members} WHERE "value" = ${q.add(id)}`, q);
    }
  }

  async list(query: ListQuery, _context?: HandlerContext): Promise<ListPage<Resource>> {
    const plan = query.sortBy === undefined ? undefined : sortPlan(this.scope, query.sortBy);
    if (query.sortBy !== undefined && plan === undefined) return this.listInProcess(query);
    const where = (p: Params) => (query.filter === undefined ? '1 = 1' : filterSql(query.filter, this.scope, p));
    // Both statements are built (and a bad filter refused) before either runs; then the count and
    // the page, which are independent, run at once (on two connections in PostgreSQL).
    const counting = this.countStatement(query, where);
    const select = `SELECT ${this.selectColumns(this.wantsMembers(query), this.wantsGroups(query))} FROM ${this.table} AS r`;
    const order = orderBy(this.scope, plan, query.sortOrder);
    const p = this.params();
    if (query.pagination.kind === 'index') {
      const { startIndex, count: size } = query.pagination;
      if (startIndex - 1 >= (this.options.deepPageOffset ?? DEEP_OFFSET) && size > 0)
        return this.deepPage(query, { select, where, plan, counting, startIndex, size });
      const page = `${select} WHERE ${where(p)} ORDER BY ${order} LIMIT ${p.add(size)} OFFSET ${p.add(startIndex - 1)}`;
      const [totalResults, rows] = await Promise.all([
        this.count(counting),
        size === 0 ? [] : this.driver.all(page, p),
      ]);
      return { totalResults, resources: rows.map((r) => this.fromRow(r)) as Stored<Resource>[], startIndex };
    }
    const fingerprint = queryFingerprint(query);
    const { cursor, count: size } = query.pagination;
    let condition = where(p);
    if (cursor !== undefined) {
      const state = decodeCursor(cursor, fingerprint, this.options.cursorTimeoutMs ?? 10 * 60_000);
      condition = `${condition} AND ${afterPosition(this.scope, plan, query.sortOrder, state, p)}`;
    }
    const page = `${select} WHERE ${condition} ORDER BY ${order} LIMIT ${p.add(size + 1)}`;
    const [totalResults, rows] = await Promise.all([this.count(counting), this.driver.all(page, p)]);
    const resources = rows.slice(0, size).map((r) => this.fromRow(r));
    const last = resources[resources.length - 1];
    const key = query.sortBy === undefined ? () => undefined : sortKeyReader(this.descriptor, query.sortBy);
    return {
      totalResults,
      resources: resources as Stored<Resource>[],
      ...(rows.length > size && last !== undefined
        ? { nextCursor: encodeCursor({ key: key(last), id: last.id, query: fingerprint, issuedAt: Date.now() }) }
        : {}),
    };
  }

  /**
   * A page far from the start: counted first, then read from whichever end is nearer (the
   * reversed order, its rows turned back), since an OFFSET walks every row it skips. A page at
   * the end costs what one at the start does; the middle of the results is the deepest walk.
   */
  private async deepPage(
    query: ListQuery,
    page: {
      select: string;
      where: (p: Params) => string;
      plan: ReturnType<typeof sortPlan>;
      counting: { sql: string; params: Params };
      startIndex: number;
      size: number;
    },
  ): Promise<ListPage<Resource>> {
    const { startIndex, size } = page;
    const skip = startIndex - 1;
    const totalResults = await this.count(page.counting);
    const take = Math.min(size, totalResults - skip);
    if (take <= 0) return { totalResults, resources: [], startIndex };
    const after = totalResults - skip - take;
    const reversed = after < skip;
    const p = this.params();
    const order = orderBy(this.scope, page.plan, query.sortOrder, reversed);
    const rows = await this.driver.all(
      `${page.select} WHERE ${page.where(p)} ORDER BY ${order} LIMIT ${p.add(take)} OFFSET ${p.add(reversed ? after : skip)}`,
      p,
    );
    if (reversed) rows.reverse();
    return { totalResults, resources: rows.map((r) => this.fromRow(r)) as Stored<Resource>[], startIndex };
  }

  /** totalResults: from the triggers' count when nothing is filtered (SQLite), else counted. */
  private countStatement(query: ListQuery, where: (p: Params) => string): { sql: string; params: Params } {
    const params = this.params();
    const sql =
      query.filter === undefined && this.driver.dialect.name === 'sqlite'
        ? `SELECT "n" FROM ${quoted(COUNTS_TABLE)} WHERE "table_name" = ${params.add(this.layout.table)}`
        : `SELECT count(*) AS "n" FROM ${this.table} AS r WHERE ${where(params)}`;
    return { sql, params };
  }

  private async count(statement: { sql: string; params: Params }): Promise<number> {
    const [counted] = await this.driver.all(statement.sql, statement.params);
    return Number(counted?.['n'] ?? 0);
  }

  /** Sorting by a multi-valued attribute (its primary or first value): filtered in SQL, sorted here, bounded. */
  private async listInProcess(query: ListQuery): Promise<ListPage<Resource>> {
    const limit = this.options.maxInProcessSort ?? 10_000;
    const p = this.params();
    const where = query.filter === undefined ? '1 = 1' : filterSql(query.filter, this.scope, p);
    const rows = await this.driver.all(
      `SELECT ${this.selectColumns(this.wantsMembers(query), this.wantsGroups(query))} FROM ${this.table} AS r WHERE ${where} LIMIT ${p.add(limit + 1)}`,
      p,
    );
    if (rows.length > limit)
      throw new ScimError(
        400,
        `sorting by a multi-valued attribute is done in memory, for at most ${limit} resources; narrow the filter`,
        'tooMany',
      );
    // The filter was applied in SQL; applying it again keeps it in the cursor's fingerprint.
    return listInMemory<Resource>(
      rows.map((r) => this.fromRow(r)),
      this.descriptor,
      query,
      this.options.cursorTimeoutMs,
    );
  }

  /** Whether a list must read members (a group's can be large): not when the request leaves them out. */
  private wantsMembers(query: ListQuery): boolean {
    return this.layout.members !== undefined && this.wants(query, this.layout.members.attribute);
  }

  /** Whether a list must compute groups: not when the request leaves them out. */
  private wantsGroups(query: ListQuery): boolean {
    return this.layout.groups !== undefined && this.wants(query, this.layout.groups.attribute);
  }

  private wants(query: ListQuery, attribute: AttributeDescriptor): boolean {
    const core = this.descriptor.schema.id.toLowerCase();
    const name = attribute.name.toLowerCase();
    const names = (list: readonly string[]) =>
      list.map((a) => {
        const lower = a.toLowerCase();
        return (lower.startsWith(`${core}:`) ? lower.slice(core.length + 1) : lower).split('.')[0];
      });
    if (names(query.excludedAttributes).includes(name)) return false;
    return query.attributes.length === 0 || names(query.attributes).includes(name);
  }
}
