import type { IrDocument, IrResourceType } from '../ir/types.js';
import { valueIdentifier } from '../ir/naming.js';
import { assertIdentifier, commentText, stringLiteral } from '../render/escape.js';
import { escaped, renderTemplate } from '../render/templates.js';
import { memberListAttribute, PATCH_PROFILES } from '@scimgen/runtime';
import { migrationsFor } from '@scimgen/stores';
import { requiredScope } from '@scimgen/server';
import { dataLiteral, resourceTypeDescriptors } from './descriptors.js';
import { GENERATED_HEADER, fileStem, type FileSpec, type RequiredMembers } from './file-spec.js';

export * from './server-options.js';
import type {
  ResourceTypeServerOptions,
  ServerDatabase,
  ServerScaffoldOptions,
  ServerStore,
} from './server-options.js';

/** The generated view types a resource type's handler is written against. */
interface HandlerTypes {
  readonly resource: string;
  readonly create: string;
  readonly replace: string;
}

function handlerTypes(rt: IrResourceType): HandlerTypes {
  return {
    resource: assertIdentifier(rt.typeNames.resource),
    create: assertIdentifier(rt.typeNames.createRequest),
    replace: assertIdentifier(rt.typeNames.replaceRequest),
  };
}

/**
 * The methods of @scimgen/server's ResourceHandler, each as the scaffold writes it: typed by the
 * resource type's views, working code over the in-memory store, for the user to replace with
 * their storage.
 */
function handlerMethods(
  t: HandlerTypes,
  store: ServerStore,
  memberList: boolean,
): { readonly name: string; readonly text: string }[] {
  const methods = [
    {
      name: 'create',
      text: `/** Stores a new resource and returns it with its id and meta. */
create(resource: ${t.create}): Stored<${t.resource}> | Promise<Stored<${t.resource}>> {
  return this.memory.create(resource);
}`,
    },
    {
      name: 'get',
      text: `/** The stored resource, or undefined (answered 404). */
get(id: string): Stored<${t.resource}> | undefined | Promise<Stored<${t.resource}> | undefined> {
  return this.memory.get(id);
}`,
    },
    {
      name: 'replace',
      text: `/** Replaces the whole resource (PUT, and PATCH results); undefined when there is no such resource. */
replace(
  id: string,
  resource: ${t.replace},
  context: HandlerContext,
): Stored<${t.resource}> | undefined | Promise<Stored<${t.resource}> | undefined> {
  return this.memory.replace(id, resource, context);
}`,
    },
    {
      name: 'delete',
      text: `/** Deletes the resource; false when there is no such resource. */
delete(id: string): boolean | Promise<boolean> {
  return this.memory.delete(id);
}`,
    },
    ...(store === 'sql'
      ? [
          {
            name: 'patch',
            text: `/** Writes a PATCH: the changed resource, and member changes as single rows. */
patch(
  id: string,
  change: ChangeSet<${t.resource}>,
  context: HandlerContext,
): Stored<${t.resource}> | undefined | Promise<Stored<${t.resource}> | undefined> {
  return this.memory.patch(id, change, context);
}`,
          },
        ]
      : []),
    ...(store === 'sql' && memberList
      ? [
          {
            name: 'getWithoutMembers',
            text: `/**
 * The stored resource without its member list, or undefined: lets the server answer a PATCH that
 * only adds or removes members with 204 without reading the list (Prefer: return=minimal).
 */
getWithoutMembers(id: string): Stored<${t.resource}> | undefined | Promise<Stored<${t.resource}> | undefined> {
  return this.memory.getWithoutMembers(id);
}`,
          },
        ]
      : []),
    {
      name: 'list',
      text: `/** Filter, sort and page: \`query.filter\` is the parsed filter, to turn into your storage's query. */
list(query: ListQuery): ListPage<${t.resource}> | Promise<ListPage<${t.resource}>> {
  return this.memory.list(query);
}`,
    },
  ];
  // The SQL scaffold's field is the store's handler; the in-memory one keeps its name.
  return store === 'sql'
    ? methods.map((m) => ({ ...m, text: m.text.replace('this.memory.', 'this.store.') }))
    : methods;
}

function handlerClassName(rt: IrResourceType): string {
  return assertIdentifier(`${rt.identifier}Handler`);
}

function handlerPath(rt: IrResourceType): string {
  return `src/server/handlers/${fileStem(rt.identifier)}.ts`;
}

const DATABASE_DOCS: Record<ServerDatabase | 'both', string> = {
  both: 'DATABASE_URL=postgres://… for PostgreSQL, sqlite:<file> or nothing for SQLite in\n * ./data/scim.db.',
  sqlite:
    'SQLite, in ./data/scim.db or the file DATABASE_URL=sqlite:<file> names (built\n * for SQLite only: a PostgreSQL URL is refused).',
  postgres:
    'PostgreSQL at DATABASE_URL=postgres://… (built for PostgreSQL only: without\n * the URL the server does not start).',
};

function openResourceStoreFunction(database: ServerDatabase | undefined): string {
  const only = database === undefined ? '' : `, database: ${stringLiteral(database)}`;
  return `
/**
 * The database: ${DATABASE_DOCS[database ?? 'both']}
 * Applies the migrations (src/server/migrations.ts) not yet applied.
 */
export function openResourceStore(env: Readonly<Record<string, string | undefined>>): Promise<SqlStore> {
  return openStore(env['DATABASE_URL'], resourceTypes, { migrations${only} });
}
`;
}

/** What the token endpoint grants: the config's, else every scope of these resource types. */
function oauth2Defaults(ir: IrDocument, options: ServerScaffoldOptions): string {
  const scopes = options.oauth2?.scopes ?? [
    requiredScope(undefined, 'info'),
    ...ir.resourceTypes.flatMap((rt) => (['read', 'write', 'delete'] as const).map((a) => requiredScope(rt.name, a))),
  ];
  return dataLiteral({
    scopes,
    expiresInSeconds: options.oauth2?.expiresIn ?? 3600,
    ...(options.oauth2?.audience !== undefined ? { audience: options.oauth2.audience } : {}),
  });
}

/** The behaviours of a resource type's server options, as `bind`'s third argument; '' for none. */
function behaviourLiteral(options: ResourceTypeServerOptions | undefined): string {
  if (options === undefined) return '';
  // required and ignored were applied to the schemas before anything was generated.
  const behaviour = Object.fromEntries(
    Object.entries(options).filter(([key]) => key !== 'required' && key !== 'ignored'),
  );
  return Object.keys(behaviour).length === 0 ? '' : `, ${dataLiteral(behaviour)}`;
}

/** createScimServer options the config sets (/Bulk, unknown attributes), the environment's over them. */
function configuredOptions(options: ServerScaffoldOptions): string {
  const configured = {
    ...(options.bulk !== undefined ? { bulk: options.bulk } : {}),
    ...(options.unknownAttributes !== undefined ? { unknownAttributes: options.unknownAttributes } : {}),
  };
  return `\n    ...configuredOptions(settings, ${dataLiteral(configured)}),`;
}

function registry(ir: IrDocument, options: ServerScaffoldOptions): string {
  const profile = options.profile ?? 'lenient';
  if (!(profile in PATCH_PROFILES)) throw new Error(`unknown server profile ${JSON.stringify(profile)}`);
  const defaults = `{ basePath: ${stringLiteral(options.basePath ?? '/scim/v2')}, port: ${options.port ?? 8080}, profile: ${stringLiteral(profile)}, oauth2: ${oauth2Defaults(ir, options)} }`;
  const definitions = ir.resourceTypes.map((rt) => assertIdentifier(`${valueIdentifier(rt.identifier)}Definition`));
  const imports = ir.resourceTypes
    .map((rt) => `import { ${handlerClassName(rt)} } from './handlers/${fileStem(rt.identifier)}.js';`)
    .sort();
  const sql = options.store === 'sql';
  const bindings = ir.resourceTypes.map((rt, i) => {
    const behaviour = behaviourLiteral(options.resourceTypes?.[rt.name]);
    return `    bind(${definitions[i]}, new ${handlerClassName(rt)}(${sql ? 'store' : ''})${behaviour}),`;
  });
  const storeImports = sql
    ? `import { openStore, type SqlStore } from '@scimgen/stores';
import { resourceTypes } from '../descriptors/index.js';
import { migrations } from './migrations.js';
`
    : '';
  const openResourceStore = sql ? openResourceStoreFunction(options.database) : '';
  return `${GENERATED_HEADER}
import {
  bind,
  configuredOptions,
  createScimServer,
  persistentCursorKey,
  readServerSettings,
  serverAuthentication,
  type ScimServer,
  type ScimServerOptions,
  type ServerSettings,
} from '@scimgen/server';
${storeImports}import { ${[...definitions, 'schemaDocuments'].sort().join(', ')} } from '../definitions/index.js';
${imports.join('\n')}

export type { ServerSettings };

/**
 * HOST (default 127.0.0.1), PORT (default ${options.port ?? 8080}), SCIM_BASE_URL (default built from both);
 * authentication from SCIM_BEARER_TOKEN (several separated by commas), SCIM_JWT_SECRET or
 * SCIM_JWKS_URL with SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE, SCIM_BASIC_USERS ("user:password,…"),
 * SCIM_DIGEST_USERS (the same, for HTTP Digest), SCIM_OAUTH2_CLIENTS ("client-id:secret,…": the
 * token endpoint at <base>/oauth/token, tokens signed with SCIM_OAUTH2_SIGNING_SECRET);
 * SCIM_ALLOW_FROM (addresses and CIDR ranges that may call) with SCIM_TRUSTED_PROXIES;
 * SCIM_BULK=0|1, SCIM_BULK_MAX_OPERATIONS and SCIM_UNKNOWN_ATTRIBUTES over the config's choices;
 * SCIM_AUDIT_FILE for a JSON-lines audit log; SCIM_MEMBER_PATCH_RESPONSE=noContent answers PATCHes
 * that only add or remove members with 204, without reading the member list; SCIM_CURSOR_KEY signs
 * cursors (default: a key kept in ./data/cursor-key). With no credentials the server refuses to
 * start: SCIM_AUTH=none serves without authentication on purpose, on loopback only.
 * SCIM_PATCH_PROFILE (default ${profile}) names the identity providers' deviations accepted;
 * SCIM_ADVERTISE_PAGINATION=1 lists RFC 9865 cursor paging in ServiceProviderConfig (accepted either way).
 */
export function settingsFromEnvironment(env: Readonly<Record<string, string | undefined>>): ServerSettings {
  return readServerSettings(env, ${defaults});
}
${openResourceStore}
/**
 * Every resource type of this package with its handler (src/server/handlers/, yours to edit);
 * \`bind\` checks each handler against its resource type's generated types.
 */
export function resourceTypeBindings(${sql ? 'store: SqlStore' : ''}): ScimServerOptions['resourceTypes'] {
  return [
${bindings.join('\n')}
  ];
}

/** The SCIM service provider of this package; \`options\` override anything it sets. */
export function createScim(
  settings: ServerSettings,${sql ? '\n  store: SqlStore,' : ''}
  options: Partial<ScimServerOptions> = {},
): ScimServer {
  return createScimServer({
    baseUrl: settings.baseUrl,
    schemas: schemaDocuments,
    resourceTypes: resourceTypeBindings(${sql ? 'store' : ''}),
    memberPatchResponse: settings.memberPatchResponse ?? 'resource',
    ...(settings.profile !== undefined ? { profile: settings.profile } : {}),
    advertisePagination: settings.advertisePagination ?? false,
    cursorKey: settings.cursorKey ?? persistentCursorKey('data/cursor-key'),${configuredOptions(options)}${sql ? '\n    // A /Bulk request commits once, each operation undone alone when it fails (on PostgreSQL\n    // without a savepoint per operation unless one is needed: the request then runs again).\n    transaction: (work) => store.transaction(work, { optimistic: true }),' : ''}
    ...serverAuthentication(settings),
    ...options,
  });
}
`;
}

/**
 * The server emitter: a generated registry that binds each resource type's definition to its
 * handler, a handler module per resource type and the server entry file for the chosen framework.
 * Handlers and the entry file are the user's: scaffolded once, then only completed.
 */
export function emitServer(ir: IrDocument, options: ServerScaffoldOptions): FileSpec[] {
  if (ir.resourceTypes.length === 0) return [];
  const sql = options.store === 'sql';
  const descriptors = resourceTypeDescriptors(ir);
  const files: FileSpec[] = [
    { path: 'src/server/registry.ts', ownership: 'generated', contents: registry(ir, options) },
    {
      path: 'src/server/main.ts',
      ownership: 'scaffold',
      contents: renderTemplate(`server/main.${options.framework}.ts`, { sql }),
    },
  ];
  if (sql)
    files.push({
      path: 'src/server/migrations.ts',
      ownership: 'generated',
      contents: `${GENERATED_HEADER}\nimport type { Migration } from '@scimgen/stores';\n\n/**\n * The database's tables for these resource types, step by step: applied at start, each once,\n * recorded with a checksum. Derived from the schemas by @scimgen/stores' migrationsFor.\n */\nexport const migrations: readonly Migration[] = ${dataLiteral(migrationsFor(descriptors))};\n`,
    });
  // Memory handlers share a space, so a User's groups can be read from the Groups' members.
  if (!sql)
    files.push({
      path: 'src/server/memory-space.ts',
      ownership: 'generated',
      contents: `${GENERATED_HEADER}import { MemorySpace } from '@scimgen/server';

/** The space the in-memory handlers of this package share (a User's groups come from the Groups' members). */
export const memorySpace = new MemorySpace();
`,
    });
  ir.resourceTypes.forEach((rt, k) => {
    const types = handlerTypes(rt);
    const methods = handlerMethods(
      types,
      options.store ?? 'memory',
      memberListAttribute(descriptors[k]!) !== undefined,
    );
    const requiredMembers: RequiredMembers = { className: handlerClassName(rt), methods };
    files.push({
      path: handlerPath(rt),
      ownership: 'scaffold',
      requiredMembers,
      contents: renderTemplate(sql ? 'server/handler.sql.ts' : 'server/handler.ts', {
        name: escaped(commentText(rt.name)),
        endpoint: escaped(commentText(rt.endpoint)),
        className: escaped(requiredMembers.className),
        descriptor: escaped(assertIdentifier(`${valueIdentifier(rt.identifier)}ResourceType`)),
        methods: escaped(methods.map((m) => m.text).join('\n\n')),
        types: escaped([...new Set([types.resource, types.create, types.replace])].sort().join(', ')),
        resourceType: escaped(types.resource),
        createType: escaped(types.create),
        replaceType: escaped(types.replace),
      }),
    });
  });
  return files;
}
