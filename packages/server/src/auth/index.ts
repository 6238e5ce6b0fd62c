export { bearerTokens, staticBearerTokens, BEARER_TOKEN_SCHEME, type Authenticator } from './bearer.js';
export { jwtBearer, type JwtBearerOptions } from './jwt.js';
export { mintBearerToken, type MintOptions } from './mint.js';
export { httpBasic, type BasicUser } from './basic.js';
export { httpDigest, type DigestOptions } from './digest.js';
export {
  oauth2ClientCredentials,
  type OAuth2Client,
  type OAuth2ClientCredentials,
  type OAuth2ClientCredentialsOptions,
} from './oauth2.js';
export { requiredScope, type AuthOutcome, type AuthStrategy, type Principal } from './strategy.js';
