import { createScimServer, type ScimServer } from './server.js';
import type { ScimServerOptions } from './options.js';
import { errorResponse } from './http.js';
import type { ScimRequest, ScimResponse } from './types.js';

export interface TenantsOptions {
  /**
   * The tenants by name, each a complete server of its own: its base URL (`…/scim/v2/<name>`),
   * credentials, handlers over its own storage (a store namespace) and options.
   */
  readonly tenants: Readonly<Record<string, ScimServerOptions>>;
  /** The tenant that answers requests whose path names no tenant (GLPI's default identity server). */
  readonly defaultTenant?: string;
  /**
   * Whether a tenant serves now, asked on every request so it can be switched while the server
   * runs (GLPI's "Active" box); an inactive one answers 403 and its handlers are never called.
   * Default: every tenant is active.
   */
  readonly isActive?: (tenant: string) => boolean | Promise<boolean>;
}

const TENANT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** First path segments that are SCIM endpoints of the default tenant, so no tenant may be called so. */
const RESERVED = ['serviceproviderconfig', 'schemas', 'resourcetypes', 'bulk', 'me', '.search', 'oauth'];

/**
 * Several SCIM service providers behind one base path: `/<tenant>/Users` is answered by that
 * tenant's server alone, with its own credentials and its own storage, so no request of one tenant
 * can read or write another's resources (ids, filters and /Bulk references resolve inside it).
 * Requests without a tenant go to the default tenant, when there is one; otherwise 404.
 */
export function createTenantServer(
  options: TenantsOptions,
): ScimServer & { readonly tenants: ReadonlyMap<string, ScimServer> } {
  const names = Object.keys(options.tenants);
  if (names.length === 0) throw new Error('createTenantServer needs at least one tenant');
  if (options.defaultTenant !== undefined && !names.includes(options.defaultTenant))
    throw new Error(`the default tenant ${JSON.stringify(options.defaultTenant)} is not one of the tenants`);
  const servers = new Map<string, ScimServer>();
  for (const name of names) {
    if (!TENANT_NAME.test(name))
      throw new Error(`${JSON.stringify(name)} is not a tenant name (letters, digits, . _ -)`);
    servers.set(name, createScimServer(options.tenants[name]!));
  }
  const fallback = options.defaultTenant === undefined ? undefined : servers.get(options.defaultTenant);
  const reserved = new Set(RESERVED);
  if (fallback !== undefined)
    for (const rt of options.tenants[options.defaultTenant!]!.resourceTypes)
      reserved.add(rt.definition.descriptor.endpoint.replace(/^\/+/, '').toLowerCase());
  for (const name of names)
    if (reserved.has(name.toLowerCase()))
      throw new Error(`tenant ${JSON.stringify(name)} has the name of an endpoint of the default tenant`);

  const active = async (name: string) => {
    try {
      return options.isActive === undefined || (await options.isActive(name));
    } catch {
      // A switch that cannot be read keeps the tenant closed.
      return false;
    }
  };
  const inactive = (name: string) => errorResponse(403, `the identity server ${JSON.stringify(name)} is not active`);
  const handle = async (request: ScimRequest): Promise<ScimResponse> => {
    const match = /^\/+([^/?]+)(.*)$/.exec(request.url);
    const first = match?.[1];
    // Tenant names are case-sensitive: one tenant's path never reaches another's by case folding.
    const name = first === undefined ? undefined : decodeSegment(first);
    const tenant = name === undefined ? undefined : servers.get(name);
    if (tenant !== undefined) {
      if (!(await active(name!))) return inactive(name!);
      return tenant.handle({ ...request, url: match![2] === '' ? '/' : match![2]! });
    }
    if (fallback !== undefined) {
      if (!(await active(options.defaultTenant!))) return inactive(options.defaultTenant!);
      return fallback.handle(request);
    }
    return errorResponse(404, 'no such tenant');
  };
  return {
    handle,
    maxRequestBytes: Math.max(...[...servers.values()].map((s) => s.maxRequestBytes)),
    // Discovery of the default tenant (or the first), for tools that read it from the server object.
    discovery: (fallback ?? servers.get(names[0]!)!).discovery,
    tenants: servers,
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
