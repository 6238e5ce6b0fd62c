import { DEFAULT_LIST_LIMITS, type SchemaDocument } from '@scimgen/runtime';
import type { ScimServerOptions } from './options.js';

const SPC_URN = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_URN = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_BULK_MAX_OPERATIONS = 1000;
export const DEFAULT_CURSOR_TIMEOUT_MS = 10 * 60_000;

/** The discovery documents (RFC 7644 §4), built once from the definitions and the options. */
export interface Discovery {
  readonly serviceProviderConfig: Record<string, unknown>;
  readonly schemas: readonly Record<string, unknown>[];
  readonly schemasById: ReadonlyMap<string, Record<string, unknown>>;
  readonly resourceTypes: readonly Record<string, unknown>[];
  readonly resourceTypesById: ReadonlyMap<string, Record<string, unknown>>;
}

/**
 * Everything here is derived from what the server really does: a feature the options turn off is
 * reported as unsupported, and the limits are the ones the server enforces.
 */
export function buildDiscovery(options: ScimServerOptions, base: string): Discovery {
  const limits = { ...DEFAULT_LIST_LIMITS, ...options.list };
  const bulk = options.bulk;
  const serviceProviderConfig = {
    schemas: [SPC_URN],
    ...(options.documentationUri !== undefined ? { documentationUri: options.documentationUri } : {}),
    patch: { supported: true },
    bulk:
      bulk === false
        ? { supported: false, maxOperations: 0, maxPayloadSize: 0 }
        : {
            supported: true,
            maxOperations: bulk?.maxOperations ?? DEFAULT_BULK_MAX_OPERATIONS,
            maxPayloadSize: bulk?.maxPayloadSize ?? DEFAULT_MAX_BODY_BYTES,
          },
    filter: { supported: true, maxResults: limits.maxCount },
    changePassword: { supported: options.changePassword ?? false },
    sort: { supported: true },
    etag: { supported: true },
    ...(options.advertisePagination === true
      ? {
          // RFC 9865 §4.
          pagination: {
            cursor: true,
            index: true,
            defaultPaginationMethod: 'index',
            defaultPageSize: limits.defaultCount,
            maxPageSize: limits.maxCount,
            cursorTimeout: Math.floor((options.list?.cursorTimeoutMs ?? DEFAULT_CURSOR_TIMEOUT_MS) / 1000),
          },
        }
      : {}),
    authenticationSchemes: options.authenticationSchemes ?? [],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${base}/ServiceProviderConfig`,
    },
  };
  const schemas = schemaDocuments(options.schemas).map((schema) => ({
    schemas: [SCHEMA_URN],
    ...schema,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  }));
  const resourceTypes = options.resourceTypes.map(({ definition }) => {
    const { descriptor } = definition;
    return {
      schemas: [RESOURCE_TYPE_URN],
      id: definition.id,
      name: descriptor.name,
      description: definition.description,
      endpoint: descriptor.endpoint,
      schema: descriptor.schema.id,
      schemaExtensions: descriptor.extensions.map((e) => ({ schema: e.schema.id, required: e.required })),
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${encodeURIComponent(definition.id)}` },
    };
  });
  return {
    serviceProviderConfig,
    schemas,
    schemasById: new Map(schemas.map((s) => [s.id.toLowerCase(), s])),
    resourceTypes,
    resourceTypesById: new Map(resourceTypes.map((r) => [r.id.toLowerCase(), r])),
  };
}

/** Each schema once (the first of a repeated id), in the order given. */
function schemaDocuments(documents: readonly SchemaDocument[]): SchemaDocument[] {
  const byId = new Map<string, SchemaDocument>();
  for (const document of documents) if (!byId.has(document.id)) byId.set(document.id, document);
  return [...byId.values()];
}
