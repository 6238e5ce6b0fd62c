import { SERVER_DATABASES, type ServerDatabase } from '../emitters/server-options.js';
import { UsageError } from './exit-codes.js';

/** --database names one of the SQL store's databases, and so goes with --store sql. */
export function checkDatabaseFlag(flags: { readonly store?: string; readonly database?: string }): void {
  if (flags.database === undefined) return;
  if (!SERVER_DATABASES.includes(flags.database as ServerDatabase))
    throw new UsageError(
      `--database must be one of ${SERVER_DATABASES.join(', ')}, not ${JSON.stringify(flags.database)} (leave it out for both)`,
    );
  if (flags.store !== 'sql') throw new UsageError('--database goes with --store sql');
}
