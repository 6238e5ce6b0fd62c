import { listResources, type ListQuery, type ResourceTypeDescriptor } from '@scimgen/runtime';
import type { ListPage, Stored, StoredResource } from './handler.js';

/**
 * A page of stored resources answered in memory by the runtime's listResources (filter, sort,
 * both paginations), as a handler returns it: unprojected, since the server projects after adding
 * meta.location. For handlers that hold the candidates already (the memory handler, a store
 * sorting what SQL cannot).
 */
export function listInMemory<Resource>(
  resources: readonly StoredResource[],
  descriptor: ResourceTypeDescriptor,
  query: ListQuery,
  cursorTimeoutMs?: number,
): ListPage<Resource> {
  const response = listResources(resources, descriptor, query, {
    project: false,
    ...(cursorTimeoutMs !== undefined ? { cursorTimeoutMs } : {}),
  });
  return {
    totalResults: response.totalResults,
    // listResources returns the stored objects themselves (project: false).
    resources: response.Resources as unknown as readonly Stored<Resource>[],
    ...(response.startIndex !== undefined ? { startIndex: response.startIndex } : {}),
    ...(response.nextCursor !== undefined ? { nextCursor: response.nextCursor } : {}),
  };
}
