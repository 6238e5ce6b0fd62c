import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { foldCase, type ResourceTypeDescriptor } from '@scimgen/runtime';
import type { Row, SqlDriver, SqlExecutor } from './driver.js';
import { sqliteDialect } from './sql/dialects.js';
import type { Params } from './sql/params.js';
import { SqlStore, type SqlStoreOptions } from './store.js';

export interface SqliteOptions {
  /**
   * "full" (the default) syncs every commit to disk, so an acknowledged write survives a power
   * cut as well as a crash; "normal" survives a crash of the process only, and writes faster.
   */
  readonly synchronous?: 'full' | 'normal';
  /** How long a write waits for another process's transaction, in milliseconds (default 5000). */
  readonly busyTimeoutMs?: number;
}

/**
 * SQLite through better-sqlite3, in WAL mode. better-sqlite3 is synchronous, so statements run
 * one at a time; the queue below keeps an async transaction's statements together, so no other
 * request's statement runs inside it.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = sqliteDialect;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Set inside unitOfWork: its statements run at once (the unit holds the queue), its transactions are savepoints. */
  private readonly unit = new AsyncLocalStorage<{ savepoints: number }>();

  constructor(
    readonly db: Database.Database,
    options: SqliteOptions = {},
  ) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // The in-process filter's own case folding and dateTime parsing, so SQL and memory agree.
    db.function('scim_fold', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? foldCase(value) : value,
    );
    db.function('scim_instant', { deterministic: true }, (value: unknown) => {
      if (typeof value !== 'string') return null;
      const instant = Date.parse(value);
      return Number.isNaN(instant) ? null : instant;
    });
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private readonly direct: SqlExecutor = {
    all: async (sql, params) => this.statement(sql).all(params.bindings()) as Row[],
    run: async (sql, params) => this.statement(sql).run(params.bindings()).changes,
  };

  /** Waits for the transaction in progress, if any (not inside a unit of work, which is that transaction). */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.unit.getStore() !== undefined) return work();
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  all(sql: string, params: Params): Promise<Row[]> {
    return this.exclusive(() => this.direct.all(sql, params));
  }

  run(sql: string, params: Params): Promise<number> {
    return this.exclusive(() => this.direct.run(sql, params));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const unit = this.unit.getStore();
    if (unit !== undefined) return this.savepoint(unit, () => work(this.direct));
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  unitOfWork<T>(work: () => Promise<T>): Promise<T> {
    const unit = this.unit.getStore();
    if (unit !== undefined) return this.savepoint(unit, work);
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.unit.run({ savepoints: 0 }, work);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** `work` inside a savepoint of the unit's transaction: undone alone when it throws. */
  private async savepoint<T>(unit: { savepoints: number }, work: () => Promise<T>): Promise<T> {
    const name = `scimgen_${++unit.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  }

  uniqueViolation(error: unknown): string | undefined {
    if (!(error instanceof Database.SqliteError) || error.code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
    // "UNIQUE constraint failed: scim_user.u_user_name"
    const match = /failed: [a-z0-9_]+\.([a-z0-9_]+)/.exec(error.message);
    return match?.[1] ?? '';
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }
}

/**
 * Creates the database file, and any folder it needs, readable by this user only: the file holds
 * every resource, password hashes included. SQLite gives the -wal and -shm files the main file's
 * permissions. An existing file keeps the permissions it has.
 */
function createPrivately(file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Opens (creating it and its directory) a SQLite database file and a store on it; ":memory:" for none. */
export async function openSqliteStore(
  file: string,
  descriptors: readonly ResourceTypeDescriptor[],
  options: SqlStoreOptions & SqliteOptions = {},
): Promise<SqlStore> {
  if (file !== ':memory:') createPrivately(file);
  const driver = new SqliteDriver(new Database(file), options);
  try {
    return await SqlStore.open(driver, descriptors, options);
  } catch (error) {
    await driver.close();
    throw error;
  }
}
