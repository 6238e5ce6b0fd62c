import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bearerToken,
  customHeader,
  httpBasic,
  oauth2ClientCredentials,
  ScimClient,
  type ClientAuth,
} from '@scimgen/client';
import { EXIT, UsageError } from '../exit-codes.js';
import type { Logger } from '../logger.js';
import { runTarget } from '../run-target.js';

export interface PullFlags {
  readonly out: string;
  readonly schemasOut?: string;
  readonly packageName?: string;
  readonly token?: string;
  readonly basic?: string;
  readonly header?: string;
  readonly tokenUrl?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly scope?: string;
  readonly audience?: string;
  /** Repair the server's schema deviations (default); false fails on them. */
  readonly lenient?: boolean;
}

/** The credentials the flags give; a token may also come from SCIM_TOKEN, so it stays out of the process list. */
function authOf(flags: PullFlags, env: NodeJS.ProcessEnv): ClientAuth | undefined {
  const token = flags.token ?? env['SCIM_TOKEN'];
  const given = [token, flags.basic, flags.header, flags.tokenUrl].filter((v) => v !== undefined);
  if (given.length > 1) throw new UsageError('give one of --token (or SCIM_TOKEN), --basic, --header and --token-url');
  if (flags.tokenUrl !== undefined) {
    const secret = flags.clientSecret ?? env['SCIM_CLIENT_SECRET'];
    if (flags.clientId === undefined || secret === undefined)
      throw new UsageError('--token-url needs --client-id and --client-secret (or SCIM_CLIENT_SECRET)');
    return oauth2ClientCredentials({
      tokenUrl: flags.tokenUrl,
      clientId: flags.clientId,
      clientSecret: secret,
      ...(flags.scope !== undefined ? { scope: flags.scope } : {}),
      ...(flags.audience !== undefined ? { audience: flags.audience } : {}),
    });
  }
  if (token !== undefined) return bearerToken(token);
  if (flags.basic !== undefined) {
    const colon = flags.basic.indexOf(':');
    if (colon < 0) throw new UsageError('--basic takes user:password');
    return httpBasic(flags.basic.slice(0, colon), flags.basic.slice(colon + 1));
  }
  if (flags.header !== undefined) {
    const colon = flags.header.indexOf(':');
    if (colon < 1) throw new UsageError('--header takes "Name: value"');
    return customHeader(flags.header.slice(0, colon).trim(), flags.header.slice(colon + 1).trim());
  }
  return undefined;
}

/** A file name from a schema's or resource type's name (or the last URN segment), kept to safe characters. */
function fileName(text: string, used: Set<string>): string {
  const base = (text.split(':').pop() ?? text).replace(/[^A-Za-z0-9._-]+/g, '_') || 'schema';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  used.add(name.toLowerCase());
  return `${name}.json`;
}

/** A discovery document as a schema file: what the server says, without its meta (URLs of that server). */
function document(resource: Record<string, unknown>): string {
  const { meta: _meta, ...rest } = resource;
  void _meta;
  return `${JSON.stringify(rest, null, 2)}\n`;
}

/**
 * `scimgen pull <baseUrl>`: reads /Schemas and /ResourceTypes from a live server, saves them as
 * schema files, and generates a typed client package for that server from them.
 */
export async function pullCommand(
  baseUrl: string,
  flags: PullFlags,
  logger: Logger,
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`${JSON.stringify(baseUrl)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('the base URL must be http or https');
  const auth = authOf(flags, env);
  const client = new ScimClient({ baseUrl: url.toString(), ...(auth !== undefined ? { auth } : {}) });
  let schemas: readonly Record<string, unknown>[];
  let resourceTypes: readonly Record<string, unknown>[];
  try {
    [schemas, resourceTypes] = await Promise.all([client.schemas(), client.resourceTypes()]);
  } catch (error) {
    logger.error(`cannot read the schemas of ${url.toString()}: ${(error as Error).message}`);
    return EXIT.failure;
  }
  if (schemas.length === 0) {
    logger.error(`${url.toString()}/Schemas lists no schemas`);
    return EXIT.failure;
  }
  const dir = path.resolve(cwd, flags.schemasOut ?? path.join(flags.out, '..', `${path.basename(flags.out)}-schemas`));
  await mkdir(path.join(dir, 'resource-types'), { recursive: true });
  const used = new Set<string>();
  for (const schema of schemas)
    await writeFile(
      path.join(dir, fileName(String(schema['name'] ?? schema['id'] ?? 'schema'), used)),
      document(schema),
    );
  const usedTypes = new Set<string>();
  for (const type of resourceTypes)
    await writeFile(
      path.join(dir, 'resource-types', fileName(String(type['name'] ?? type['id'] ?? 'type'), usedTypes)),
      document(type),
    );
  logger.info(
    `saved ${schemas.length} schema(s) and ${resourceTypes.length} resource type(s) in ${path.relative(cwd, dir) || '.'}`,
  );
  const outcome = await runTarget(
    {
      schemas: [path.relative(cwd, dir) || '.'],
      out: flags.out,
      client: true,
      // A vendor's server cannot be fixed from here: its deviations are repaired, each reported.
      lenient: flags.lenient !== false,
      ...(flags.packageName !== undefined ? { package: { name: flags.packageName } } : {}),
    },
    cwd,
    'write',
    logger,
  );
  if (outcome.ok && outcome.result !== undefined)
    logger.success(`a typed client for ${url.host} in ${flags.out}: createClient({ baseUrl, auth }) from its package`);
  return outcome.ok ? EXIT.ok : EXIT.failure;
}
