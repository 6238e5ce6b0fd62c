import { randomUUID } from 'node:crypto';
import {
  foldCase,
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
}

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

  constructor(
    readonly descriptor: ResourceTypeDescriptor,
    private readonly options: MemoryHandlerOptions = {},
  ) {
    this.newId = options.newId ?? randomUUID;
    this.now = options.now ?? (() => new Date());
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
      if (key !== 'id' && key !== 'meta' && key !== 'schemas') stored[key] = resource[key];
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
    return this.resources.get(id) as Stored<Resource> | undefined;
  }

  replace(id: string, resource: Replace, context: HandlerContext): Stored<Resource> | undefined {
    const json = resource as Record<string, unknown>;
    const current = this.resources.get(id);
    if (current === undefined) return undefined;
    if (context.expectedVersion !== undefined && current.meta.version !== context.expectedVersion)
      throw new ScimError(412, `${context.resourceType} ${id} changed while this request was answered`);
    this.checkUnique(json, id);
    this.index(current, false);
    return this.store(id, json, current.meta.created) as Stored<Resource>;
  }

  delete(id: string): boolean {
    const current = this.resources.get(id);
    if (current === undefined) return false;
    this.index(current, false);
    return this.resources.delete(id);
  }

  list(query: ListQuery): ListPage<Resource> {
    const found = this.lookup(query);
    // The index answers the filter exactly; cursors keep it, as it is part of what they identify.
    const answered = found !== undefined && query.pagination.kind === 'index' ? { ...query, filter: undefined } : query;
    return listInMemory(found ?? [...this.resources.values()], this.descriptor, answered, this.options.cursorTimeoutMs);
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
