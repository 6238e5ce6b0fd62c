import { ScimError } from '@scimgen/runtime';
import type { ScimRequest } from '../types.js';
import { allows, requiredScope, type AuthOutcome, type AuthStrategy, type Principal } from './strategy.js';

/** A 403 for a principal without the scope an operation needs; the server adds the RFC 6750 challenge. */
export class InsufficientScope extends ScimError {
  constructor(readonly scope: string) {
    super(403, `the credentials lack the scope ${scope}`);
  }
}

/** Throws InsufficientScope unless the principal (undefined: no authentication) may do this. */
export function requireScope(
  principal: Principal | undefined,
  resourceType: string | undefined,
  action: 'read' | 'write' | 'delete' | 'info',
): void {
  const scope = requiredScope(resourceType, action);
  if (!allows(principal, scope)) throw new InsufficientScope(scope);
}

export type GateOutcome =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly challenge: string; readonly detail: string };

/**
 * Runs the strategies in order: the first that accepts decides. Two strategies may share a
 * scheme (static bearer tokens and JWTs), so a refusal does not stop the others. A request no
 * strategy accepts gets every strategy's challenge, so a client can pick the one it speaks.
 */
export async function authenticateRequest(
  strategies: readonly AuthStrategy[],
  request: ScimRequest,
): Promise<GateOutcome> {
  const outcomes: AuthOutcome[] = [];
  for (const strategy of strategies) {
    const outcome = await strategy.authenticate(request);
    if (outcome.kind === 'accepted') return { ok: true, principal: outcome.principal };
    outcomes.push(outcome);
  }
  const refused = outcomes.find((o): o is Extract<AuthOutcome, { kind: 'refused' }> => o.kind === 'refused');
  const challenges = new Map<string, string>();
  strategies.forEach((strategy, i) => {
    // One challenge per scheme: a refusal's (it says why) over a plain one.
    const outcome = outcomes[i]!;
    if (!challenges.has(strategy.scheme) || outcome.kind === 'refused')
      challenges.set(strategy.scheme, strategy.challenge(outcome));
  });
  return {
    ok: false,
    challenge: [...challenges.values()].join(', '),
    detail:
      refused === undefined
        ? 'the request is not authenticated'
        : `the request is not authenticated: ${refused.reason}`,
  };
}
