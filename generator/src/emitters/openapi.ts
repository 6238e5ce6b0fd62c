import type { IrAttribute, IrDocument, IrResourceType, ViewName } from '../ir/types.js';
import { viewNodes, type ViewNode } from '../ir/views.js';
import type { FileSpec } from './file-spec.js';
import type { ServerScaffoldOptions } from './server-options.js';

type JsonSchema = Record<string, unknown>;

const SCIM_JSON = 'application/scim+json';
const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SEARCH_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const BULK_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) of one attribute's value in a view. */
function attributeSchema(node: ViewNode<IrAttribute>, view: ViewName): JsonSchema {
  const a = node.attribute;
  const element = elementSchema(node, view);
  const schema: JsonSchema = a.multiValued ? { type: 'array', items: element } : element;
  if (a.description.trim() !== '') schema['description'] = a.description.trim();
  if (a.mutability === 'readOnly') schema['readOnly'] = true;
  if (a.mutability === 'writeOnly' || a.returned === 'never') schema['writeOnly'] = true;
  return schema;
}

function elementSchema(node: ViewNode<IrAttribute>, view: ViewName): JsonSchema {
  const a = node.attribute;
  switch (a.type) {
    case 'complex':
      return objectSchema(node.children, view);
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer' };
    case 'decimal':
      return { type: 'number' };
    case 'dateTime':
      return { type: 'string', format: 'date-time' };
    case 'binary':
      return { type: 'string', contentEncoding: 'base64' };
    case 'reference':
      return {
        type: 'string',
        ...(a.referenceTypes.every((t) => t === 'external' || t === 'uri') ? { format: 'uri-reference' } : {}),
      };
    default:
      // Canonical values are advice (RFC 7643 §7), so they are examples, not an enum.
      return a.canonicalValues.length > 0 ? { type: 'string', examples: [...a.canonicalValues] } : { type: 'string' };
  }
}

/**
 * An object of attributes. A name such as "$ref" (members.$ref, manager.$ref) is a legal property
 * name, but tools that resolve references by looking for any "$ref" key take it for one; such
 * names are matched by an exact pattern instead, which means the same and confuses nobody.
 */
function objectSchema(nodes: readonly ViewNode<IrAttribute>[], view: ViewName): JsonSchema {
  const required = nodes.filter((n) => !n.optional).map((n) => n.attribute.name);
  const plain = nodes.filter((n) => !n.attribute.name.startsWith('$'));
  const dollar = nodes.filter((n) => n.attribute.name.startsWith('$'));
  return {
    type: 'object',
    properties: Object.fromEntries(plain.map((n) => [n.attribute.name, attributeSchema(n, view)])),
    ...(dollar.length > 0
      ? {
          patternProperties: Object.fromEntries(
            dollar.map((n) => [
              `^${n.attribute.name.replace(/[$^.*+?()[\]{}|\\/-]/g, '\\$&')}$`,
              attributeSchema(n, view),
            ]),
          ),
        }
      : {}),
    ...(required.length > 0 ? { required } : {}),
  };
}

/** A resource type in one view: "schemas", the common attributes, the core schema and each extension by URN. */
function resourceSchema(ir: IrDocument, rt: IrResourceType, view: ViewName): JsonSchema {
  const core = ir.schemas.find((s) => s.id === rt.schema)!;
  const urns = [core.id, ...rt.schemaExtensions.map((e) => e.schema)];
  const nodes = [...viewNodes(rt.commonAttributes, view), ...viewNodes(core.attributes, view)];
  const schema = objectSchema(nodes, view);
  const properties = schema['properties'] as Record<string, unknown>;
  const required = (schema['required'] as string[] | undefined) ?? [];
  const ordered: Record<string, unknown> = {
    schemas: {
      type: 'array',
      items: { type: 'string', enum: urns },
      description: 'The core schema URN and the URN of each extension present.',
    },
    ...properties,
  };
  if (view === 'replaceRequest' && ordered['id'] === undefined)
    ordered['id'] = { type: 'string', description: 'The id of the resource, when repeated in a PUT body.' };
  for (const extension of rt.schemaExtensions) {
    const schemaIr = ir.schemas.find((s) => s.id === extension.schema)!;
    ordered[schemaIr.id] = {
      ...objectSchema(viewNodes(schemaIr.attributes, view), view),
      description: `${schemaIr.name} extension (${schemaIr.id})`,
    };
    if (extension.required) required.push(schemaIr.id);
  }
  return {
    type: 'object',
    description: rt.description,
    properties: ordered,
    required: ['schemas', ...required],
  };
}

function errorResponses(...statuses: number[]): Record<string, unknown> {
  return Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/Error` }]));
}

function json(schemaRef: string, description: string, headers?: Record<string, unknown>): Record<string, unknown> {
  return {
    description,
    ...(headers !== undefined ? { headers } : {}),
    content: { [SCIM_JSON]: { schema: { $ref: `#/components/schemas/${schemaRef}` } } },
  };
}

const ETAG_HEADER = {
  ETag: { description: 'The resource version (weak entity tag, RFC 7644 §3.14)', schema: { type: 'string' } },
};
const LIST_PARAMETERS = [
  'filter',
  'sortBy',
  'sortOrder',
  'startIndex',
  'count',
  'cursor',
  'attributes',
  'excludedAttributes',
].map((name) => ({ $ref: `#/components/parameters/${name}` }));
const PROJECTION = ['attributes', 'excludedAttributes'].map((name) => ({ $ref: `#/components/parameters/${name}` }));

function resourcePaths(rt: IrResourceType): Record<string, unknown> {
  const name = rt.identifier;
  const endpoint = rt.endpoint.startsWith('/') ? rt.endpoint : `/${rt.endpoint}`;
  const tags = [rt.name];
  const body = (schema: string) => ({
    required: true,
    content: {
      [SCIM_JSON]: { schema: { $ref: `#/components/schemas/${schema}` } },
      'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
    },
  });
  return {
    [endpoint]: {
      get: {
        operationId: `list${name}`,
        tags,
        summary: `List or filter ${rt.name} resources (RFC 7644 §3.4.2)`,
        parameters: LIST_PARAMETERS,
        responses: { '200': json(`${name}ListResponse`, 'A page of resources'), ...errorResponses(400, 401) },
      },
      post: {
        operationId: `create${name}`,
        tags,
        summary: `Create a ${rt.name} (RFC 7644 §3.3)`,
        parameters: PROJECTION,
        requestBody: body(`${name}CreateRequest`),
        responses: {
          '201': json(name, 'Created', {
            ...ETAG_HEADER,
            Location: { description: 'The URL of the new resource', schema: { type: 'string', format: 'uri' } },
          }),
          ...errorResponses(400, 401, 409, 413, 415),
        },
      },
    },
    [`${endpoint}/.search`]: {
      post: {
        operationId: `search${name}`,
        tags,
        summary: `Search ${rt.name} resources with a SearchRequest (RFC 7644 §3.4.3)`,
        requestBody: body('SearchRequest'),
        responses: { '200': json(`${name}ListResponse`, 'A page of resources'), ...errorResponses(400, 401) },
      },
    },
    [`${endpoint}/{id}`]: {
      parameters: [{ $ref: '#/components/parameters/id' }],
      get: {
        operationId: `get${name}`,
        tags,
        summary: `Read a ${rt.name}`,
        parameters: [...PROJECTION, { $ref: '#/components/parameters/ifNoneMatch' }],
        responses: {
          '200': json(name, 'The resource', ETAG_HEADER),
          '304': { description: 'Not modified (If-None-Match)' },
          ...errorResponses(401, 404),
        },
      },
      put: {
        operationId: `replace${name}`,
        tags,
        summary: `Replace a ${rt.name} (RFC 7644 §3.5.1)`,
        parameters: [...PROJECTION, { $ref: '#/components/parameters/ifMatch' }],
        requestBody: body(`${name}ReplaceRequest`),
        responses: {
          '200': json(name, 'The replaced resource', ETAG_HEADER),
          ...errorResponses(400, 401, 404, 409, 412, 413, 415),
        },
      },
      patch: {
        operationId: `patch${name}`,
        tags,
        summary: `Modify a ${rt.name} (RFC 7644 §3.5.2)`,
        parameters: [
          ...PROJECTION,
          { $ref: '#/components/parameters/ifMatch' },
          { $ref: '#/components/parameters/prefer' },
        ],
        requestBody: body('PatchOp'),
        responses: {
          '200': json(name, 'The modified resource', ETAG_HEADER),
          '204': { description: 'Modified (Prefer: return=minimal)', headers: ETAG_HEADER },
          ...errorResponses(400, 401, 404, 409, 412, 413, 415),
        },
      },
      delete: {
        operationId: `delete${name}`,
        tags,
        summary: `Delete a ${rt.name} (RFC 7644 §3.6)`,
        parameters: [{ $ref: '#/components/parameters/ifMatch' }],
        responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 404, 412) },
      },
    },
  };
}

function listResponse(items: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['schemas', 'totalResults', 'Resources'],
    properties: {
      schemas: { type: 'array', items: { const: LIST_URN } },
      totalResults: { type: 'integer', minimum: 0 },
      itemsPerPage: { type: 'integer', minimum: 0 },
      startIndex: { type: 'integer', minimum: 1 },
      nextCursor: { type: 'string', description: 'RFC 9865: the cursor of the next page' },
      Resources: { type: 'array', items: items },
    },
  };
}

const PARAMETERS = {
  id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
  filter: {
    name: 'filter',
    in: 'query',
    description: 'A SCIM filter (RFC 7644 §3.4.2.2)',
    schema: { type: 'string' },
    example: 'userName eq "bjensen"',
  },
  sortBy: { name: 'sortBy', in: 'query', schema: { type: 'string' } },
  sortOrder: { name: 'sortOrder', in: 'query', schema: { type: 'string', enum: ['ascending', 'descending'] } },
  startIndex: {
    name: 'startIndex',
    in: 'query',
    description: '1-based index of the first result (index pagination)',
    schema: { type: 'integer', minimum: 1 },
  },
  count: { name: 'count', in: 'query', description: 'Results per page', schema: { type: 'integer', minimum: 0 } },
  cursor: {
    name: 'cursor',
    in: 'query',
    description: 'RFC 9865 cursor pagination: empty for the first page, then nextCursor',
    schema: { type: 'string' },
  },
  attributes: {
    name: 'attributes',
    in: 'query',
    description: 'Comma-separated attributes to return',
    schema: { type: 'string' },
  },
  excludedAttributes: {
    name: 'excludedAttributes',
    in: 'query',
    description: 'Comma-separated attributes to leave out',
    schema: { type: 'string' },
  },
  ifMatch: {
    name: 'If-Match',
    in: 'header',
    description: 'Only if the resource still has this version',
    schema: { type: 'string' },
  },
  ifNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    description: '304 if the resource still has this version',
    schema: { type: 'string' },
  },
  prefer: {
    name: 'Prefer',
    in: 'header',
    description: '"return=minimal" answers 204 without a body',
    schema: { type: 'string' },
  },
};

const MESSAGE_SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    required: ['schemas', 'status'],
    properties: {
      schemas: { type: 'array', items: { const: ERROR_URN } },
      status: { type: 'string', description: 'The HTTP status code, as a string' },
      scimType: {
        type: 'string',
        examples: [
          'invalidFilter',
          'tooMany',
          'uniqueness',
          'mutability',
          'invalidSyntax',
          'invalidPath',
          'noTarget',
          'invalidValue',
          'invalidVers',
          'sensitive',
          'invalidCursor',
          'expiredCursor',
          'invalidCount',
        ],
      },
      detail: { type: 'string' },
    },
  },
  PatchOp: {
    type: 'object',
    required: ['schemas', 'Operations'],
    properties: {
      schemas: { type: 'array', items: { const: PATCH_URN } },
      Operations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['op'],
          properties: {
            op: { type: 'string', enum: ['add', 'replace', 'remove'] },
            path: { type: 'string' },
            value: {},
          },
        },
      },
    },
  },
  SearchRequest: {
    type: 'object',
    required: ['schemas'],
    properties: {
      schemas: { type: 'array', items: { const: SEARCH_URN } },
      filter: { type: 'string' },
      sortBy: { type: 'string' },
      sortOrder: { type: 'string', enum: ['ascending', 'descending'] },
      startIndex: { type: 'integer', minimum: 1 },
      count: { type: 'integer', minimum: 0 },
      cursor: { type: 'string' },
      attributes: { type: 'array', items: { type: 'string' } },
      excludedAttributes: { type: 'array', items: { type: 'string' } },
    },
  },
  BulkRequest: {
    type: 'object',
    required: ['schemas', 'Operations'],
    properties: {
      schemas: { type: 'array', items: { const: BULK_REQUEST_URN } },
      failOnErrors: { type: 'integer', minimum: 1 },
      Operations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['method', 'path'],
          properties: {
            method: { type: 'string', enum: ['POST', 'PUT', 'PATCH', 'DELETE'] },
            bulkId: { type: 'string' },
            version: { type: 'string' },
            path: { type: 'string' },
            data: {},
          },
        },
      },
    },
  },
  BulkResponse: {
    type: 'object',
    required: ['schemas', 'Operations'],
    properties: {
      schemas: { type: 'array', items: { const: BULK_RESPONSE_URN } },
      Operations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['method', 'status'],
          properties: {
            method: { type: 'string' },
            bulkId: { type: 'string' },
            version: { type: 'string' },
            location: { type: 'string' },
            status: { type: 'string' },
            response: {},
          },
        },
      },
    },
  },
  Discovery: {
    type: 'object',
    description: 'A discovery resource (RFC 7644 §4): ServiceProviderConfig, Schema or ResourceType',
  },
};

/**
 * The OpenAPI emitter: an OpenAPI 3.1 description of the generated server, every path of every
 * resource type with request and response schemas from the IR's views, discovery, /Bulk and the
 * bearer token scheme, for API portals and client generators. JSON data only: schema text is
 * never code here.
 */
export function emitOpenApi(
  ir: IrDocument,
  options: ServerScaffoldOptions & { readonly title: string; readonly version: string },
): FileSpec[] {
  if (ir.resourceTypes.length === 0) return [];
  const basePath = options.basePath ?? '/scim/v2';
  const schemas: Record<string, unknown> = {};
  for (const rt of ir.resourceTypes) {
    schemas[rt.identifier] = resourceSchema(ir, rt, 'resource');
    schemas[`${rt.identifier}CreateRequest`] = resourceSchema(ir, rt, 'createRequest');
    schemas[`${rt.identifier}ReplaceRequest`] = resourceSchema(ir, rt, 'replaceRequest');
    schemas[`${rt.identifier}ListResponse`] = listResponse({ $ref: `#/components/schemas/${rt.identifier}` });
  }
  Object.assign(schemas, MESSAGE_SCHEMAS, {
    DiscoveryListResponse: listResponse({ $ref: '#/components/schemas/Discovery' }),
  });
  const discovery = (path: string, operationId: string, summary: string, schema: string, withId = false) => ({
    [path]: {
      ...(withId ? { parameters: [{ $ref: '#/components/parameters/id' }] } : {}),
      get: {
        operationId,
        tags: ['Discovery'],
        summary,
        responses: { '200': json(schema, summary), ...errorResponses(401, 404) },
      },
    },
  });
  const document = {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version,
      description: 'A SCIM 2.0 service provider (RFC 7643, RFC 7644, RFC 9865), generated by scimgen.',
    },
    servers: [
      {
        url: `http://127.0.0.1:${options.port ?? 8080}${basePath}`,
        description: 'The generated server with its default settings',
      },
    ],
    security: [{ bearerAuth: [] }],
    tags: [
      ...ir.resourceTypes.map((rt) => ({ name: rt.name, description: rt.description })),
      { name: 'Discovery' },
      { name: 'Bulk' },
    ],
    paths: {
      ...Object.assign({}, ...ir.resourceTypes.map(resourcePaths)),
      '/.search': {
        post: {
          operationId: 'searchAll',
          tags: ['Discovery'],
          summary: 'Search every resource type (RFC 7644 §3.4.3)',
          requestBody: {
            required: true,
            content: { [SCIM_JSON]: { schema: { $ref: '#/components/schemas/SearchRequest' } } },
          },
          responses: {
            '200': json('DiscoveryListResponse', 'A page of resources of any type'),
            ...errorResponses(400, 401),
          },
        },
      },
      '/Bulk': {
        post: {
          operationId: 'bulk',
          tags: ['Bulk'],
          summary: 'Several operations in one request (RFC 7644 §3.7)',
          requestBody: {
            required: true,
            content: { [SCIM_JSON]: { schema: { $ref: '#/components/schemas/BulkRequest' } } },
          },
          responses: { '200': json('BulkResponse', 'The outcome of each operation'), ...errorResponses(400, 401, 413) },
        },
      },
      ...discovery(
        '/ServiceProviderConfig',
        'getServiceProviderConfig',
        'The service provider configuration',
        'Discovery',
      ),
      ...discovery('/Schemas', 'listSchemas', 'Every schema', 'DiscoveryListResponse'),
      ...discovery('/Schemas/{id}', 'getSchema', 'One schema by URN', 'Discovery', true),
      ...discovery('/ResourceTypes', 'listResourceTypes', 'Every resource type', 'DiscoveryListResponse'),
      ...discovery('/ResourceTypes/{id}', 'getResourceType', 'One resource type', 'Discovery', true),
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'SCIM_BEARER_TOKEN of the generated server' },
      },
      parameters: PARAMETERS,
      responses: {
        Error: {
          description: 'A SCIM error (RFC 7644 §3.12)',
          content: { [SCIM_JSON]: { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      schemas,
    },
  };
  return [{ path: 'openapi.json', ownership: 'generated', contents: `${JSON.stringify(document, null, 2)}\n` }];
}
