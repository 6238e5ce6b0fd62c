import {
  ScimError,
  findSubAttribute,
  parseFilter,
  type ListQuery,
  type ResourceTypeDescriptor,
} from '@scimgen/runtime';
import type { HandlerContext, ResourceHandler } from './handler.js';
import { ValueChecks, type AllowedValuesFile, type ResolveReference } from './value-checks.js';

/**
 * What a service provider does differently from plain RFC 7644 for one resource type: the
 * behaviours the seeds' systems have, each a choice.
 */
export interface ResourceTypeBehaviour {
  /** false: the IdP cannot create these (POST answers 405): Snapdocs' groups exist already. */
  readonly create?: boolean;
  /**
   * 'remove' (the default) deletes; 'deactivate' sets `active` to false and keeps the resource
   * (Skovik archives users); false refuses DELETE with 405 (Snipe-IT).
   */
  readonly delete?: 'remove' | 'deactivate' | false;
  /** true: a resource whose `active` became false can never be made active again (400 mutability). */
  readonly permanentDeactivation?: boolean;
  /**
   * Resources that exist before any request, created on the first request to this resource type
   * unless one with the same `key` value is stored already (Snapdocs: "upon the first call to the
   * Groups resource, they will be created for you").
   */
  readonly initial?: { readonly key: string; readonly resources: readonly Record<string, unknown>[] };
  /** true: a member belongs to at most one resource of this type (Snapdocs: a user is in one group); else 409. */
  readonly exclusiveMembers?: boolean;
  /**
   * Created on first reference: a list filtered by `<key> eq "value"` that finds nothing creates
   * the resource with that value and answers with it (Snapdocs creates groups "upon the first
   * call"; an IdP looks a group up by displayName before it pushes members).
   */
  readonly createOnLookup?: { readonly key: string };
  /**
   * Attributes whose value must be one of those in a JSON file (Skovik: the enterprise `division`
   * must be a branch's `external_identifier`): `{ 'urn:…:User:division': { file:
   * 'data/branches.json', field: 'external_identifier' } }`; another value is 400 invalidValue.
   */
  readonly allowedValues?: Readonly<Record<string, AllowedValuesFile>>;
  /**
   * Attributes naming another resource of this server by id (`{ 'urn:…:User:manager': 'User' }`):
   * an id that is not there is 400 invalidValue; `$ref` and the display name are filled in.
   */
  readonly references?: Readonly<Record<string, string>>;
}

/** How many member values one membership lookup asks about. */
const LOOKUP_CHUNK = 50;

/** The checks and effects of a behaviour, applied by the endpoint around its handler. */
export class Behaviour {
  private seeded: Promise<void> | undefined;
  private readonly values: ValueChecks | undefined;
  private resolver: ResolveReference | undefined;

  constructor(
    readonly options: ResourceTypeBehaviour,
    private readonly descriptor: ResourceTypeDescriptor,
    private readonly handler: ResourceHandler,
    private readonly context: HandlerContext,
  ) {
    const active = descriptor.schema.attributes.find((a) => a.name === 'active' && a.type === 'boolean');
    if ((options.delete === 'deactivate' || options.permanentDeactivation === true) && active === undefined)
      throw new Error(`${descriptor.name} has no boolean "active" attribute to deactivate`);
    this.values =
      options.allowedValues === undefined && options.references === undefined
        ? undefined
        : new ValueChecks(descriptor, options.allowedValues ?? {}, options.references ?? {}, () => this.resolver);
    if (options.exclusiveMembers === true) {
      const members = descriptor.schema.attributes.find((a) => a.name === 'members');
      if (members === undefined || findSubAttribute(members, 'value') === undefined)
        throw new Error(`${descriptor.name} has no "members" attribute with a "value"`);
    }
  }

  /** Creates the initial resources once per process, those not stored yet (found by their key). */
  ensureInitial(): Promise<void> {
    const initial = this.options.initial;
    if (initial === undefined) return Promise.resolve();
    this.seeded ??= (async () => {
      for (const resource of initial.resources) {
        const value = resource[initial.key];
        const page = await this.handler.list(
          {
            filter: parseFilter(`${initial.key} eq ${JSON.stringify(value)}`),
            sortBy: undefined,
            sortOrder: 'ascending',
            pagination: { kind: 'index', startIndex: 1, count: 1 },
            attributes: [],
            excludedAttributes: [],
          },
          this.context,
        );
        if (page.totalResults === 0) await this.handler.create(resource, this.context);
      }
    })().catch((error: unknown) => {
      // A failed seeding is tried again by the next request.
      this.seeded = undefined;
      throw error;
    });
    return this.seeded;
  }

  /**
   * The value a list looks up by the createOnLookup key (`displayName eq "Sales"`), when the
   * filter is exactly that; undefined otherwise.
   */
  lookupValue(query: ListQuery): string | undefined {
    const key = this.options.createOnLookup?.key;
    const filter = query.filter;
    if (key === undefined || filter === undefined || filter.kind !== 'compare' || filter.op !== 'eq') return undefined;
    if (typeof filter.value !== 'string' || filter.path.uri !== undefined || filter.path.segments.length !== 1)
      return undefined;
    return filter.path.segments[0]!.toLowerCase() === key.toLowerCase() ? filter.value : undefined;
  }

  /** How references to other resources of the server are looked up (set once the server has them all). */
  resolveReferencesWith(resolver: ResolveReference): void {
    this.resolver = resolver;
  }

  /** The resource as it is written, its allowed values and references checked (and references completed). */
  checkValues(resource: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.values === undefined ? Promise.resolve(resource) : this.values.check(resource);
  }

  /** 400 mutability when a deactivated resource would become active again. */
  checkActivation(
    current: Readonly<Record<string, unknown>> | undefined,
    next: Readonly<Record<string, unknown>>,
  ): void {
    if (this.options.permanentDeactivation === true && current?.['active'] === false && next['active'] === true)
      throw new ScimError(
        400,
        `this ${this.descriptor.name} was deactivated, which is permanent here; it cannot be made active again`,
        'mutability',
      );
  }

  /** 409 uniqueness when a member being added belongs to another resource of this type already. */
  async checkExclusive(selfId: string | undefined, added: readonly string[]): Promise<void> {
    if (this.options.exclusiveMembers !== true || added.length === 0) return;
    for (let i = 0; i < added.length; i += LOOKUP_CHUNK) {
      const values = added.slice(i, i + LOOKUP_CHUNK);
      const filter = `members[${values.map((v) => `value eq ${JSON.stringify(v)}`).join(' or ')}]`;
      const page = await this.handler.list(
        {
          filter: parseFilter(filter, { maxLength: Infinity, maxDepth: 32, maxTerms: Infinity }),
          sortBy: undefined,
          sortOrder: 'ascending',
          pagination: { kind: 'index', startIndex: 1, count: 2 },
          attributes: [],
          excludedAttributes: [],
        },
        this.context,
      );
      const other = page.resources.find((r) => r.id !== selfId);
      if (other !== undefined) {
        const members = (other as Record<string, unknown>)['members'];
        const taken = Array.isArray(members)
          ? values.find((v) => members.some((m) => (m as Record<string, unknown>)?.['value'] === v))
          : undefined;
        throw new ScimError(
          409,
          `${taken === undefined ? 'a member' : JSON.stringify(taken)} already belongs to ${this.descriptor.name} ${JSON.stringify(other.id)}; a member can belong to one only`,
          'uniqueness',
        );
      }
    }
  }
}

/** The member values of a resource (a create or replace body). */
export function memberValues(resource: Readonly<Record<string, unknown>>): string[] {
  const members = resource['members'];
  if (!Array.isArray(members)) return [];
  return members.flatMap((m) =>
    m !== null && typeof m === 'object' && typeof (m as Record<string, unknown>)['value'] === 'string'
      ? [(m as Record<string, unknown>)['value'] as string]
      : [],
  );
}
