import type {
  ListLimits,
  PatchProfileName,
  ResourceTypeDefinition,
  SchemaDocument,
  ValidationOptions,
} from '@scimgen/runtime';
import type { AuditLog } from './audit.js';
import type { Authenticator } from './auth/bearer.js';
import type { OAuth2ClientCredentials } from './auth/oauth2.js';
import type { AuthStrategy, Principal } from './auth/strategy.js';
import type { ResourceTypeBehaviour } from './behaviour.js';
import type { ResourceHandler } from './handler.js';
import type { ScimRequest } from './types.js';
import type { Transaction } from './unit-of-work.js';

/** A resource type the server serves: its definition (generated or interpreted) and its handler. */
export interface ResourceTypeBinding {
  readonly definition: ResourceTypeDefinition;
  readonly handler: ResourceHandler;
  /** Deviations from plain RFC 7644 this service provider has for the resource type. */
  readonly behaviour?: ResourceTypeBehaviour;
}

/**
 * A binding whose handler is checked against the definition's types: a handler written for
 * another resource type, or for an older version of the schema, does not compile.
 */
export function bind<Resource, Create, Replace>(
  definition: ResourceTypeDefinition<Resource, Create, Replace>,
  handler: ResourceHandler<Resource, Create, Replace>,
  behaviour?: ResourceTypeBehaviour,
): ResourceTypeBinding {
  // The server passes each handler only what its own definition validated.
  return {
    definition,
    handler: handler as unknown as ResourceHandler,
    ...(behaviour !== undefined ? { behaviour } : {}),
  };
}

/** An entry of ServiceProviderConfig.authenticationSchemes (RFC 7643 §5). */
export interface AuthenticationScheme {
  readonly type: 'oauth' | 'oauth2' | 'oauthbearertoken' | 'httpbasic' | 'httpdigest';
  readonly name: string;
  readonly description: string;
  readonly specUri?: string;
  readonly documentationUri?: string;
  readonly primary?: boolean;
}

export interface BulkOptions {
  /** Most operations in one request (default 1,000). */
  readonly maxOperations?: number;
  /** Largest request body in bytes (default 1 MiB). */
  readonly maxPayloadSize?: number;
}

export interface ScimServerOptions {
  /**
   * The absolute URL clients use for the SCIM base ("https://app.example.com/scim/v2"): Location
   * headers and meta.location are built from it.
   */
  readonly baseUrl: string;
  readonly resourceTypes: readonly ResourceTypeBinding[];
  /** The Schema resources to publish at /Schemas (a generated package's schemaDocuments). */
  readonly schemas: readonly SchemaDocument[];
  /** Largest body of any request but /Bulk, in bytes (default 1 MiB); larger gets 413. */
  readonly maxBodyBytes?: number;
  /**
   * Runs work in one database transaction, nested calls as savepoints (`(work) =>
   * store.transaction(work)` for a SqlStore): a /Bulk request then commits once, each operation
   * in a savepoint undone when it fails. Without it each operation commits on its own.
   */
  readonly transaction?: Transaction;
  /** /Bulk limits, or false to leave /Bulk out (ServiceProviderConfig then says so). */
  readonly bulk?: BulkOptions | false;
  /** Page sizes (ServiceProviderConfig filter.maxResults is maxCount). */
  readonly list?: Partial<ListLimits> & { readonly cursorTimeoutMs?: number };
  /**
   * The key cursors are signed with (HMAC-SHA256; at least 16 bytes). Every process serving one
   * database needs the same key for a cursor one issued to be accepted by another; by default a
   * random key per server, so cursors do not outlive the process.
   */
  readonly cursorKey?: string | Uint8Array;
  /**
   * Whether ServiceProviderConfig carries the RFC 9865 `pagination` member (default false).
   * Cursor paging is accepted either way (`cursor=` on any list asks for it); the member is left
   * out by default because strict clients written before RFC 9865 refuse a ServiceProviderConfig
   * holding attributes RFC 7643 does not define.
   */
  readonly advertisePagination?: boolean;
  /** Which IdP deviations PATCH and validation accept (default "rfc": none). */
  readonly profile?: PatchProfileName;
  /**
   * How a PATCH that only adds or removes members is answered: 'resource' (default) with 200 and
   * the group, unless the client sent `Prefer: return=minimal`; 'noContent' always with 204 No
   * Content (RFC 7644 §3.5.2 allows it; Entra ID and Okta expect it). Either way, a 204 answer
   * from a handler with `getWithoutMembers` never loads the member list. An `attributes` query
   * parameter always gets the 200 answer the RFC requires.
   */
  readonly memberPatchResponse?: 'resource' | 'noContent';
  /** Validation choices: unknown attributes, canonical values, extensions missing from "schemas", limits. */
  readonly validation?: Omit<ValidationOptions, 'context' | 'existing' | 'profile'>;
  /**
   * /Me (RFC 7644 §3.11): the resource the request's subject is. Without it /Me answers 501.
   * Returning undefined answers 404.
   */
  readonly me?: (
    request: ScimRequest,
    principal: Principal | undefined,
  ) => { readonly resourceType: string; readonly id: string } | undefined;
  /**
   * How requests are authenticated, required: strategies tried in order (`staticBearerTokens`,
   * `jwtBearer`, `httpBasic`, `httpDigest`, an `oauth2ClientCredentials(…).strategy`), or 'none'
   * to serve without authentication on purpose (a warning is printed). ServiceProviderConfig
   * lists the strategies' schemes. A strategy's principal may carry scopes: each operation then
   * needs `scim:<resource type>:read|write|delete` or `scim:info` (else 403).
   */
  readonly auth?: readonly AuthStrategy[] | 'none';
  /**
   * Addresses and CIDR ranges that may call the server at all, checked before credentials (403
   * otherwise, and for a request whose address is unknown), as GLPI advises for an endpoint
   * reachable from the internet. X-Forwarded-For counts only from `trustedProxies`.
   */
  readonly allowFrom?: readonly string[];
  /**
   * The application user this server acts as, handed to every handler call in its context
   * (GLPI: "the user applied on GLPI when receiving a request"); per tenant with createTenantServer.
   */
  readonly actingUser?: string;
  /** Proxies in front of the server whose X-Forwarded-For names the client (see allowFrom). */
  readonly trustedProxies?: readonly string[];
  /** A built-in OAuth 2.0 token endpoint at `<base>/oauth/token`; its strategy is added to `auth`. */
  readonly oauth2?: OAuth2ClientCredentials;
  /**
   * Instead of `auth`: a yes/no check before every request (401 when it says no), for
   * authentication the strategies do not cover.
   */
  readonly authenticate?: Authenticator;
  /** What ServiceProviderConfig says about authentication; by default, what `auth` does. */
  readonly authenticationSchemes?: readonly AuthenticationScheme[];
  /**
   * How a User's password (a top-level string `password` never returned) is stored: hashed with
   * scrypt before the handler sees it (default; `checkPassword(stored, candidate)` verifies one), at
   * the given scrypt cost (default 16384), or `hash: false` to hand handlers the clear text (an
   * application that forwards it elsewhere). Never returned, never logged, never filterable.
   */
  readonly passwords?: { readonly hash?: boolean; readonly cost?: number };
  /** Whether password changes are supported (ServiceProviderConfig changePassword). Default false. */
  readonly changePassword?: boolean;
  readonly documentationUri?: string;
  /**
   * A trace of every request and response (`auditToFile('scim-trace.jsonl')` or `auditTo(fn)`),
   * with tokens, passwords and secrets redacted and the IdP normalizations applied.
   */
  readonly audit?: AuditLog;
  /** Called with every unexpected error (answered 500 without detail); never with request bodies. */
  readonly onError?: (error: unknown) => void;
}
