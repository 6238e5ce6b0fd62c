import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { ResourceTypeDescriptor } from '@scimgen/runtime';
import type { Row, SqlDriver, SqlExecutor, UnitOptions } from './driver.js';
import { postgresDialect } from './sql/dialects.js';
import type { Params } from './sql/params.js';
import { SqlStore, type SqlStoreOptions } from './store.js';

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  readonly maxConnections?: number;
}

const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
  all: async (sql, params) => (await client.query(sql, params.bindings() as unknown[])).rows as Row[],
  run: async (sql, params) => (await client.query(sql, params.bindings() as unknown[])).rowCount ?? 0,
});

/** A unit of work's connection and savepoints; `fresh` while the newest savepoint has run no statement. */
interface Unit {
  readonly client: pg.PoolClient;
  readonly executor: SqlExecutor;
  savepoints: number;
  fresh: boolean;
  /** Savepoints are left out (see SqlDriver.unitOfWork); what they would have undone is tracked. */
  readonly optimistic: boolean;
  /** Rows written so far in the unit. */
  written: number;
  /** A statement failed: PostgreSQL has aborted the transaction. */
  failed: boolean;
}

/** An optimistic unit needed a savepoint it left out: it is rolled back and run again with them. */
class SavepointsNeeded extends Error {
  constructor() {
    super('a /Bulk operation had to be undone: the unit runs again with savepoints');
  }
}

/** PostgreSQL through a pg pool: several server processes may share one database. */
export class PostgresDriver implements SqlDriver {
  readonly dialect = postgresDialect;
  private readonly pooled: SqlExecutor;
  /** Set inside unitOfWork: its connection, on which every statement and savepoint of the unit runs. */
  private readonly unit = new AsyncLocalStorage<Unit>();

  constructor(readonly pool: pg.Pool) {
    this.pooled = executor(pool);
    // An idle connection the server drops must not take the process with it.
    pool.on('error', () => undefined);
  }

  all(sql: string, params: Params): Promise<Row[]> {
    return (this.unit.getStore()?.executor ?? this.pooled).all(sql, params);
  }

  run(sql: string, params: Params): Promise<number> {
    return (this.unit.getStore()?.executor ?? this.pooled).run(sql, params);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const unit = this.unit.getStore();
    // A transaction that opens a savepoint no statement has used yet is already inside one: the
    // outer savepoint undoes it, and two round trips are saved per /Bulk operation.
    if (unit !== undefined) return unit.fresh ? work(unit.executor) : this.savepoint(unit, () => work(unit.executor));
    return this.onConnection((client) => work(executor(client)));
  }

  async unitOfWork<T>(work: () => Promise<T>, options: UnitOptions = {}): Promise<T> {
    const outer = this.unit.getStore();
    if (outer !== undefined) return this.savepoint(outer, work);
    if (options.optimistic !== true) return this.attempt(work, false);
    try {
      return await this.attempt(work, true);
    } catch (error) {
      if (!(error instanceof SavepointsNeeded)) throw error;
      return this.attempt(work, false);
    }
  }

  /** One run of a unit of work on a connection of its own, optimistic or with savepoints. */
  private attempt<T>(work: () => Promise<T>, optimistic: boolean): Promise<T> {
    return this.onConnection(async (client) => {
      const statements = executor(client);
      const failing = (error: unknown): never => {
        unit.failed = true;
        throw error;
      };
      const unit: Unit = {
        client,
        savepoints: 0,
        fresh: false,
        optimistic,
        written: 0,
        failed: false,
        // Every statement of the unit marks its savepoint used, and counts what it wrote.
        executor: {
          all: (sql, params) => ((unit.fresh = false), statements.all(sql, params).catch(failing)),
          run: async (sql, params) => {
            unit.fresh = false;
            const rows = await statements.run(sql, params).catch(failing);
            unit.written += rows;
            return rows;
          },
        },
      };
      const result = await this.unit.run(unit, work);
      // A failed statement aborted the transaction: COMMIT would roll it back without a word.
      if (optimistic && unit.failed) throw new SavepointsNeeded();
      return result;
    });
  }

  /** `work` in one transaction on a connection of its own: committed when it resolves, rolled back when it throws. */
  private async onConnection<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** `work` inside a savepoint of the unit's transaction: undone alone when it throws. */
  private async savepoint<T>(unit: Unit, work: () => Promise<T>): Promise<T> {
    if (unit.optimistic) return this.withoutSavepoint(unit, work);
    const name = `scimgen_${++unit.savepoints}`;
    await unit.client.query(`SAVEPOINT ${name}`);
    unit.fresh = true;
    try {
      const result = await work();
      await unit.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      unit.fresh = false;
      await unit.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await unit.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }

  /**
   * An optimistic unit's savepoint, left out: work that fails having written nothing and with
   * every statement succeeding leaves nothing to undo; otherwise the unit must run again.
   */
  private async withoutSavepoint<T>(unit: Unit, work: () => Promise<T>): Promise<T> {
    const written = unit.written;
    try {
      return await work();
    } catch (error) {
      if (unit.failed || unit.written !== written) throw new SavepointsNeeded();
      throw error;
    }
  }

  uniqueViolation(error: unknown): string | undefined {
    if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== '23505') return undefined;
    return String((error as { constraint?: unknown }).constraint ?? '');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Opens a store on a PostgreSQL database given by a connection URL (postgres://user:password@host/db). */
export async function openPostgresStore(
  url: string,
  descriptors: readonly ResourceTypeDescriptor[],
  options: SqlStoreOptions & PostgresOptions = {},
): Promise<SqlStore> {
  const driver = new PostgresDriver(
    new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      // A dateTime without an offset is read as UTC, whatever the database server's own zone.
      options: '-c TimeZone=UTC',
    }),
  );
  try {
    return await SqlStore.open(driver, descriptors, options);
  } catch (error) {
    await driver.close();
    throw error;
  }
}
