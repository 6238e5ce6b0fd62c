import { groupResourceType, resourceTypeDefinitions, userResourceType } from '../../examples/acme-models/src/index.js';
import type { ScimServerOptions } from '../../packages/server/src/index.js';
import type { SqlStore } from '../../packages/stores/src/index.js';
import { start, type Running } from '../server/app.js';
import type { Backend } from './backends.js';

/** The acme resource types a store suite keeps. */
export const ACME_DESCRIPTORS = [userResourceType, groupResourceType];

/**
 * The acme server over HTTP (node:http) with its resources in the backend's database, a /Bulk
 * request in one transaction as generated servers have it; `overrides` change any option.
 */
export async function serveOnStore(
  backend: Backend,
  overrides: Partial<ScimServerOptions> = {},
): Promise<Running & { store: SqlStore }> {
  const store = await backend.open(ACME_DESCRIPTORS);
  const running = await start('node:http', {
    resourceTypes: resourceTypeDefinitions.map((definition) => ({
      definition,
      handler: store.handler(definition.descriptor),
    })),
    transaction: (work) => store.transaction(work, { optimistic: true }),
    ...overrides,
  });
  return { ...running, store };
}
