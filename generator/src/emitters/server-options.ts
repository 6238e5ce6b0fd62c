import type { PatchProfileName } from '@scimgen/runtime';
import type { BulkOptions, ResourceTypeBehaviour } from '@scimgen/server';

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
  /** Per resource type by name ("User"): behaviours and attribute rules. */
  readonly resourceTypes?: Readonly<Record<string, ResourceTypeServerOptions>>;
  /** /Bulk limits, or false for no /Bulk (default: on, with @scimgen/server's limits). */
  readonly bulk?: BulkServerOptions;
  /** Attributes no schema defines: dropped with a note ('ignore', default) or 400 ('reject'). */
  readonly unknownAttributes?: 'ignore' | 'reject';
  /**
   * The built-in OAuth2 token endpoint (`<base>/oauth/token`, on when SCIM_OAUTH2_CLIENTS names
   * clients): the scopes a client is granted (default every scope of these resource types), the
   * token lifetime in seconds (default 3600), the `aud` (default the SCIM base URL).
   */
  readonly oauth2?: { readonly scopes?: readonly string[]; readonly expiresIn?: number; readonly audience?: string };
}

/**
 * What the service provider does with one resource type beyond RFC 7644: @scimgen/server's
 * behaviours, passed to `bind()` as they are, and the attribute rules the generator applies to
 * the schema before anything is generated.
 */
export interface ResourceTypeServerOptions extends ResourceTypeBehaviour {
  /**
   * Attribute paths this service provider requires beyond the schema ("name.givenName",
   * "urn:…:enterprise:2.0:User:manager"); a sub-attribute's parent becomes required with it.
   */
  readonly required?: readonly string[];
  /**
   * Attribute paths this service provider does not keep: left out of its schema (so out of the
   * types and /Schemas) and, sent anyway, dropped with a note like any unknown attribute.
   */
  readonly ignored?: readonly string[];
}

export const RESOURCE_TYPE_SERVER_KEYS = [
  'create',
  'delete',
  'permanentDeactivation',
  'initial',
  'exclusiveMembers',
  'createOnLookup',
  'allowedValues',
  'references',
  'required',
  'ignored',
] as const satisfies readonly (keyof ResourceTypeServerOptions)[];

/** /Bulk limits, or false to leave /Bulk out (ServiceProviderConfig then says so). */
export type BulkServerOptions = BulkOptions | false;
