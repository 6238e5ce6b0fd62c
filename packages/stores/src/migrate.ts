import type { SqlDriver } from './driver.js';
import { migrationChecksum, MIGRATIONS_TABLE, type Migration } from './migrations.js';

/** An arbitrary constant: PostgreSQL's advisory lock that serializes servers migrating at once. */
const MIGRATION_LOCK = 727_461_001;

/**
 * Applies, in one transaction, every step not yet recorded, and records it. Several servers
 * starting together against one PostgreSQL database take turns (an advisory lock); SQLite's
 * write transaction does the same. A recorded step whose statements have since changed stops
 * the start: silently running a database that differs from the schemas would lose data later.
 */
export async function applyMigrations(driver: SqlDriver, migrations: readonly Migration[]): Promise<string[]> {
  const { dialect } = driver;
  const table = `"${MIGRATIONS_TABLE}"`;
  return driver.transaction(async (tx) => {
    if (dialect.name === 'postgres') {
      const p = dialect.params();
      await tx.all(`SELECT pg_advisory_xact_lock(${p.add(MIGRATION_LOCK)})`, p);
    }
    await tx.run(
      `CREATE TABLE IF NOT EXISTS ${table} ("id" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)`,
      dialect.params(),
    );
    const applied = new Map(
      (await tx.all(`SELECT "id", "checksum" FROM ${table}`, dialect.params())).map((r) => [
        String(r['id']),
        String(r['checksum']),
      ]),
    );
    const ran: string[] = [];
    for (const migration of migrations) {
      const statements = migration[dialect.name];
      const checksum = migrationChecksum(statements);
      const recorded = applied.get(migration.id);
      if (recorded !== undefined) {
        if (recorded !== checksum)
          throw new Error(
            `migration "${migration.id}" was applied with different statements; the schemas changed in a way scimgen cannot migrate by itself (write that migration, or start from an empty database)`,
          );
        continue;
      }
      for (const statement of statements) await tx.run(statement, dialect.params());
      const p = dialect.params();
      await tx.run(
        `INSERT INTO ${table} ("id", "checksum", "applied_at") VALUES (${p.add(migration.id)}, ${p.add(checksum)}, ${p.add(new Date().toISOString())})`,
        p,
      );
      ran.push(migration.id);
    }
    return ran;
  });
}
