import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { ResourceTypeDescriptor } from '../../packages/runtime/src/index.js';
import type { SqlStore, SqlStoreOptions } from '../../packages/stores/src/index.js';
import { openSqliteStore } from '../../packages/stores/src/sqlite.js';
import { openPostgresStore } from '../../packages/stores/src/postgres.js';

/** A database for one suite: opened empty, removed by `drop`. */
export interface Backend {
  readonly name: 'SQLite' | 'PostgreSQL';
  open(descriptors: readonly ResourceTypeDescriptor[], options?: SqlStoreOptions): Promise<SqlStore>;
  /** Opens another store on the same database (a second server, or a restart). */
  reopen(descriptors: readonly ResourceTypeDescriptor[], options?: SqlStoreOptions): Promise<SqlStore>;
  /** The DATABASE_URL a server process uses for this database (created empty if need be). */
  databaseUrl(): Promise<string>;
  /** Runs SQL on the database directly, for checks the API cannot make. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

function postgresUrl(): string {
  const url = inject('postgresUrl');
  if (url === '')
    throw new Error(
      'PostgreSQL is not installed: .ci/run installs it (apt-get install postgresql), or set SCIMGEN_TEST_POSTGRES_URL',
    );
  return url;
}

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-sqlite-'));
  const file = path.join(dir, 'scim.db');
  const opened: SqlStore[] = [];
  return {
    name: 'SQLite',
    async open(descriptors, options) {
      const store = await openSqliteStore(file, descriptors, { synchronous: 'normal', ...options });
      opened.push(store);
      return store;
    },
    async reopen(descriptors, options) {
      return this.open(descriptors, options);
    },
    async databaseUrl() {
      return `sqlite:${file}`;
    },
    async query(sql) {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(file);
      try {
        return db.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async drop() {
      await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): Backend {
  const name = `scimgen_${randomBytes(6).toString('hex')}`;
  const opened: SqlStore[] = [];
  let created = false;
  let checker: Promise<pg.Client> | undefined;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgresUrl() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const url = () => {
    const u = new URL(postgresUrl());
    u.pathname = `/${name}`;
    return u.toString();
  };
  return {
    name: 'PostgreSQL',
    async open(descriptors, options) {
      await this.databaseUrl();
      const store = await openPostgresStore(url(), descriptors, { maxConnections: 40, ...options });
      opened.push(store);
      return store;
    },
    reopen(descriptors, options) {
      return this.open(descriptors, options);
    },
    async databaseUrl() {
      if (!created) {
        await admin((c) => c.query(`CREATE DATABASE ${name}`));
        created = true;
      }
      return url();
    },
    async query(sql) {
      // One connection for every check a suite makes (a fuzz run makes thousands).
      checker ??= (async () => {
        const client = new pg.Client({ connectionString: url() });
        await client.connect();
        return client;
      })();
      return (await (await checker).query(sql)).rows as Record<string, unknown>[];
    },
    async drop() {
      if (checker !== undefined) await (await checker).end().catch(() => undefined);
      checker = undefined;
      await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
      if (created) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export const BACKENDS: readonly (() => Backend)[] = [sqliteBackend, postgresBackend];
