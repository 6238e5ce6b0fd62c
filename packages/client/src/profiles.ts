import { parseFilter, type Filter } from '@scimgen/runtime';
import type { PatchOperation } from './resources.js';

/**
 * How a service provider deviates from RFC 7644, as the client adjusts its requests for it.
 * Each adjustment is one a provider documents; the client refuses locally what the provider
 * would refuse, with a message that says why, instead of sending it.
 */
export interface ClientProfile {
  readonly name: string;
  /** Throws when the provider cannot evaluate this filter. */
  readonly checkFilter?: (filter: string) => void;
  /** The largest page the provider returns. */
  readonly maxPageSize?: number;
  /** The provider has no POST /.search: searches are sent as GET with query parameters. */
  readonly searchWithGet?: boolean;
  readonly bulk?: boolean;
  /** The provider has no PUT: a replace is sent as the PATCH operations that differ. */
  readonly put?: boolean;
  /** A PATCH operation without a path may carry one attribute only. */
  readonly oneAttributePerNoPathOperation?: boolean;
  /** How `all()` pages unless told. */
  readonly paging?: 'index' | 'cursor';
  /** The provider accepts member changes only as add and remove (no replace of the list). */
  readonly memberDeltasOnly?: boolean;
  /** Where the provider serves its ServiceProviderConfig, when not at /ServiceProviderConfig. */
  readonly serviceProviderConfigPath?: string;
  /** The provider disables instead of deleting: DELETE is sent as a PATCH setting active to false. */
  readonly deleteAs?: 'deactivate';
  /** Throws for a PATCH operation the provider refuses, sent to `endpoint` ("/Users"). */
  readonly checkOperation?: (operation: PatchOperation, endpoint: string) => void;
  /** Throws for a resource the provider refuses, created or replaced at `endpoint`. */
  readonly checkResource?: (resource: Readonly<Record<string, unknown>>, endpoint: string) => void;
}

export class UnsupportedByProvider extends Error {
  override readonly name = 'UnsupportedByProvider';
}

/** A profile's filter check: walks the parsed filter, throwing at the first node `refusal` names a reason for. */
function filterCheck(refusal: (node: Filter, text: string) => string | undefined) {
  return (text: string) => {
    const check = (node: Filter): void => {
      const reason = refusal(node, text);
      if (reason !== undefined) throw new UnsupportedByProvider(reason);
      if (node.kind === 'and' || node.kind === 'or') {
        check(node.left);
        check(node.right);
      } else if (node.kind === 'not' || node.kind === 'valuePath') check(node.filter);
    };
    check(parseFilter(text));
  };
}

/** eq, joined by and: all IAM Identity Center evaluates. */
const eqAndOnly = (profile: string) =>
  filterCheck((node, text) =>
    node.kind === 'and' || (node.kind === 'compare' && node.op === 'eq')
      ? undefined
      : `${profile} evaluates only "eq" joined by "and", not ${JSON.stringify(text)}`,
  );

/** Filters without "or" (WSO2 Identity Server answers "or not supported"). */
const withoutOr = (profile: string) =>
  filterCheck((node, text) =>
    node.kind === 'or'
      ? `${profile} does not evaluate "or"; send one request per alternative: ${JSON.stringify(text)}`
      : undefined,
  );

const AWS = 'AWS IAM Identity Center';

/** Whether an endpoint path is the Users endpoint ("/Users", or a base path ending in it). */
const isUsers = (endpoint: string) => /(^|\/)Users$/i.test(endpoint);

/**
 * IAM Identity Center keeps one value of each multi-valued user attribute (one email, one address,
 * one phone number), in the core schema and in extensions.
 */
function oneValueEach(resource: Readonly<Record<string, unknown>>, endpoint: string): void {
  if (!isUsers(endpoint)) return;
  for (const [name, value] of Object.entries(resource)) {
    if (name === 'schemas') continue;
    if (Array.isArray(value) && value.length > 1)
      throw new UnsupportedByProvider(
        `${AWS} keeps one value of each multi-valued user attribute, not ${value.length} ${name}`,
      );
    if (name.toLowerCase().startsWith('urn:') && value !== null && typeof value === 'object' && !Array.isArray(value))
      oneValueEach(value as Record<string, unknown>, endpoint);
  }
}

/**
 * PatchUser: userName and active are never removed, and a multi-valued attribute takes one value;
 * PatchGroup: members are not all removed at once (remove them by filter).
 */
function awsOperation(operation: PatchOperation, endpoint: string): void {
  const path = operation.path ?? '';
  if (operation.op === 'remove' && /^(userName|active)$/i.test(path))
    throw new UnsupportedByProvider(`${AWS} does not remove ${path}`);
  if (operation.op === 'remove' && /^members$/i.test(path))
    throw new UnsupportedByProvider(`${AWS} does not remove all members at once; remove them by value`);
  const value = operation.value;
  if (value === null || typeof value !== 'object') return;
  if (operation.path === undefined && !Array.isArray(value)) oneValueEach(value as Record<string, unknown>, endpoint);
  else if (Array.isArray(value)) oneValueEach({ [path]: value }, endpoint);
}

export const PROFILES = {
  rfc: { name: 'rfc' },
  /**
   * AWS IAM Identity Center: filters are eq with and only; no /Bulk and no /.search; lists return
   * at most 50 resources; a PatchGroup takes no replace and no remove-all (members change by add
   * and remove); users keep one value of each multi-valued attribute.
   */
  aws: {
    name: 'aws',
    checkFilter: eqAndOnly('AWS IAM Identity Center'),
    maxPageSize: 50,
    searchWithGet: true,
    bulk: false,
    oneAttributePerNoPathOperation: true,
    paging: 'cursor',
    memberDeltasOnly: true,
    checkOperation: awsOperation,
    checkResource: oneValueEach,
  },
  /** Google Cloud Identity: no PUT; updates are PATCHes. */
  google: { name: 'google', put: false },
  /**
   * Salesforce: its capabilities at /ServiceProviderConfigs, and users are disabled, not deleted
   * (its operations are create, read, update and disable).
   */
  salesforce: { name: 'salesforce', serviceProviderConfigPath: '/ServiceProviderConfigs', deleteAs: 'deactivate' },
  /** WSO2 Identity Server (reported on 5.7): filters joined by "or" are refused by the server. */
  wso2: { name: 'wso2', checkFilter: withoutOr('WSO2 Identity Server') },
} as const satisfies Record<string, ClientProfile>;

export type ProfileName = keyof typeof PROFILES;

/** Splits no-path operations into one per attribute when the profile wants that. */
export function adjustOperations(
  profile: ClientProfile,
  operations: readonly PatchOperation[],
  endpoint: string,
): PatchOperation[] {
  for (const operation of operations) profile.checkOperation?.(operation, endpoint);
  if (profile.oneAttributePerNoPathOperation !== true) return [...operations];
  return operations.flatMap((operation) => {
    const value = operation.value;
    if (operation.path !== undefined || value === null || typeof value !== 'object' || Array.isArray(value))
      return [operation];
    return Object.entries(value as Record<string, unknown>).map(([key, inner]) => ({
      op: operation.op,
      value: { [key]: inner },
    }));
  });
}
