// Type tests for @scimgen/server's typed handlers over a generated package (compiled by types.test.ts).
import {
  bind,
  MemoryResourceHandler,
  type ListPage,
  type ResourceHandler,
  type Stored,
} from '../../packages/server/src/index.js';
import {
  groupDefinition,
  groupResourceType,
  userDefinition,
  userResourceType,
  type Group,
  type GroupCreateRequest,
  type GroupReplaceRequest,
  type User,
  type UserCreateRequest,
  type UserReplaceRequest,
} from '../../examples/acme-models/src/index.js';

const users = new MemoryResourceHandler<User, UserCreateRequest, UserReplaceRequest>(userResourceType);
const groups = new MemoryResourceHandler<Group, GroupCreateRequest, GroupReplaceRequest>(groupResourceType);

// Each handler binds to its own resource type.
export const bindings = [bind(userDefinition, users), bind(groupDefinition, groups)];

// @ts-expect-error a Group handler cannot serve User resources
bind(userDefinition, groups);

// What a handler receives and returns is typed by the views.
export const handler: ResourceHandler<User, UserCreateRequest, UserReplaceRequest> = {
  create(resource) {
    const userName: string = resource.userName;
    // @ts-expect-error readOnly attributes are not in a create request
    void resource.groups;
    return users.create({ ...resource, userName: userName.toLowerCase() });
  },
  get: (id) => users.get(id),
  replace: (id, resource, context) => users.replace(id, resource, context),
  delete: (id) => users.delete(id),
  list(query): ListPage<User> {
    return users.list(query);
  },
};

export function lastModified(user: Stored<User>): string {
  return user.meta.lastModified;
}

// @ts-expect-error a stored resource has an id and meta
export const notStored: Stored<User> = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x' };
