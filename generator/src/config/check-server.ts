import { PATCH_PROFILES } from '@scimgen/runtime';
import {
  RESOURCE_TYPE_SERVER_KEYS,
  SERVER_DATABASES,
  SERVER_FRAMEWORKS,
  SERVER_STORES,
  type ServerDatabase,
  type ServerFramework,
  type ServerScaffoldOptions,
  type ServerStore,
} from '../emitters/server-options.js';
import { childPointer } from '../input/json-pointer.js';
import { isPlainObject, refuseUnknownKeys, type Fail } from './config-checks.js';

const SERVER_KEYS = [
  'framework',
  'basePath',
  'port',
  'store',
  'database',
  'profile',
  'resourceTypes',
  'bulk',
  'unknownAttributes',
  'oauth2',
] as const satisfies readonly (keyof ServerScaffoldOptions)[];

const quoted = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** A target's `server`: each key known, each value one the generator can scaffold. */
export function checkServer(server: unknown, at: string, fail: Fail): void {
  if (!isPlainObject(server)) return fail(at, 'server must be an object such as { framework: "fastify" }');
  refuseUnknownKeys(server, SERVER_KEYS, at, fail);
  const { framework, basePath, port, store, database, profile, unknownAttributes } = server;
  if (store !== undefined && !SERVER_STORES.includes(store as ServerStore))
    fail(`${at}/store`, `store must be one of ${quoted(SERVER_STORES)}`);
  if (database !== undefined && !SERVER_DATABASES.includes(database as ServerDatabase))
    fail(`${at}/database`, `database must be one of ${quoted(SERVER_DATABASES)}, or left out for both`);
  if (database !== undefined && store !== 'sql')
    fail(`${at}/database`, 'database goes with store: "sql" (the memory store has none)');
  if (!SERVER_FRAMEWORKS.includes(framework as ServerFramework))
    fail(`${at}/framework`, `framework must be one of ${quoted(SERVER_FRAMEWORKS)}`);
  if (basePath !== undefined && (typeof basePath !== 'string' || !/^(\/[A-Za-z0-9._~-]+)*$/.test(basePath)))
    fail(`${at}/basePath`, 'basePath must be a path such as "/scim/v2" (letters, digits, . _ ~ - between slashes)');
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535))
    fail(`${at}/port`, 'port must be an integer from 0 to 65535');
  if (profile !== undefined && !(typeof profile === 'string' && Object.hasOwn(PATCH_PROFILES, profile)))
    fail(`${at}/profile`, `profile must be one of ${quoted(Object.keys(PATCH_PROFILES))}`);
  if (unknownAttributes !== undefined && unknownAttributes !== 'ignore' && unknownAttributes !== 'reject')
    fail(`${at}/unknownAttributes`, 'unknownAttributes must be "ignore" (drop them with a note) or "reject" (400)');
  checkBulk(server['bulk'], `${at}/bulk`, fail);
  checkOAuth2(server['oauth2'], `${at}/oauth2`, fail);
  checkResourceTypes(server['resourceTypes'], `${at}/resourceTypes`, fail);
}

function checkBulk(bulk: unknown, at: string, fail: Fail): void {
  if (bulk === undefined || bulk === false) return;
  if (!isPlainObject(bulk)) return fail(at, 'bulk must be false (no /Bulk) or { maxOperations?, maxPayloadSize? }');
  refuseUnknownKeys(bulk, ['maxOperations', 'maxPayloadSize'], at, fail);
  for (const key of ['maxOperations', 'maxPayloadSize']) {
    const value = bulk[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) > 0))
      fail(`${at}/${key}`, `${key} must be a positive integer`);
  }
}

/** `oauth2`: what the token endpoint grants; its clients and signing secret come from the environment only. */
function checkOAuth2(oauth2: unknown, at: string, fail: Fail): void {
  if (oauth2 === undefined) return;
  if (!isPlainObject(oauth2))
    return fail(at, 'oauth2 must be an object such as { scopes: ["scim:user:read"], expiresIn: 7200 }');
  refuseUnknownKeys(oauth2, ['scopes', 'expiresIn', 'audience'], at, fail);
  const { scopes, expiresIn, audience } = oauth2;
  if (
    scopes !== undefined &&
    !(
      Array.isArray(scopes) &&
      scopes.length > 0 &&
      scopes.every((s) => typeof s === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s))
    )
  )
    fail(
      `${at}/scopes`,
      'scopes must be a non-empty list of scope names such as "scim:user:read" (RFC 6749 §3.3 characters)',
    );
  if (expiresIn !== undefined && !(Number.isSafeInteger(expiresIn) && (expiresIn as number) > 0))
    fail(`${at}/expiresIn`, 'expiresIn must be a positive number of seconds');
  if (audience !== undefined && (typeof audience !== 'string' || audience === ''))
    fail(`${at}/audience`, 'audience must be a non-empty string');
}

/** `resourceTypes`: { User: { delete: false, required: ['name.givenName'] } }; names are checked against the schemas later. */
function checkResourceTypes(types: unknown, at: string, fail: Fail): void {
  if (types === undefined) return;
  if (!isPlainObject(types)) return fail(at, 'resourceTypes must be an object such as { User: { delete: false } }');
  for (const [name, options] of Object.entries(types)) {
    const typeAt = childPointer(at, name);
    if (!isPlainObject(options)) {
      fail(typeAt, `the options of ${name} must be an object such as { delete: false }`);
      continue;
    }
    refuseUnknownKeys(options, RESOURCE_TYPE_SERVER_KEYS, typeAt, fail);
    checkSwitches(options, typeAt, fail);
    checkSeeding(options, typeAt, fail);
    checkValueRules(options, typeAt, fail);
    for (const key of ['required', 'ignored']) {
      const paths = options[key];
      if (paths !== undefined && !(Array.isArray(paths) && paths.every((p) => typeof p === 'string' && p !== '')))
        fail(`${typeAt}/${key}`, `${key} must be a list of attribute paths such as ["name.givenName"]`);
    }
  }
}

function checkSwitches(options: Record<string, unknown>, at: string, fail: Fail): void {
  const { create, permanentDeactivation, exclusiveMembers } = options;
  for (const [key, value] of Object.entries({ create, permanentDeactivation, exclusiveMembers }))
    if (value !== undefined && typeof value !== 'boolean') fail(`${at}/${key}`, `${key} must be true or false`);
  if (options['delete'] !== undefined && !['remove', 'deactivate', false].includes(options['delete'] as string))
    fail(`${at}/delete`, 'delete must be "remove", "deactivate" (set active to false) or false (405)');
}

/** `initial` and `createOnLookup`: the resources there from the start, or made when looked up. */
function checkSeeding(options: Record<string, unknown>, at: string, fail: Fail): void {
  const { initial, createOnLookup } = options;
  if (createOnLookup !== undefined) {
    if (!(isPlainObject(createOnLookup) && typeof createOnLookup['key'] === 'string'))
      fail(`${at}/createOnLookup`, 'createOnLookup must be { key: "displayName" }, the attribute looked up');
    refuseUnknownKeys(createOnLookup as Record<string, unknown>, ['key'], `${at}/createOnLookup`, fail);
  }
  if (initial !== undefined) {
    if (!(
      isPlainObject(initial) &&
      typeof initial['key'] === 'string' &&
      Array.isArray(initial['resources']) &&
      initial['resources'].every(isPlainObject)
    ))
      fail(`${at}/initial`, 'initial must be { key: "displayName", resources: [{ displayName: "…" }, …] }');
    refuseUnknownKeys(initial as Record<string, unknown>, ['key', 'resources'], `${at}/initial`, fail);
  }
}

/** `allowedValues` (from a file of the server) and `references` (to a resource type); paths are checked against the schemas later. */
function checkValueRules(options: Record<string, unknown>, at: string, fail: Fail): void {
  const { allowedValues, references } = options;
  if (allowedValues !== undefined) {
    const shape = 'allowedValues maps attribute paths to { file: "data/branches.json", field?: "external_identifier" }';
    if (!isPlainObject(allowedValues)) fail(`${at}/allowedValues`, shape);
    for (const [path, source] of Object.entries(allowedValues as Record<string, unknown>)) {
      const sourceAt = childPointer(`${at}/allowedValues`, path);
      if (
        !isPlainObject(source) ||
        typeof source['file'] !== 'string' ||
        source['file'] === '' ||
        (source['field'] !== undefined && typeof source['field'] !== 'string')
      )
        fail(sourceAt, shape);
      refuseUnknownKeys(source as Record<string, unknown>, ['file', 'field'], sourceAt, fail);
    }
  }
  if (
    references !== undefined &&
    !(isPlainObject(references) && Object.values(references).every((v) => typeof v === 'string' && v !== ''))
  )
    fail(
      `${at}/references`,
      'references maps attribute paths to a resource type name, such as { "…:manager": "User" }',
    );
}
