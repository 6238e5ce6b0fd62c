import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { ResourceTypeDescriptor } from '@scimgen/runtime';
import type { Row, SqlDriver, SqlExecutor } from './driver.js';
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

  unitOfWork<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.unit.getStore();
    if (outer !== undefined) return this.savepoint(outer, work);
    return this.onConnection((client) => {
      const statements = executor(client);
      const unit: Unit = {
        client,
        savepoints: 0,
        fresh: false,
        // Every statement of the unit marks its savepoint used.
        executor: {
          all: (sql, params) => ((unit.fresh = false), statements.all(sql, params)),
          run: (sql, params) => ((unit.fresh = false), statements.run(sql, params)),
        },
      };
      return this.unit.run(unit, work);
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
