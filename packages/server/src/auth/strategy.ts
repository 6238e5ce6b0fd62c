import { header } from '../http.js';
import type { AuthenticationScheme } from '../options.js';
import type { ScimRequest } from '../types.js';

/**
 * Who a request comes from, once a strategy accepted it: a name for logs and /Me, and what it
 * may do. `scopes: 'all'` is full access (static tokens, Basic and Digest users); a JWT carries
 * its own scopes (`scim:user:read`, `scim:group:write`, `scim:info`…).
 */
export interface Principal {
  readonly subject: string;
  readonly scopes: 'all' | ReadonlySet<string>;
  /** The strategy that accepted it ("bearer", "jwt", "basic", "digest"). */
  readonly via: string;
}

/** What a strategy makes of a request: accepted, refused (with why, never echoing secrets), or not its scheme. */
export type AuthOutcome =
  | { readonly kind: 'accepted'; readonly principal: Principal }
  | { readonly kind: 'refused'; readonly reason: string; readonly error?: string }
  | { readonly kind: 'absent' };

/**
 * One way to authenticate: its Authorization scheme ("Bearer", "Basic", "Digest"), the challenge
 * a 401 sends, how ServiceProviderConfig describes it, and the check itself.
 */
export interface AuthStrategy {
  readonly scheme: string;
  readonly authenticationScheme: AuthenticationScheme;
  /** The WWW-Authenticate value for a 401 (a Digest challenge carries a fresh nonce). */
  challenge(outcome: AuthOutcome): string;
  authenticate(request: ScimRequest): AuthOutcome | Promise<AuthOutcome>;
}

/** The credentials of an Authorization header of the given scheme (case-insensitive), or undefined. */
export function credentials(request: ScimRequest, scheme: string): string | undefined {
  const value = header(request.headers, 'authorization');
  if (value === undefined) return undefined;
  const space = value.search(/[ \t]/);
  if (space < 0 || value.slice(0, space).toLowerCase() !== scheme.toLowerCase()) return undefined;
  return value.slice(space + 1).trim();
}

/** The scopes a Principal needs: `scim:<resource type>:<read|write|delete>`, and `scim:info` for discovery. */
export function requiredScope(resourceType: string | undefined, action: 'read' | 'write' | 'delete' | 'info'): string {
  return action === 'info' ? 'scim:info' : `scim:${resourceType!.toLowerCase()}:${action}`;
}

export function allows(principal: Principal | undefined, scope: string): boolean {
  return principal === undefined || principal.scopes === 'all' || principal.scopes.has(scope);
}

/** A realm for a challenge: configuration text, kept inside its quotes. */
export function realmOf(realm: string | undefined): string {
  return (realm ?? 'SCIM').replace(/["\\\r\n]/g, '');
}
