import type { ResourceTypeDescriptor } from '@scimgen/runtime';
import type { SqlStore, SqlStoreOptions } from './store.js';

/** The databases the stores speak, by the npm package of their driver. */
export type StoreDatabase = 'sqlite' | 'postgres';
const DRIVERS: Record<StoreDatabase, string> = { sqlite: 'better-sqlite3', postgres: 'pg' };

export interface OpenStoreOptions extends SqlStoreOptions {
  /** The SQLite file when `url` is not a PostgreSQL URL (default ./data/scim.db). */
  readonly sqliteFile?: string;
  /**
   * The one database this application was built for, when it installs only that driver: a URL
   * naming the other one (or, for PostgreSQL, no URL at all) is refused with what to set.
   */
  readonly database?: StoreDatabase;
}

/** Which database a DATABASE_URL names; undefined or "" is the default SQLite file. */
function databaseOf(url: string | undefined): StoreDatabase {
  if (url !== undefined && /^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  if (url !== undefined && url !== '' && !url.startsWith('sqlite:'))
    throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got ${url.split(':')[0]}:…)`);
  return 'sqlite';
}

function refuseOtherDatabase(url: string | undefined, named: StoreDatabase, only: StoreDatabase | undefined): void {
  if (only === undefined || only === named) return;
  if (only === 'postgres')
    throw new Error(
      url === undefined || url === ''
        ? 'this server keeps its data in PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/database'
        : 'this server keeps its data in PostgreSQL: DATABASE_URL must start with postgres:// or postgresql://',
    );
  throw new Error(
    'this server keeps its data in SQLite: DATABASE_URL names PostgreSQL, which it was not generated for (unset DATABASE_URL, or set sqlite:<file>)',
  );
}

/** Loads a store module; a missing driver package is said with the command that installs it. */
async function loadDriver<T>(database: StoreDatabase, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const driver = DRIVERS[database];
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${driver}'`))
      throw new Error(
        `the ${driver} package is not installed, and DATABASE_URL names ${database === 'postgres' ? 'PostgreSQL' : 'SQLite'}: run npm install ${driver}`,
        { cause: error },
      );
    throw error;
  }
}

/**
 * The store a URL names: postgres:// or postgresql:// opens PostgreSQL, sqlite:<file> or
 * nothing opens SQLite. Only the driver used is loaded, so an application that never uses one
 * need not install it.
 */
export async function openStore(
  url: string | undefined,
  descriptors: readonly ResourceTypeDescriptor[],
  options: OpenStoreOptions = {},
): Promise<SqlStore> {
  const database = databaseOf(url);
  refuseOtherDatabase(url, database, options.database);
  if (database === 'postgres') {
    const { openPostgresStore } = await loadDriver(database, () => import('./postgres.js'));
    return openPostgresStore(url!, descriptors, options);
  }
  const file = url === undefined || url === '' ? (options.sqliteFile ?? 'data/scim.db') : url.slice('sqlite:'.length);
  const { openSqliteStore } = await loadDriver(database, () => import('./sqlite.js'));
  return openSqliteStore(file, descriptors, options);
}
