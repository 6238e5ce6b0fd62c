// @scimgen/server: a SCIM 2.0 service provider on a framework-agnostic core.
export { createScimServer, type ScimServer } from './server.js';
export type { ScimRequest, ScimResponse, HeaderValue } from './types.js';
export { SCIM_MEDIA_TYPE } from './types.js';
export type {
  ResourceHandler,
  Stored,
  StoredMeta,
  StoredResource,
  ListPage,
  ChangeSet,
  HandlerContext,
} from './handler.js';
export {
  bind,
  type ScimServerOptions,
  type ResourceTypeBinding,
  type AuthenticationScheme,
  type BulkOptions,
} from './options.js';
export type { Discovery } from './discovery.js';
export { BULK_REQUEST_URN, BULK_RESPONSE_URN } from './bulk.js';
export { errorResponse } from './http.js';
export { MemoryResourceHandler, MemorySpace, type MemoryHandlerOptions } from './memory.js';
export * from './auth/index.js';
export {
  readServerSettings,
  isLoopbackHost,
  persistentCursorKey,
  bearerTokenAuthentication,
  serverAuthentication,
  configuredOptions,
  type JwtSettings,
  type ServerSettings,
} from './settings.js';
export { auditTo, auditToFile, redact, type AuditEntry, type AuditLog } from './audit.js';
export type { ResourceTypeBehaviour } from './behaviour.js';
export { createTenantServer, type TenantsOptions } from './tenants.js';
export { listInMemory } from './list-page.js';
export { checkPassword, hashPassword, isPasswordHash, passwordAttribute, DEFAULT_PASSWORD_COST } from './passwords.js';
export { readWorkerCount, serveInWorkers } from './workers.js';
export { withinUnitOfWork, type Transaction } from './unit-of-work.js';
