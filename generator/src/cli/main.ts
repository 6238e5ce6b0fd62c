import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/config-error.js';
import type { InitFlags } from './commands/init.js';
import type { TokenFlags } from './commands/token.js';
import { EXIT, UsageError } from './exit-codes.js';
import { createLogger, type Logger } from './logger.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const EXAMPLES = `
Examples:
  $ scimgen generate                         generate every target in scimgen.config.ts
  $ scimgen generate --check                 exit 1 and list stale files if the output drifted
  $ scimgen generate --schemas schemas --out packages/scim-types
  $ scimgen generate --schemas scimgen:rfc7643 scimgen:rfc7643-resource-types ./my-ext.json --out out
  $ scimgen lint schemas/                    report every problem with file and JSON pointer
  $ scimgen init                             scaffold scimgen.config.ts and an example extension
  $ scimgen token --subject glpi             mint a long-lived bearer JWT (SCIM_JWT_SECRET from the environment)
`;

function buildProgram(logger: Logger, setExit: (code: number) => void): Command {
  const program = new Command('scimgen')
    .description('Generate typed TypeScript packages from SCIM 2.0 resource schemas (RFC 7643, RFC 7644).')
    .version(VERSION)
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run `scimgen --help` for usage)');

  program
    .command('generate')
    .description('generate packages from SCIM schemas')
    .option(
      '-c, --config <file>',
      'config file (default: scimgen.config.{ts,mts,mjs,js,json} in the current directory)',
    )
    .option('-s, --schemas <paths...>', 'schema files or directories (with --out, instead of a config)')
    .option('-o, --out <dir>', 'output directory of the generated package (with --schemas)')
    .option('--package-name <name>', 'npm name of the generated package (with --schemas and --out)')
    .option('--server <framework>', 'also scaffold a SCIM server: node, express or fastify (with --schemas and --out)')
    .option('--client', 'also generate a typed client for a server with these schemas (with --schemas and --out)')
    .option(
      '--store <store>',
      "where the server's handlers keep resources: memory (default) or sql (SQLite/PostgreSQL)",
    )
    .option('--database <database>', 'with --store sql: only sqlite or only postgres (default both, by DATABASE_URL)')
    .option('-t, --target <name>', 'only the config target with this name')
    .option('--check', 'write nothing; exit 1 and list files whose content would change')
    .option('--dry-run', 'write nothing; list what would be written')
    .option('--emit-ir <file>', 'also write the intermediate representation as JSON')
    .option('-w, --watch', 'regenerate when a schema or the config changes')
    .option('--lenient', "repair what vendors' schemas get wrong (each repair a SCIM213 warning) instead of failing")
    .option('--no-cache', 'format every file again instead of reusing node_modules/.cache/scimgen')
    .addHelpText(
      'after',
      '\nExample:\n  $ scimgen generate --schemas schemas --out packages/scim-types --package-name @acme/scim-types\n',
    )
    // Each command loads what it needs when it runs, so --help and --version start at once.
    .action(async (flags) => {
      const { generateCommand } = await import('./commands/generate.js');
      setExit(await generateCommand(flags, logger));
    });

  program
    .command('pull')
    .description("read a live server's /Schemas and /ResourceTypes, save them, and generate a typed client")
    .argument('<baseUrl>', 'the SCIM base URL, as https://example.com/scim/v2')
    .requiredOption('-o, --out <dir>', 'output directory of the generated client package')
    .option('--schemas-out <dir>', 'where to save the schema files (default: <out>-schemas next to it)')
    .option('--package-name <name>', 'npm name of the generated package')
    .option('--token <token>', 'a bearer token (or set SCIM_TOKEN, which stays out of the process list)')
    .option('--basic <user:password>', 'HTTP Basic credentials')
    .option('--header <"Name: value">', "a header of the server's own, as an API key")
    .option('--token-url <url>', 'OAuth2 client credentials: the token endpoint (with --client-id, --client-secret)')
    .option('--client-id <id>', 'OAuth2 client id')
    .option('--client-secret <secret>', 'OAuth2 client secret (or set SCIM_CLIENT_SECRET)')
    .option('--scope <scopes>', 'OAuth2 scopes to ask for')
    .option('--audience <audience>', 'OAuth2 audience, for servers that want one')
    .option('--no-lenient', "fail on the server's schema deviations instead of repairing them")
    .addHelpText(
      'after',
      '\nExample:\n  $ SCIM_TOKEN=… scimgen pull https://example.com/scim/v2 --out packages/example-scim\n',
    )
    .action(async (baseUrl: string, flags) => {
      const { pullCommand } = await import('./commands/pull.js');
      setExit(await pullCommand(baseUrl, flags, logger));
    });

  program
    .command('lint')
    .description('check schema files against RFC 7643 §7 and report every problem')
    .argument('[schemas...]', "schema files or directories (default: every schema the config's targets name)")
    .addOption(new Option('--json', 'print the diagnostics as JSON on stdout'))
    .option('--strict', 'exit 1 on warnings too')
    .option('--lenient', 'report what --lenient would repair as SCIM213 warnings, not errors')
    .option('--quiet', 'print errors only (warnings are still counted)')
    .addHelpText('after', '\nExample:\n  $ scimgen lint schemas/ --strict\n')
    .action(async (paths: string[], flags) => {
      const { lintCommand } = await import('./commands/lint.js');
      setExit(await lintCommand(paths, flags, logger));
    });

  program
    .command('token')
    .description(
      'mint a long-lived bearer JWT for an identity server, signed with the SCIM_JWT_SECRET of the environment',
    )
    .option('--issuer <iss>', 'the issuer the server accepts (default SCIM_JWT_ISSUER)')
    .option('--audience <aud>', 'the audience the server accepts (default SCIM_JWT_AUDIENCE)')
    .option('--subject <name>', 'who the token stands for, such as the identity server', 'identity-server')
    .option('--scope <scopes...>', "what it may do (scim:user:read …); none: the server's SCIM_JWT_DEFAULT_SCOPES")
    .option('--expires <lifetime>', 'how long it is valid: 10y, 90d, 12h or seconds', '10y')
    .addHelpText(
      'after',
      '\nExample:\n  $ SCIM_JWT_SECRET=… scimgen token --issuer https://scim.example.com --audience https://scim.example.com/scim/v2 --subject glpi --scope scim:user:read scim:user:write\n',
    )
    .action(async (flags: TokenFlags) => {
      const { tokenCommand } = await import('./commands/token.js');
      setExit(await tokenCommand(flags, logger));
    });

  program
    .command('init')
    .description(
      "scaffold scimgen.config.ts, an example extension of User, and the project's package.json (workspace, scripts, dependencies)",
    )
    .option('-d, --dir <dir>', 'directory to scaffold in', '.')
    .option('--server <framework>', 'also a SCIM server: fastify, express or node')
    .option('--store <store>', 'where the server keeps resources: sql (SQLite or PostgreSQL, the default) or memory')
    .option(
      '--database <database>',
      'only sqlite or only postgres, so only that driver is installed (default both, chosen by DATABASE_URL)',
    )
    .option('--client', 'also a typed client for a server with these schemas')
    .option('--extension <name>', 'the example extension: <name>User (default Example)')
    .addHelpText(
      'after',
      '\nExample:\n  $ npx scimgen init --server fastify --client && npm install && npm run build && npm start\n',
    )
    .action(async (flags: InitFlags) => {
      const { initCommand } = await import('./commands/init.js');
      setExit(await initCommand(flags, logger, VERSION));
    });

  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: readonly string[], logger: Logger = createLogger()): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(logger, (c) => {
    code = c;
  });
  if (argv.length <= 2) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      logger.error(error.message);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      logger.error(error.message);
      return EXIT.failure;
    }
    // File system refusals (an output path that is a file, no permission) are the user's to fix, not a crash.
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      logger.error((error as Error).message);
      return EXIT.failure;
    }
    logger.error(`unexpected: ${(error as Error).stack ?? String(error)}`);
    return EXIT.failure;
  }
}
