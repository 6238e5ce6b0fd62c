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
