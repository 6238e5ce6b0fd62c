import {
  ScimError,
  applyPatch,
  checkIfMatch,
  DEFAULT_VALIDATION_LIMITS,
  etagFromVersion,
  isNotModified,
  parseListQuery,
  projectResource,
  SEARCH_REQUEST_URN,
  badRequest,
  isJsonObject,
  memberListAttribute,
  type ListLimits,
  type ListQuery,
  type PatchProfileName,
  type PatchResult,
  type ProjectionRequest,
  type ResourceTypeDefinition,
  type ValidationOptions,
  type ValidationResult,
} from '@scimgen/runtime';
import { Behaviour, memberValues, type ResourceTypeBehaviour } from './behaviour.js';
import type { ReferenceTarget, ResolveReference } from './value-checks.js';
import type { CursorSeal } from './cursor-seal.js';
import type { ChangeSet, HandlerContext, ListPage, ResourceHandler, StoredResource } from './handler.js';
import { listReply, notFound, type Reply } from './http.js';
import { KeyedLock } from './keyed-lock.js';
import { withinUnitOfWork } from './unit-of-work.js';
import { checkArrayLengths } from './patch-limits.js';
import { checkRequiredText } from './required-text.js';
import { withoutForeignSchemas } from './foreign-schemas.js';
import { refuseHiddenInAttributes, refuseHiddenInQuery } from './hidden-attributes.js';
import { hashPassword, passwordAttribute } from './passwords.js';
import { MethodNotAllowed } from './router.js';

/**
 * How often a write without If-Match is tried again when another server process changed the
 * resource between its read and its write (inside one process writes to a resource queue).
 */
const WRITE_ATTEMPTS = 40;

/** A short random pause that grows with the attempt, so competing processes fall out of step. */
function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 10) * 2));
}

/** What one endpoint operation reads from the request, already parsed. */
export interface Operation {
  readonly query: URLSearchParams;
  readonly ifMatch: string | undefined;
  readonly ifNoneMatch: string | undefined;
  /** Prefer: return=minimal (RFC 7240): answer writes with 204 and no body. */
  readonly minimal: boolean;
}

export interface EndpointSettings {
  readonly base: string;
  readonly listLimits: ListLimits;
  readonly cursorTimeoutMs: number;
  /** Signs the cursors handlers issue and checks those clients send back. */
  readonly cursors: CursorSeal;
  readonly profile: PatchProfileName | undefined;
  readonly memberPatchResponse: 'resource' | 'noContent';
  /** The scrypt cost passwords are hashed at before a handler sees them; undefined keeps them as sent. */
  readonly passwordCost: number | undefined;
  readonly validation: Omit<ValidationOptions, 'context' | 'existing'>;
  /** Passed to every handler call (HandlerContext.actingUser). */
  readonly actingUser?: string | undefined;
}

/** Query parameters a list request reads, as parseListQuery wants them. */
const LIST_PARAMETERS = [
  'filter',
  'sortBy',
  'sortOrder',
  'startIndex',
  'count',
  'cursor',
  'attributes',
  'excludedAttributes',
] as const;

/** A GET list request's query (RFC 7644 §3.4.2): the list parameters of its query string. */
export function parseQueryParameters(query: URLSearchParams, limits: ListLimits): ListQuery {
  const params: Record<string, string> = {};
  for (const name of LIST_PARAMETERS) {
    const value = query.get(name);
    if (value !== null) params[name] = value;
  }
  return parseListQuery(params, limits);
}

function projection(query: URLSearchParams): ProjectionRequest {
  return {
    attributes: query.get('attributes') ?? undefined,
    excludedAttributes: query.get('excludedAttributes') ?? undefined,
  };
}

/**
 * A PUT that leaves the password out keeps the stored one: it is never returned, so a client that
 * read the resource and sends it back (Okta updates with PUT) cannot include it.
 */
function keptPassword(
  value: Record<string, unknown>,
  current: StoredResource,
  name: string | undefined,
): Record<string, unknown> {
  if (name === undefined || value[name] !== undefined || current[name] === undefined) return value;
  return { ...value, [name]: current[name] };
}

/** The names in the `attributes` query parameter. */
function attributeNames(query: URLSearchParams): string[] {
  const text = query.get('attributes');
  return text === null ? [] : text.split(',').map((name) => name.trim());
}

function checked<T>(result: ValidationResult<T>, notes?: string[]): T {
  if (!result.ok) throw result.error;
  notes?.push(...result.warnings);
  return result.value;
}

/** What a handler's patch receives for a PATCH result and the validated resource it made. */
function changeOf(result: PatchResult, resource: Record<string, unknown>): ChangeSet {
  return {
    resource,
    changedAttributes: result.changedAttributes,
    members: result.members,
    normalizations: result.normalizations,
  };
}

/** A reply with the notes of what was adjusted, when there are any. */
function noted(reply: Reply, notes: readonly string[]): Reply {
  return notes.length === 0 ? reply : { ...reply, notes };
}

/**
 * The operations on one resource type's endpoint (RFC 7644 §3.3–3.6): validation, ETags,
 * PATCH and projection here; storage in the handler.
 */
export class ResourceEndpoint {
  readonly context: HandlerContext;
  private readonly location: string;
  /**
   * What a cursor is bound to: the endpoint's path (a tenant's included), not its host, so a
   * cursor one server process issued works on another behind the same name.
   */
  private readonly cursorScope: string;

  private readonly behaviour: Behaviour | undefined;
  /** The resource type has a member list (PATCH reports its changes as deltas). */
  private readonly hasMembers: boolean;
  private readonly writes = new KeyedLock();
  private readonly maxArrayLength: number;
  /** The resource type's password attribute (hashed unless the server was told not to). */
  private readonly passwordName: string | undefined;

  constructor(
    readonly definition: ResourceTypeDefinition,
    readonly handler: ResourceHandler,
    private readonly settings: EndpointSettings,
    behaviour?: ResourceTypeBehaviour,
  ) {
    this.context = {
      resourceType: definition.descriptor.name,
      ...(settings.actingUser !== undefined ? { actingUser: settings.actingUser } : {}),
    };
    this.location = `${settings.base}${definition.descriptor.endpoint}/`;
    this.cursorScope = new URL(this.location, 'http://base.invalid').pathname;
    this.hasMembers = memberListAttribute(definition.descriptor) !== undefined;
    this.maxArrayLength = settings.validation.limits?.maxArrayLength ?? DEFAULT_VALIDATION_LIMITS.maxArrayLength;
    this.passwordName = passwordAttribute(definition.descriptor)?.name;
    this.behaviour =
      behaviour === undefined ? undefined : new Behaviour(behaviour, definition.descriptor, handler, this.context);
  }

  /** The resource to write, its behaviour's allowed values and references checked (references completed). */
  private async checkedValues(value: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.behaviour === undefined ? value : this.behaviour.checkValues(value);
  }

  /** How this endpoint's references to other resource types find them. */
  resolveReferencesWith(resolver: ResolveReference): void {
    this.behaviour?.resolveReferencesWith(resolver);
  }

  /** A stored resource of this type, as a reference target: its location and display name. */
  async referenceTarget(id: string): Promise<ReferenceTarget | undefined> {
    await this.ready();
    const stored = await this.handler.get(id, this.context);
    if (stored === undefined) return undefined;
    const display = stored['displayName'] ?? stored['userName'];
    return {
      location: this.location + encodeURIComponent(stored.id),
      display: typeof display === 'string' ? display : undefined,
    };
  }

  /** Every operation first makes sure the initial resources exist (once). */
  private ready(): Promise<void> {
    return this.behaviour?.ensureInitial() ?? Promise.resolve();
  }

  get name(): string {
    return this.definition.descriptor.name;
  }

  /** The resource as the client sees it: meta.resourceType, meta.location and meta.version as an ETag. */
  present(stored: StoredResource): Record<string, unknown> {
    return {
      ...stored,
      meta: {
        resourceType: this.name,
        created: stored.meta.created,
        lastModified: stored.meta.lastModified,
        location: this.location + encodeURIComponent(stored.id),
        version: etagFromVersion(stored.meta.version),
      },
    };
  }

  private written(status: number, stored: StoredResource, operation: Operation): Reply {
    const etag = etagFromVersion(stored.meta.version);
    const headers: Record<string, string> = { etag };
    if (status === 201) headers['location'] = this.location + encodeURIComponent(stored.id);
    if (operation.minimal) return { status: status === 201 ? 201 : 204, headers };
    const body = projectResource(this.present(stored), this.definition.descriptor, projection(operation.query));
    return { status, body, headers };
  }

  private async current(id: string): Promise<StoredResource> {
    await this.ready();
    const stored = await this.handler.get(id, this.context);
    if (stored === undefined) throw notFound(`${this.name} ${JSON.stringify(id)}`);
    return stored;
  }

  async get(id: string, operation: Operation): Promise<Reply> {
    refuseHiddenInAttributes(this.definition.descriptor, attributeNames(operation.query));
    const stored = await this.current(id);
    const etag = etagFromVersion(stored.meta.version);
    if (isNotModified(operation.ifNoneMatch, etag)) return { status: 304, headers: { etag } };
    const body = projectResource(this.present(stored), this.definition.descriptor, projection(operation.query));
    return { status: 200, body, headers: { etag } };
  }

  async create(body: unknown, operation: Operation): Promise<Reply> {
    if (this.behaviour?.options.create === false) throw new MethodNotAllowed('POST', ['GET']);
    await this.ready();
    const notes: string[] = [];
    const input = withoutForeignSchemas(body, this.settings.profile, notes);
    const value = checked(this.definition.validate.create(input, this.settings.validation), notes) as Record<
      string,
      unknown
    >;
    checkRequiredText(value, this.definition.descriptor);
    await this.behaviour?.checkExclusive(undefined, memberValues(value));
    const checkedValue = await this.checkedValues(value);
    const stored = await this.handler.create(await this.withHashedPassword(checkedValue, undefined), this.context);
    return noted(this.written(201, stored, operation), notes);
  }

  replace(id: string, body: unknown, operation: Operation): Promise<Reply> {
    return this.serialized(id, operation, () => this.replaceOnce(id, body, operation));
  }

  private async replaceOnce(id: string, body: unknown, operation: Operation): Promise<Reply> {
    const current = await this.current(id);
    checkIfMatch(operation.ifMatch, etagFromVersion(current.meta.version));
    const notes: string[] = [];
    const value = checked(
      this.definition.validate.replace(withoutForeignSchemas(body, this.settings.profile, notes), {
        ...this.settings.validation,
        existing: current,
      }),
      notes,
    ) as Record<string, unknown>;
    checkRequiredText(value, this.definition.descriptor);
    this.behaviour?.checkActivation(current, value);
    const before = new Set(memberValues(current));
    await this.behaviour?.checkExclusive(
      id,
      memberValues(value).filter((v) => !before.has(v)),
    );
    const checkedValue = await this.checkedValues(value);
    const stored = await this.handler.replace(
      id,
      await this.withHashedPassword(keptPassword(checkedValue, current, this.passwordName), current),
      {
        ...this.context,
        expectedVersion: current.meta.version,
      },
    );
    if (stored === undefined) throw notFound(`${this.name} ${JSON.stringify(id)}`);
    return noted(this.written(200, stored, operation), notes);
  }

  patch(id: string, body: unknown, operation: Operation): Promise<Reply> {
    return this.serialized(id, operation, () => this.patchOnce(id, body, operation));
  }

  /**
   * A write to one resource: one at a time in this process; without If-Match, tried again when
   * another process wrote in between (the client asked for no precondition, so a 412 is no answer
   * it can act on). With If-Match the store's 412 stands.
   */
  private serialized(id: string, operation: Operation, write: () => Promise<Reply>): Promise<Reply> {
    const tryWrite = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await write();
        } catch (error) {
          if (operation.ifMatch !== undefined || !(error instanceof ScimError) || error.status !== 412) throw error;
          if (attempt >= WRITE_ATTEMPTS)
            throw new ScimError(503, `${this.name} ${id} is being changed by too many writers at once; try again`);
          await backOff(attempt);
        }
      }
    };
    return withinUnitOfWork() ? tryWrite() : this.writes.run(id, tryWrite);
  }

  private async patchOnce(id: string, body: unknown, operation: Operation): Promise<Reply> {
    const lean = await this.memberPatch(id, body, operation);
    if (lean !== undefined) return lean;
    const current = await this.current(id);
    checkIfMatch(operation.ifMatch, etagFromVersion(current.meta.version));
    const result = this.applyTo(current, body);
    const notes = [...result.normalizations];
    if (!result.changed) return noted(this.written(200, current, operation), notes);
    const value = this.patchResult(result.resource, current, notes);
    this.behaviour?.checkActivation(current, value);
    const before = new Set(memberValues(current));
    await this.behaviour?.checkExclusive(
      id,
      result.members !== undefined
        ? memberValues({ members: result.members.added })
        : memberValues(value).filter((v) => !before.has(v)),
    );
    const checkedValue = await this.checkedValues(value);
    const stored = await this.change(
      id,
      current,
      changeOf(result, await this.withHashedPassword(checkedValue, current)),
    );
    return noted(this.written(200, stored, operation), notes);
  }

  /**
   * The resource with its password hashed, when the request set one: a password that differs from
   * the stored one (which is a hash) came from this request.
   */
  private async withHashedPassword(
    value: Record<string, unknown>,
    current: StoredResource | undefined,
  ): Promise<Record<string, unknown>> {
    const name = this.passwordName;
    const cost = this.settings.passwordCost;
    if (name === undefined || cost === undefined) return value;
    const sent = value[name];
    if (typeof sent !== 'string' || sent === current?.[name]) return value;
    return { ...value, [name]: await hashPassword(sent, cost) };
  }

  private applyTo(current: StoredResource, body: unknown): PatchResult {
    return applyPatch(current, body, this.definition.descriptor, { profile: this.settings.profile ?? 'rfc' });
  }

  /**
   * The patched resource, validated. The limits bound what one request may carry; the patched
   * resource also holds what was stored before (a group's 100,000 members), and the request adding
   * to it is bounded by maxBodyBytes and the PATCH's own limits.
   */
  private patchResult(resource: Record<string, unknown>, current: StoredResource, notes: string[]) {
    const value = checked(
      this.definition.validate.patchResult(resource, {
        ...this.settings.validation,
        existing: current,
        limits: { ...this.settings.validation.limits, maxArrayLength: Infinity, maxValues: Infinity },
      }),
      notes,
    ) as Record<string, unknown>;
    checkArrayLengths(value, this.definition.descriptor, this.maxArrayLength);
    checkRequiredText(value, this.definition.descriptor);
    return value;
  }

  /**
   * A PATCH that only adds or removes members, answered 204 without reading the member list: the
   * group is read without it, the operations applied to that (the engine says whether their
   * outcome depends on the members already there), the members added validated, the deltas
   * written. Undefined when the PATCH is anything else, or the answer must carry the group: the
   * full path then answers, and words any error itself.
   */
  private async memberPatch(id: string, body: unknown, operation: Operation): Promise<Reply | undefined> {
    const { handler } = this;
    if (
      !this.hasMembers ||
      handler.getWithoutMembers === undefined ||
      handler.patch === undefined ||
      operation.query.has('attributes')
    )
      return undefined;
    if (!operation.minimal && this.settings.memberPatchResponse !== 'noContent') return undefined;
    await this.ready();
    const current = await handler.getWithoutMembers(id, this.context);
    if (current === undefined) throw notFound(`${this.name} ${JSON.stringify(id)}`);
    checkIfMatch(operation.ifMatch, etagFromVersion(current.meta.version));
    let result: PatchResult;
    try {
      result = this.applyTo(current, body);
    } catch {
      return undefined;
    }
    if (!result.membersOnly || result.members === undefined) return undefined;
    const notes = [...result.normalizations];
    const value = this.patchResult(result.resource, current, notes);
    await this.behaviour?.checkExclusive(id, memberValues({ members: result.members.added }));
    const stored = await this.change(id, current, changeOf(result, value));
    return noted({ status: 204, headers: { etag: etagFromVersion(stored.meta.version) } }, notes);
  }

  /**
   * Writes a change to a resource read at `current`: through the handler's patch when it has one,
   * else as a replace of the whole resource; 404 when it is gone meanwhile.
   */
  private async change(id: string, current: StoredResource, change: ChangeSet): Promise<StoredResource> {
    const context = { ...this.context, expectedVersion: current.meta.version };
    const stored =
      this.handler.patch !== undefined
        ? await this.handler.patch(id, change, context)
        : await this.handler.replace(id, change.resource, context);
    if (stored === undefined) throw notFound(`${this.name} ${JSON.stringify(id)}`);
    return stored;
  }

  async delete(id: string, operation: Operation): Promise<Reply> {
    const mode = this.behaviour?.options.delete ?? 'remove';
    if (mode === false) throw new MethodNotAllowed('DELETE', ['GET', 'PUT', 'PATCH']);
    if (mode === 'deactivate') return this.serialized(id, operation, () => this.deactivate(id, operation));
    await this.ready();
    if (operation.ifMatch !== undefined) {
      const current = await this.current(id);
      checkIfMatch(operation.ifMatch, etagFromVersion(current.meta.version));
    }
    const deleted = await this.handler.delete(id, this.context);
    if (!deleted) throw notFound(`${this.name} ${JSON.stringify(id)}`);
    return { status: 204 };
  }

  /** GET on the endpoint: the query string holds the list parameters. */
  list(operation: Operation): Promise<Reply> {
    return this.answer(parseQueryParameters(operation.query, this.settings.listLimits));
  }

  /** POST /.search: the body is a SearchRequest (RFC 7644 §3.4.3). */
  search(body: unknown): Promise<Reply> {
    return this.answer(parseSearchRequest(body, this.settings.listLimits));
  }

  /** DELETE as deactivation: `active` becomes false, the resource stays (and can still be read). */
  private async deactivate(id: string, operation: Operation): Promise<Reply> {
    const current = await this.current(id);
    checkIfMatch(operation.ifMatch, etagFromVersion(current.meta.version));
    if (current['active'] === false) return { status: 204 };
    const resource: Record<string, unknown> = { ...current, active: false };
    delete resource['id'];
    delete resource['meta'];
    await this.change(id, current, { resource, changedAttributes: ['active'], members: undefined, normalizations: [] });
    return { status: 204, notes: ['DELETE deactivated the resource (active: false) instead of removing it'] };
  }

  /** A page from the handler: the client's cursor checked and unsealed on the way in, the next one sealed. */
  async page(query: ListQuery): Promise<ListPage> {
    await this.ready();
    const { cursors } = this.settings;
    const { pagination } = query;
    refuseHiddenInQuery(this.definition.descriptor, query);
    const asked =
      pagination.kind === 'cursor' && pagination.cursor !== undefined
        ? { ...query, pagination: { ...pagination, cursor: cursors.open(this.cursorScope, pagination.cursor) } }
        : query;
    const page = await this.handler.list(asked, this.context);
    return page.nextCursor === undefined
      ? page
      : { ...page, nextCursor: cursors.seal(this.cursorScope, page.nextCursor) };
  }

  /** A page's resources as the client sees them. */
  shape(page: ListPage, query: ListQuery): Record<string, unknown>[] {
    const request = { attributes: query.attributes, excludedAttributes: query.excludedAttributes };
    return page.resources.map((r) =>
      projectResource(this.present(r as StoredResource), this.definition.descriptor, request),
    );
  }

  private async answer(query: ListQuery): Promise<Reply> {
    let page = await this.page(query);
    const value = this.behaviour?.lookupValue(query);
    if (value !== undefined && page.totalResults === 0) {
      // Created on first reference, through the same validation as a POST.
      const key = this.behaviour!.options.createOnLookup!.key;
      const resource = checked(
        this.definition.validate.create(
          { schemas: [this.definition.descriptor.schema.id], [key]: value },
          this.settings.validation,
        ),
      ) as Record<string, unknown>;
      await this.handler.create(resource, this.context);
      page = await this.page(query);
    }
    return listReply(this.shape(page, query), page.totalResults, page);
  }
}

/** A SearchRequest body: an object whose "schemas" names the SearchRequest URN. */
export function parseSearchRequest(body: unknown, limits: ListLimits): ListQuery {
  if (!isJsonObject(body)) throw badRequest('invalidSyntax', 'a search request must be a JSON object');
  const schemas = body['schemas'];
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SEARCH_REQUEST_URN.toLowerCase())
  )
    throw badRequest('invalidSyntax', `a search request's "schemas" must list ${SEARCH_REQUEST_URN}`);
  return parseListQuery(body, limits);
}
