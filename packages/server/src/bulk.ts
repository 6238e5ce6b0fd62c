import { badRequest, isJsonObject, ScimError, type ScimErrorBody } from '@scimgen/runtime';
import type { Reply } from './http.js';

export const BULK_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BULK_ID_REFERENCE = /^bulkId:(.+)$/;

/** One operation of a BulkRequest, checked. */
interface BulkOperation {
  readonly index: number;
  readonly method: string;
  readonly bulkId: string | undefined;
  readonly version: string | undefined;
  readonly path: string;
  readonly data: unknown;
  /** The bulkIds its path and data refer to. */
  readonly references: ReadonlySet<string>;
}

/** Runs one operation through the server as if it were a request of its own. */
export type RunOperation = (method: string, path: string, data: unknown, version: string | undefined) => Promise<Reply>;

function collectReferences(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    const match = BULK_ID_REFERENCE.exec(value);
    if (match !== null) into.add(match[1]!);
  } else if (Array.isArray(value)) for (const v of value) collectReferences(v, into);
  else if (isJsonObject(value)) for (const v of Object.values(value)) collectReferences(v, into);
}

function pathReferences(path: string, into: Set<string>): void {
  for (const segment of path.split('/')) collectReferences(segment, into);
}

/** Every "bulkId:x" string replaced by the id the operation with bulkId x created. */
function resolve(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const match = BULK_ID_REFERENCE.exec(value);
    return match === null ? value : (ids.get(match[1]!) ?? value);
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, ids));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, ids)]));
  return value;
}

function resolvePath(path: string, ids: ReadonlyMap<string, string>): string {
  return path
    .split('/')
    .map((segment) => {
      const match = BULK_ID_REFERENCE.exec(segment);
      const id = match === null ? undefined : ids.get(match[1]!);
      return id === undefined ? segment : encodeURIComponent(id);
    })
    .join('/');
}

function readOperations(body: unknown, maxOperations: number): { operations: BulkOperation[]; failOnErrors: number } {
  if (!isJsonObject(body)) throw badRequest('invalidSyntax', 'a bulk request must be a JSON object');
  const schemas = body['schemas'];
  if (!Array.isArray(schemas) || !schemas.includes(BULK_REQUEST_URN))
    throw badRequest('invalidSyntax', `a bulk request's "schemas" must list ${BULK_REQUEST_URN}`);
  const failOnErrors = body['failOnErrors'];
  if (failOnErrors !== undefined && !(Number.isSafeInteger(failOnErrors) && (failOnErrors as number) >= 1))
    throw badRequest('invalidValue', '"failOnErrors" must be a positive integer');
  const raw = body['Operations'];
  if (!Array.isArray(raw)) throw badRequest('invalidSyntax', 'a bulk request needs an "Operations" array');
  if (raw.length > maxOperations)
    throw new ScimError(413, `the bulk request has ${raw.length} operations; at most ${maxOperations} are accepted`);
  const bulkIds = new Set<string>();
  const operations = raw.map((item: unknown, index): BulkOperation => {
    const where = `Operations[${index}]`;
    if (!isJsonObject(item)) throw badRequest('invalidSyntax', `${where} must be an object`);
    const method = typeof item['method'] === 'string' ? item['method'].toUpperCase() : '';
    if (!METHODS.has(method)) throw badRequest('invalidSyntax', `${where}.method must be POST, PUT, PATCH or DELETE`);
    const path = item['path'];
    if (typeof path !== 'string' || !path.startsWith('/'))
      throw badRequest('invalidSyntax', `${where}.path must be a path such as "/Users"`);
    const bulkId = item['bulkId'];
    if (bulkId !== undefined && (typeof bulkId !== 'string' || bulkId === ''))
      throw badRequest('invalidSyntax', `${where}.bulkId must be a non-empty string`);
    if (method === 'POST' && bulkId === undefined)
      throw badRequest('invalidSyntax', `${where}: a POST operation needs a bulkId (RFC 7644 §3.7)`);
    if (bulkId !== undefined) {
      if (bulkIds.has(bulkId))
        throw badRequest('invalidSyntax', `${where}.bulkId ${JSON.stringify(bulkId)} is used twice`);
      bulkIds.add(bulkId);
    }
    const version = item['version'];
    if (version !== undefined && typeof version !== 'string')
      throw badRequest('invalidSyntax', `${where}.version must be a string`);
    if (method !== 'DELETE' && item['data'] === undefined)
      throw badRequest('invalidSyntax', `${where}: ${method} needs "data"`);
    const references = new Set<string>();
    pathReferences(path, references);
    collectReferences(item['data'], references);
    return { index, method, bulkId, version, path, data: item['data'], references };
  });
  for (const operation of operations)
    for (const reference of operation.references)
      if (!bulkIds.has(reference))
        throw badRequest(
          'invalidValue',
          `Operations[${operation.index}] refers to bulkId ${JSON.stringify(reference)}, which no operation has`,
        );
  return { operations, failOnErrors: (failOnErrors as number | undefined) ?? Number.POSITIVE_INFINITY };
}

function failure(operation: BulkOperation, error: ScimErrorBody): Record<string, unknown> {
  return {
    method: operation.method,
    ...(operation.bulkId !== undefined ? { bulkId: operation.bulkId } : {}),
    status: error.status,
    response: error,
  };
}

/**
 * /Bulk (RFC 7644 §3.7): operations run one at a time through the same code as single requests.
 * An operation that refers to another's bulkId runs after it, whatever the order in the request;
 * one that depends on a failed operation fails (409), as do operations in a reference cycle.
 * After `failOnErrors` failures the rest are not run and not reported.
 */
export async function runBulk(body: unknown, maxOperations: number, run: RunOperation, base: string): Promise<Reply> {
  const { operations, failOnErrors } = readOperations(body, maxOperations);
  const ids = new Map<string, string>();
  const failed = new Set<string>();
  const results = new Map<number, Record<string, unknown>>();
  let errors = 0;
  /** Records a failed operation: its error, and its bulkId as failed for those that refer to it. */
  const fail = (operation: BulkOperation, error: ScimErrorBody): void => {
    errors++;
    if (operation.bulkId !== undefined) failed.add(operation.bulkId);
    results.set(operation.index, failure(operation, error));
  };
  let pending = operations;
  while (pending.length > 0 && errors < failOnErrors) {
    const ready = pending.filter((o) => [...o.references].every((r) => ids.has(r) || failed.has(r)));
    if (ready.length === 0) {
      // Every remaining operation waits on another: a cycle.
      for (const operation of pending) {
        if (errors >= failOnErrors) break;
        fail(
          operation,
          new ScimError(409, 'the operation is part of a circular bulkId reference', 'invalidValue').toJSON(),
        );
      }
      break;
    }
    for (const operation of ready) {
      if (errors >= failOnErrors) break;
      const dependency = [...operation.references].find((r) => failed.has(r));
      if (dependency !== undefined) {
        fail(operation, new ScimError(409, `bulkId ${JSON.stringify(dependency)} failed`, 'invalidValue').toJSON());
        continue;
      }
      const path = resolvePath(operation.path, ids);
      const reply = await run(operation.method, path, resolve(operation.data, ids), operation.version);
      const answer = isJsonObject(reply.body) ? reply.body : undefined;
      if (reply.status >= 400) {
        fail(operation, answer as unknown as ScimErrorBody);
        continue;
      }
      const id = answer !== undefined && typeof answer['id'] === 'string' ? answer['id'] : undefined;
      if (operation.bulkId !== undefined && id !== undefined) ids.set(operation.bulkId, id);
      // RFC 7644 §3.7.3 gives every operation's location, a deleted resource's too.
      const location =
        reply.headers?.['location'] ??
        (isJsonObject(answer?.['meta']) ? answer['meta']['location'] : undefined) ??
        (operation.method === 'POST' ? undefined : `${base}${path.split('?')[0]}`);
      results.set(operation.index, {
        method: operation.method,
        ...(operation.bulkId !== undefined ? { bulkId: operation.bulkId } : {}),
        ...(reply.headers?.['etag'] !== undefined ? { version: reply.headers['etag'] } : {}),
        ...(typeof location === 'string' ? { location } : {}),
        status: String(reply.status),
      });
    }
    const done = new Set(ready.map((o) => o.index));
    pending = pending.filter((o) => !done.has(o.index) && !results.has(o.index));
  }
  return {
    status: 200,
    body: {
      schemas: [BULK_RESPONSE_URN],
      Operations: [...results.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r),
    },
  };
}
