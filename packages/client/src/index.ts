// The client runs on Node (fetch, Headers, AbortSignal): its declarations say so to every consumer.
/// <reference types="node" preserve="true" />
export { ScimClient, BULK_REQUEST, type BulkOperation, type BulkResult } from './client.js';
export {
  ResourceClient,
  PATCH_OP,
  SEARCH_REQUEST,
  type ListParameters,
  type ListResponse,
  type PatchOperation,
  type Returned,
  type WriteOptions,
} from './resources.js';
export {
  Transport,
  retryAfterMs,
  type RetryOptions,
  type TransportOptions,
  type RequestOptions,
  type ScimResponse,
} from './transport.js';
export { ScimClientError, ScimNetworkError } from './errors.js';
export {
  bearerToken,
  httpBasic,
  customHeader,
  oauth2ClientCredentials,
  type ClientAuth,
  type OAuth2ClientCredentialsOptions,
} from './auth.js';
export { FilterBuilder, PatchBuilder, ScimFilter } from './builders.js';
export { TypedResourceClient, type TypedListParameters } from './typed.js';
export { diffOperations, type DiffOptions } from './diff.js';
export { inPool } from './pool.js';
export { PROFILES, UnsupportedByProvider, adjustOperations, type ClientProfile, type ProfileName } from './profiles.js';
