import type { ResourceTypeDescriptor } from '@scimgen/runtime';
import type { SqlStore, SqlStoreOptions } from './store.js';

export interface OpenStoreOptions extends SqlStoreOptions {
  /** The SQLite file when `url` is not a PostgreSQL URL (default ./data/scim.db). */
  readonly sqliteFile?: string;
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
  if (url !== undefined && /^postgres(ql)?:\/\//i.test(url)) {
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore(url, descriptors, options);
  }
  if (url !== undefined && url !== '' && !url.startsWith('sqlite:'))
    throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got ${url.split(':')[0]}:…)`);
  const file = url === undefined || url === '' ? (options.sqliteFile ?? 'data/scim.db') : url.slice('sqlite:'.length);
  const { openSqliteStore } = await import('./sqlite.js');
  return openSqliteStore(file, descriptors, options);
}
