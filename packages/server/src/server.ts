import {
  DEFAULT_LIST_LIMITS,
  ScimError,
  badRequest,
  resolvePath,
  type AttrPath,
  type ListQuery,
} from '@scimgen/runtime';
import { addressGate } from './access.js';
import { auditEntry } from './audit.js';
import { authenticateRequest, InsufficientScope, requireScope } from './auth/gate.js';
import { allows, requiredScope, type AuthStrategy, type Principal } from './auth/strategy.js';
import { readJsonBody } from './body.js';
import { CursorSeal } from './cursor-seal.js';
import { DEFAULT_PASSWORD_COST } from './passwords.js';
import { bulkUnits } from './unit-of-work.js';
import { runBulk } from './bulk.js';
import {
  buildDiscovery,
  DEFAULT_BULK_MAX_OPERATIONS,
  DEFAULT_CURSOR_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  type Discovery,
} from './discovery.js';
import { errorReply, header, listReply, notFound, toResponse, type Reply } from './http.js';
import type { ScimServerOptions } from './options.js';
import {
  parseQueryParameters,
  parseSearchRequest,
  ResourceEndpoint,
  type EndpointSettings,
  type Operation,
} from './resources.js';
import { MethodNotAllowed, parseTarget } from './router.js';
import type { ScimRequest, ScimResponse } from './types.js';
import type { ResolveReference } from './value-checks.js';

export interface ScimServer {
  /** Answers one request. Never throws: every failure is a SCIM error response. */
  handle(request: ScimRequest): Promise<ScimResponse>;
  /** The largest body any route accepts: adapters stop reading beyond it and answer 413. */
  readonly maxRequestBytes: number;
  readonly discovery: Discovery;
}

/** Where a request's body comes from: the request itself, or a /Bulk operation's data. */
type BodySource = () => unknown;

function allow(method: string, allowed: readonly string[]): void {
  if (!allowed.includes(method)) throw new MethodNotAllowed(method, allowed);
}

/**
 * A SCIM 2.0 service provider over the given resource types: every RFC 7644 endpoint, discovery
 * built from the definitions, answers as SCIM JSON. Storage is the handlers' business.
 */
export function createScimServer(options: ScimServerOptions): ScimServer {
  const strategies = authStrategies(options);
  const base = options.baseUrl.replace(/\/+$/, '');
  // Who each request comes from, for the scope checks and /Me, without threading it through every call.
  const principals = new WeakMap<ScimRequest, Principal>();
  const principalOf = (request: ScimRequest) => principals.get(request);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bulk = options.bulk === false ? undefined : options.bulk;
  const bulkMaxPayload = bulk?.maxPayloadSize ?? DEFAULT_MAX_BODY_BYTES;
  const bulkMaxOperations = bulk?.maxOperations ?? DEFAULT_BULK_MAX_OPERATIONS;
  const listLimits = { ...DEFAULT_LIST_LIMITS, ...options.list };
  const units = bulkUnits(options.transaction);
  const cursorTimeoutMs = options.list?.cursorTimeoutMs ?? DEFAULT_CURSOR_TIMEOUT_MS;
  const { endpoints, byPath, byName } = buildEndpoints(options, {
    base,
    listLimits,
    cursorTimeoutMs,
    cursors: new CursorSeal(options.cursorKey, cursorTimeoutMs),
    profile: options.profile,
    memberPatchResponse: options.memberPatchResponse ?? 'resource',
    passwordCost: options.passwords?.hash === false ? undefined : (options.passwords?.cost ?? DEFAULT_PASSWORD_COST),
    validation: { ...options.validation, ...(options.profile !== undefined ? { profile: options.profile } : {}) },
    actingUser: options.actingUser,
  });
  const discovery = buildDiscovery(
    {
      ...options,
      authenticationSchemes:
        options.authenticationSchemes ??
        strategies
          .map((s, i) => ({ ...s.authenticationScheme, primary: i === 0 }))
          .filter(
            (scheme, i, all) =>
              all.findIndex((other) => other.type === scheme.type && other.name === scheme.name) === i,
          ),
    },
    base,
  );

  const listOf = (resources: readonly unknown[]): Reply => listReply(resources, resources.length, { startIndex: 1 });

  /** Discovery endpoints take no filter (RFC 7644 §4: 403). */
  const discoveryRead = (method: string, query: URLSearchParams, request: ScimRequest): void => {
    allow(method, ['GET']);
    requireScope(principalOf(request), undefined, 'info');
    if (query.has('filter')) throw new ScimError(403, 'discovery endpoints do not support filtering');
  };

  /**
   * A root query, GET on the base URL or POST /.search there: the same query over every resource type the caller may read, their
   * results one type after the other (each in sortBy order). Each type is counted first, then only
   * the types the requested window reaches are read, from the right offset: a large startIndex
   * reads `count` resources, not every resource before it.
   */
  const searchAll = async (query: ListQuery, principal: Principal | undefined): Promise<Reply> => {
    if (query.pagination.kind === 'cursor')
      throw badRequest('invalidValue', 'cursor pagination is available per resource type, not at the root');
    const readable = endpoints.filter((e) => allows(principal, requiredScope(e.name, 'read')));
    if (readable.length === 0) requireScope(principal, endpoints[0]?.name ?? 'resource', 'read');
    const totals = await countEach(readable, query);
    const { startIndex, count } = query.pagination;
    const resources: Record<string, unknown>[] = [];
    let before = 0;
    for (const { endpoint, total, query: typeQuery } of totals) {
      const skip = Math.max(0, startIndex - 1 - before);
      const wanted = Math.min(count - resources.length, total - skip);
      before += total;
      if (wanted <= 0) continue;
      const page = await endpoint.page({
        ...typeQuery,
        pagination: { kind: 'index', startIndex: skip + 1, count: wanted },
      });
      resources.push(...endpoint.shape(page, query));
    }
    const total = totals.reduce((sum, t) => sum + t.total, 0);
    return listReply(resources, total, { startIndex });
  };

  const dispatch = async (
    method: string,
    segments: readonly string[],
    operation: Operation,
    body: BodySource,
    request: ScimRequest,
    inBulk: boolean,
  ): Promise<Reply> => {
    const [first, second, third] = segments;
    if (first === undefined) {
      // A query against the server root (RFC 7644 §3.4.2): every resource type at once.
      allow(method, ['GET']);
      return searchAll(parseQueryParameters(operation.query, listLimits), principalOf(request));
    }
    const endpoint = byPath.get(first) ?? byPath.get(first.toLowerCase());
    if (endpoint !== undefined) {
      if (third !== undefined) throw notFound(`${segments.join('/')}`);
      const principal = principalOf(request);
      if (second === undefined) {
        allow(method, ['GET', 'POST']);
        requireScope(principal, endpoint.name, method === 'GET' ? 'read' : 'write');
        return method === 'GET' ? endpoint.list(operation) : endpoint.create(body(), operation);
      }
      if (second === '.search') {
        allow(method, ['POST']);
        requireScope(principal, endpoint.name, 'read');
        return endpoint.search(body());
      }
      if (['GET', 'PUT', 'PATCH', 'DELETE'].includes(method))
        requireScope(principal, endpoint.name, method === 'GET' ? 'read' : method === 'DELETE' ? 'delete' : 'write');
      switch (method) {
        case 'GET':
          return endpoint.get(second, operation);
        case 'PUT':
          return endpoint.replace(second, body(), operation);
        case 'PATCH':
          return endpoint.patch(second, body(), operation);
        case 'DELETE':
          return endpoint.delete(second, operation);
        default:
          throw new MethodNotAllowed(method, ['GET', 'PUT', 'PATCH', 'DELETE']);
      }
    }
    switch (first) {
      case 'ServiceProviderConfig':
        if (second !== undefined) break;
        discoveryRead(method, operation.query, request);
        return { status: 200, body: discovery.serviceProviderConfig };
      case 'Schemas': {
        if (third !== undefined) break;
        discoveryRead(method, operation.query, request);
        if (second === undefined) return listOf(discovery.schemas);
        const schema = discovery.schemasById.get(second.toLowerCase());
        if (schema === undefined) throw notFound(`schema ${JSON.stringify(second)}`);
        return { status: 200, body: schema };
      }
      case 'ResourceTypes': {
        if (third !== undefined) break;
        discoveryRead(method, operation.query, request);
        if (second === undefined) return listOf(discovery.resourceTypes);
        const resourceType = discovery.resourceTypesById.get(second.toLowerCase());
        if (resourceType === undefined) throw notFound(`resource type ${JSON.stringify(second)}`);
        return { status: 200, body: resourceType };
      }
      case '.search':
        if (second !== undefined) break;
        allow(method, ['POST']);
        return searchAll(parseSearchRequest(body(), listLimits), principalOf(request));
      case 'Bulk':
        if (second !== undefined) break;
        if (inBulk) throw badRequest('invalidSyntax', 'a bulk operation cannot itself be a bulk request');
        if (options.bulk === false) throw new ScimError(501, 'this server does not support /Bulk');
        allow(method, ['POST']);
        return units.whole(() =>
          runBulk(
            body(),
            bulkMaxOperations,
            (opMethod, path, data, version) =>
              units.operation(() => runOne(opMethod, path, () => data, version, request)),
            base,
          ),
        );
      case 'Me': {
        if (options.me === undefined) throw new ScimError(501, 'this server does not support /Me');
        if (method === 'POST') throw new ScimError(501, 'creating a resource through /Me is not supported');
        const me = options.me(request, principalOf(request));
        if (me === undefined) throw notFound('the authenticated subject');
        const target = byName.get(me.resourceType);
        if (target === undefined) throw notFound(`resource type ${JSON.stringify(me.resourceType)}`);
        const path = target.definition.descriptor.endpoint.replace(/^\/+/, '');
        return dispatch(method, [path, me.id, ...segments.slice(1)], operation, body, request, inBulk);
      }
    }
    throw notFound(`/${segments.join('/')}`);
  };

  /** A /Bulk operation: its own path and data, If-Match from its version. */
  const runOne = async (
    method: string,
    path: string,
    body: BodySource,
    version: string | undefined,
    request: ScimRequest,
  ): Promise<Reply> => {
    try {
      const { segments, query } = parseTarget(path);
      return await dispatch(
        method,
        segments,
        { query, ifMatch: version, ifNoneMatch: undefined, minimal: false },
        body,
        request,
        true,
      );
    } catch (error) {
      return failed(error);
    }
  };

  const failed = (error: unknown): Reply => {
    if (error instanceof MethodNotAllowed) return errorReply(error, { allow: error.allowed.join(', ') });
    if (error instanceof InsufficientScope)
      return errorReply(error, { 'www-authenticate': `Bearer error="insufficient_scope", scope="${error.scope}"` });
    if (error instanceof ScimError) return errorReply(error);
    options.onError?.(error);
    return errorReply(new ScimError(500, 'the server failed to answer this request'));
  };

  const outsider = addressGate(options);
  const answer = async (request: ScimRequest, notes: string[]): Promise<ScimResponse> => {
    try {
      const refused = outsider?.(request);
      if (refused !== undefined) return toResponse(errorReply(refused));
      const method = request.method.toUpperCase();
      const { segments, query } = parseTarget(request.url);
      // The token endpoint is how a client gets credentials, so it is not behind them.
      if (options.oauth2 !== undefined && segments.length === 2 && segments[0] === 'oauth' && segments[1] === 'token')
        return await options.oauth2.tokenEndpoint(request);
      if (options.authenticate !== undefined && !(await options.authenticate(request))) {
        return toResponse(
          errorReply(new ScimError(401, 'the request is not authenticated'), {
            'www-authenticate': 'Bearer realm="SCIM"',
          }),
        );
      }
      if (strategies.length > 0) {
        const gate = await authenticateRequest(strategies, request);
        if (!gate.ok)
          return toResponse(errorReply(new ScimError(401, gate.detail), { 'www-authenticate': gate.challenge }));
        principals.set(request, gate.principal);
      }
      const limit = segments.length === 1 && segments[0] === 'Bulk' ? bulkMaxPayload : maxBodyBytes;
      const prefer = header(request.headers, 'prefer');
      const operation: Operation = {
        query,
        ifMatch: header(request.headers, 'if-match'),
        ifNoneMatch: header(request.headers, 'if-none-match'),
        minimal: prefer !== undefined && /(^|[,;\s])return=minimal\b/i.test(prefer),
      };
      const reply = await dispatch(method, segments, operation, () => readJsonBody(request, limit), request, false);
      if (reply.notes !== undefined) notes.push(...reply.notes);
      return toResponse(reply);
    } catch (error) {
      return toResponse(failed(error));
    }
  };

  const handle = async (request: ScimRequest): Promise<ScimResponse> => {
    if (options.audit === undefined) return answer(request, []);
    const time = new Date();
    const started = performance.now();
    const notes: string[] = [];
    const response = await answer(request, notes);
    try {
      const entry = auditEntry(request, response, {
        time,
        started,
        principal: principalOf(request),
        notes,
        bodies: options.audit.bodies ?? true,
      });
      // The answer does not wait for the log; a failing log is reported, never the request's problem.
      void Promise.resolve(options.audit.write(entry)).catch((error: unknown) => options.onError?.(error));
    } catch (error) {
      options.onError?.(error);
    }
    return response;
  };

  return {
    handle,
    maxRequestBytes: options.bulk === false ? maxBodyBytes : Math.max(maxBodyBytes, bulkMaxPayload),
    discovery,
  };
}

/** A resource type's share of a root query: the query as it applies to the type, and its total. */
interface TypeShare {
  readonly endpoint: ResourceEndpoint;
  readonly query: ListQuery;
  readonly total: number;
}

/**
 * How many resources of each resource type match the query. A filter naming attributes one
 * resource type lacks matches none of its resources; a sortBy it lacks puts that type after the
 * types that have it, in the server's order (as resources without the value). When a filter or
 * sortBy fits no type at all, its error stands.
 */
async function countEach(endpoints: readonly ResourceEndpoint[], query: ListQuery): Promise<TypeShare[]> {
  const shares: TypeShare[] = [];
  let firstError: ScimError | undefined;
  let sortable = query.sortBy === undefined;
  for (const endpoint of endpoints) {
    try {
      const sorted = query.sortBy !== undefined && sortsBy(endpoint, query.sortBy);
      sortable ||= sorted;
      const typeQuery = sorted || query.sortBy === undefined ? query : { ...query, sortBy: undefined };
      const page = await endpoint.page({ ...typeQuery, pagination: { kind: 'index', startIndex: 1, count: 0 } });
      shares.push({ endpoint, query: typeQuery, total: page.totalResults });
    } catch (error) {
      if (!(error instanceof ScimError) || error.scimType !== 'invalidFilter') throw error;
      firstError ??= error;
    }
  }
  if (shares.length === 0 && firstError !== undefined) throw firstError;
  if (!sortable) resolvePath(endpoints[0]!.definition.descriptor, query.sortBy!, 'invalidValue');
  return [
    ...shares.filter((share) => share.query.sortBy !== undefined || query.sortBy === undefined),
    ...shares.filter((share) => share.query.sortBy === undefined && query.sortBy !== undefined),
  ];
}

function sortsBy(endpoint: ResourceEndpoint, sortBy: AttrPath): boolean {
  try {
    resolvePath(endpoint.definition.descriptor, sortBy, 'invalidValue');
    return true;
  } catch (error) {
    if (error instanceof ScimError) return false;
    throw error;
  }
}

/**
 * The strategies a server checks, from its options: authentication is a choice the options must
 * make (strategies, an `authenticate` function, or 'none' on purpose, which prints a warning).
 */
function authStrategies(options: ScimServerOptions): AuthStrategy[] {
  if (options.auth !== undefined && options.authenticate !== undefined)
    throw new Error('give either auth or authenticate, not both');
  if (options.auth === 'none') {
    process.emitWarning('this SCIM server does not authenticate requests (auth: "none")', { code: 'SCIMGEN_NO_AUTH' });
    return [];
  }
  const strategies = [...(options.auth ?? [])];
  if (options.oauth2 !== undefined && !strategies.includes(options.oauth2.strategy))
    strategies.push(options.oauth2.strategy);
  if (strategies.length === 0 && options.authenticate === undefined)
    throw new Error(
      'choose how requests are authenticated: auth: [staticBearerTokens(…), jwtBearer(…), …], authenticate, or auth: "none"',
    );
  return strategies;
}

/**
 * An endpoint per resource type, found by its path (as written and lowercased) and by name; each
 * resolves the references its behaviour names through the others.
 */
function buildEndpoints(options: ScimServerOptions, settings: EndpointSettings) {
  const endpoints = options.resourceTypes.map(
    (b) => new ResourceEndpoint(b.definition, b.handler, settings, b.behaviour),
  );
  const byPath = new Map<string, ResourceEndpoint>();
  const byName = new Map<string, ResourceEndpoint>();
  for (const endpoint of endpoints) {
    const segment = endpoint.definition.descriptor.endpoint.replace(/^\/+/, '');
    if (byPath.has(segment.toLowerCase()))
      throw new Error(`two resource types are served at ${endpoint.definition.descriptor.endpoint}`);
    byPath.set(segment, endpoint);
    byPath.set(segment.toLowerCase(), endpoint);
    byName.set(endpoint.name, endpoint);
  }
  const resolveReference: ResolveReference = (resourceType, id) =>
    byName.get(resourceType)?.referenceTarget(id) ?? Promise.resolve(undefined);
  for (const endpoint of endpoints) endpoint.resolveReferencesWith(resolveReference);
  return { endpoints, byPath, byName };
}
