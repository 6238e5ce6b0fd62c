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

/** PostgreSQL through a pg pool: several server processes may share one database. */
export class PostgresDriver implements SqlDriver {
  readonly dialect = postgresDialect;
  private readonly pooled: SqlExecutor;

  constructor(readonly pool: pg.Pool) {
    this.pooled = executor(pool);
    // An idle connection the server drops must not take the process with it.
    pool.on('error', () => undefined);
  }

  all(sql: string, params: Params): Promise<Row[]> {
    return this.pooled.all(sql, params);
  }

  run(sql: string, params: Params): Promise<number> {
    return this.pooled.run(sql, params);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
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
