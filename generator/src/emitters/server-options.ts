import type { PatchProfileName } from '@scimgen/runtime';

// What a server target can choose, apart from the emitter, so that checking a config loads no generator.

export type ServerFramework = 'node' | 'express' | 'fastify';
export const SERVER_FRAMEWORKS: readonly ServerFramework[] = ['node', 'express', 'fastify'];
/** Where the scaffolded handlers keep resources: in memory, or in SQLite/PostgreSQL through @scimgen/stores. */
export type ServerStore = 'memory' | 'sql';
export const SERVER_STORES: readonly ServerStore[] = ['memory', 'sql'];
/**
 * The one database a SQL store is built for, so only its driver is installed (a PostgreSQL
 * user compiles no SQLite driver); unset, both: SQLite by default, PostgreSQL from DATABASE_URL.
 */
export type ServerDatabase = 'sqlite' | 'postgres';
export const SERVER_DATABASES: readonly ServerDatabase[] = ['sqlite', 'postgres'];

export interface ServerScaffoldOptions {
  /** The HTTP framework of the server entry file: node:http, Express or Fastify. */
  readonly framework: ServerFramework;
  /** Path of the SCIM base URL on the server (default "/scim/v2"). */
  readonly basePath?: string;
  /** Port when PORT is not set (default 8080). */
  readonly port?: number;
  /** "sql": handlers over @scimgen/stores (SQLite, or PostgreSQL from DATABASE_URL); default "memory". */
  readonly store?: ServerStore;
  /** With the SQL store: only SQLite or only PostgreSQL (default both, chosen by DATABASE_URL). */
  readonly database?: ServerDatabase;
  /**
   * Which identity providers' deviations the server accepts (SCIM_PATCH_PROFILE overrides it):
   * "lenient" (default: every dialect the runtime knows, each normalization noted in the audit
   * log), or "rfc", "entra", "okta", "onelogin", "google".
   */
  readonly profile?: PatchProfileName;
}
