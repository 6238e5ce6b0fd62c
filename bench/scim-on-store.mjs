// The acme server core over a SQL store, for the benchmarks that drive `handle` directly:
// no authentication (the peers check none either), `extra` options on top.
import { createScimServer } from '@scimgen/server';
import { resourceTypeDefinitions, schemaDocuments } from '@scimgen-examples/acme-models';

export function scimOnStore(store, extra = {}) {
  return createScimServer({
    baseUrl: 'http://127.0.0.1/scim/v2',
    schemas: schemaDocuments,
    resourceTypes: resourceTypeDefinitions.map((definition) => ({
      definition,
      handler: store.handler(definition.descriptor),
    })),
    auth: 'none',
    ...extra,
  });
}
