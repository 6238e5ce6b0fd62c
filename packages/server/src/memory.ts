import { randomUUID } from 'node:crypto';
import {
  foldCase,
  groupsAttribute,
  membersMayBe,
  memberListAttribute,
  resolvePath,
  ScimError,
  type AttributeDescriptor,
  type ListQuery,
  type ResourceTypeDescriptor,
} from '@scimgen/runtime';
import type { HandlerContext, ListPage, ResourceHandler, Stored, StoredResource } from './handler.js';
import { listInMemory } from './list-page.js';

export interface MemoryHandlerOptions {
  readonly newId?: () => string;
  readonly now?: () => Date;
  readonly cursorTimeoutMs?: number;
  /** Handlers that see each other's resources: a User's `groups` come from the Groups' members. */
  readonly space?: MemorySpace;
}

/**
 * The memory handlers of one server: each created with `{ space }` joins it, and a resource
 * type's computed `groups` (RFC 7643 §4.1.2) are read from the member lists of the others.
 */
export class MemorySpace {
  readonly handlers: MemoryResourceHandler[] = [];
}

/** One `groups` value: the group, its display name, and "direct" (membership through nested groups is not followed). */
type GroupValue = { readonly value: string; readonly display?: string; readonly type: 'direct' };

/** A top-level string attribute whose values must be unique (userName, displayName of a Group…). */
interface UniqueIndex {
  readonly attribute: AttributeDescriptor;
  readonly ids: Map<string, string>;
}

let versions = 0;

/**
 * The reference handler: resources in a Map, uniqueness enforced, every list query answered by
 * the runtime's listResources. `userName eq "…"` (and any eq on a unique attribute) is answered
 * from the uniqueness index, as a database would from its own. Typed by the views it stores
 * (`new MemoryResourceHandler<User, UserCreateRequest, UserReplaceRequest>(userResourceType)`);
 * inside, resources are plain JSON objects.
 */
export class MemoryResourceHandler<
  Resource = Record<string, unknown>,
  Create = Record<string, unknown>,
  Replace = Record<string, unknown>,
> implements ResourceHandler<Resource, Create, Replace> {
  private readonly resources = new Map<string, StoredResource>();
  private readonly unique: readonly UniqueIndex[];
  private readonly newId: () => string;
  private readonly now: () => Date;
  /** The computed `groups` attribute, when this type has one and a space to compute it from. */
  private readonly groups: AttributeDescriptor | undefined;

  constructor(
    readonly descriptor: ResourceTypeDescriptor,
    private readonly options: MemoryHandlerOptions = {},
  ) {
    this.newId = options.newId ?? randomUUID;
    this.now = options.now ?? (() => new Date());
    options.space?.handlers.push(this as MemoryResourceHandler);
    this.groups = options.space === undefined ? undefined : groupsAttribute(descriptor);
    this.unique = descriptor.schema.attributes
      .filter((a) => a.uniqueness !== 'none' && !a.multiValued && a.type === 'string')
      .map((attribute) => ({ attribute, ids: new Map() }));
  }

  get size(): number {
    return this.resources.size;
  }

  private key(index: UniqueIndex, value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    return index.attribute.caseExact ? value : foldCase(value);
  }

  /** 409 uniqueness when another resource holds one of this resource's unique values. */
  private checkUnique(resource: Record<string, unknown>, self: string | undefined): void {
    for (const index of this.unique) {
      const key = this.key(index, resource[index.attribute.name]);
      if (key === undefined) continue;
      const holder = index.ids.get(key);
      if (holder !== undefined && holder !== self)
        throw new ScimError(
          409,
          `${index.attribute.name} ${JSON.stringify(resource[index.attribute.name])} is already taken`,
          'uniqueness',
        );
    }
  }

  private index(resource: StoredResource, add: boolean): void {
    for (const index of this.unique) {
      const key = this.key(index, resource[index.attribute.name]);
      if (key === undefined) continue;
      if (add) index.ids.set(key, resource.id);
      else if (index.ids.get(key) === resource.id) index.ids.delete(key);
    }
  }

  private store(id: string, resource: Record<string, unknown>, created: string | undefined): StoredResource {
    const now = this.now().toISOString();
    // "schemas" and id first, meta last, as RFC 7643 shows resources; a stored id or meta never survives.
    const stored: Record<string, unknown> = { schemas: resource['schemas'], id };
    for (const key of Object.keys(resource))
      if (key !== 'id' && key !== 'meta' && key !== 'schemas' && key !== this.groups?.name) stored[key] = resource[key];
    stored['meta'] = { created: created ?? now, lastModified: now, version: String(++versions) };
    const resourceStored = stored as StoredResource;
    this.resources.set(id, resourceStored);
    this.index(resourceStored, true);
    return resourceStored;
  }

  create(resource: Create): Stored<Resource> {
    const json = resource as Record<string, unknown>;
    this.checkUnique(json, undefined);
    let id = this.newId();
    while (this.resources.has(id)) id = this.newId();
    return this.store(id, json, undefined) as Stored<Resource>;
  }

  get(id: string): Stored<Resource> | undefined {
    const found = this.resources.get(id);
    return (found === undefined ? undefined : this.withGroups([found])[0]) as Stored<Resource> | undefined;
  }

  /**
   * The resources with their `groups` as membership has them now, by group id; one pass over the
   * member lists of the space for the whole list.
   */
  private withGroups(resources: readonly StoredResource[]): StoredResource[] {
    const attribute = this.groups;
    if (attribute === undefined || resources.length === 0) return [...resources];
    const wanted = new Set(resources.map((r) => r.id));
    const byMember = new Map<string, GroupValue[]>();
    for (const source of this.options.space!.handlers) {
      const members = memberListAttribute(source.descriptor);
      if (members === undefined || !membersMayBe(source.descriptor, this.descriptor.name)) continue;
      for (const group of source.resources.values()) {
        const list = group[members.name];
        if (!Array.isArray(list)) continue;
        const display = group['displayName'];
        for (const member of list as { value?: unknown }[]) {
          if (typeof member?.value !== 'string' || !wanted.has(member.value)) continue;
          const value: GroupValue = {
            value: group.id,
            ...(typeof display === 'string' ? { display } : {}),
            type: 'direct',
          };
          const values = byMember.get(member.value);
          if (values === undefined) byMember.set(member.value, [value]);
          else values.push(value);
        }
      }
    }
    return resources.map((r) => {
      const values = byMember.get(r.id);
      if (values === undefined) return r;
      const { meta, ...rest } = r;
      return { ...rest, [attribute.name]: values.sort((a, b) => (a.value < b.value ? -1 : 1)), meta } as StoredResource;
    });
  }

  replace(id: string, resource: Replace, context: HandlerContext): Stored<Resource> | undefined {
    const json = resource as Record<string, unknown>;
    const current = this.resources.get(id);
    if (current === undefined) return undefined;
    if (context.expectedVersion !== undefined && current.meta.version !== context.expectedVersion)
      throw new ScimError(412, `${context.resourceType} ${id} changed while this request was answered`);
    this.checkUnique(json, id);
    this.index(current, false);
    return this.withGroups([this.store(id, json, current.meta.created)])[0] as Stored<Resource>;
  }

  delete(id: string): boolean {
    const current = this.resources.get(id);
    if (current === undefined) return false;
    this.index(current, false);
    this.resources.delete(id);
    this.leaveGroups(id);
    return true;
  }

  /** A deleted resource is no longer a member of any group of the space; those groups get a new version. */
  private leaveGroups(id: string): void {
    for (const source of this.options.space?.handlers ?? []) {
      const members = memberListAttribute(source.descriptor);
      if (members === undefined) continue;
      for (const group of source.resources.values()) {
        const list = group[members.name];
        if (!Array.isArray(list) || !list.some((m: { value?: unknown }) => m?.value === id)) continue;
        const kept = list.filter((m: { value?: unknown }) => m?.value !== id);
        const rest: Record<string, unknown> = { ...group };
        if (kept.length > 0) rest[members.name] = kept;
        else delete rest[members.name];
        source.store(group.id, rest, group.meta.created);
      }
    }
  }

  list(query: ListQuery): ListPage<Resource> {
    const found = this.lookup(query);
    // The index answers the filter exactly; cursors keep it, as it is part of what they identify.
    const answered = found !== undefined && query.pagination.kind === 'index' ? { ...query, filter: undefined } : query;
    const candidates = this.withGroups(found ?? [...this.resources.values()]);
    return listInMemory(candidates, this.descriptor, answered, this.options.cursorTimeoutMs);
  }

  /**
   * The resources an `eq` on a unique attribute matches, from the index (folded as the attribute's
   * caseExact says, as the filter compares); undefined when the filter is anything else.
   */
  private lookup(query: ListQuery): StoredResource[] | undefined {
    const filter = query.filter;
    if (filter === undefined || filter.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string')
      return undefined;
    const resolved = resolvePath(this.descriptor, filter.path, 'invalidFilter');
    if (resolved.extension !== undefined || resolved.subAttribute !== undefined) return undefined;
    const index = this.unique.find((u) => u.attribute === resolved.attribute);
    if (index === undefined) return undefined;
    const id = index.ids.get(this.key(index, filter.value)!);
    const found = id === undefined ? undefined : this.resources.get(id);
    return found === undefined ? [] : [found];
  }
}
