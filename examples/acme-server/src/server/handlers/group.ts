import {
  MemoryResourceHandler,
  type HandlerContext,
  type ListPage,
  type ResourceHandler,
  type Stored,
} from '@scimgen/server';
import type { ListQuery } from '@scimgen/runtime';
import { groupResourceType } from '../../descriptors/index.js';
import type { Group, GroupCreateRequest, GroupReplaceRequest } from '../../models/index.js';

/**
 * Storage for Group resources (/Groups). Scaffolded by scimgen and yours to edit: later
 * runs never overwrite this file; they only add a method the server needs and this class lacks.
 * The types are the generated views, so a schema change that your code does not handle (a new
 * required attribute, a renamed one) shows up here as a compile error.
 *
 * The server validates every input against the schemas (canonical names, readOnly values dropped,
 * immutables checked) before calling these methods. Report conflicts by throwing ScimError from
 * @scimgen/runtime: 409 "uniqueness", or 412 when `context.expectedVersion` is not the stored
 * version. Every method may also take the call's HandlerContext (resource type, expected
 * version) as its last argument. Until your application's storage is connected here, resources
 * are kept in memory.
 */
export class GroupHandler implements ResourceHandler<
  Group,
  GroupCreateRequest,
  GroupReplaceRequest
> {
  private readonly memory = new MemoryResourceHandler<
    Group,
    GroupCreateRequest,
    GroupReplaceRequest
  >(groupResourceType);

  /** Stores a new resource and returns it with its id and meta. */
  create(resource: GroupCreateRequest): Stored<Group> | Promise<Stored<Group>> {
    return this.memory.create(resource);
  }

  /** The stored resource, or undefined (answered 404). */
  get(id: string): Stored<Group> | undefined | Promise<Stored<Group> | undefined> {
    return this.memory.get(id);
  }

  /** Replaces the whole resource (PUT, and PATCH results); undefined when there is no such resource. */
  replace(
    id: string,
    resource: GroupReplaceRequest,
    context: HandlerContext,
  ): Stored<Group> | undefined | Promise<Stored<Group> | undefined> {
    return this.memory.replace(id, resource, context);
  }

  /** Deletes the resource; false when there is no such resource. */
  delete(id: string): boolean | Promise<boolean> {
    return this.memory.delete(id);
  }

  /** Filter, sort and page: `query.filter` is the parsed filter, to turn into your storage's query. */
  list(query: ListQuery): ListPage<Group> | Promise<ListPage<Group>> {
    return this.memory.list(query);
  }
}
