// A scripted mutation audit of the runtime, server, stores and generator: each mutation below is
// one small change to the source that a test must notice. It is applied alone, the packages it
// touches rebuilt, the tests named for it run, and it counts as caught when they fail; the source
// is restored afterwards, whatever happens. Prints a table and the score.
// Usage: npm run mutate [-- <name substring>…]   (not part of `npm test`: it rebuilds per mutation)
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** name, file, the exact text to change, what it becomes, the workspaces to rebuild, the tests to run. */
const MUTATIONS = [
  {
    name: 'bearerTokens() accepts any token',
    file: 'packages/server/src/auth/bearer.ts',
    find: 'return token !== undefined && !/\\s/.test(token) && matchesAny(expected, token);',
    replace: 'return true;',
    build: ['@scimgen/server'],
    tests: ['test/server/settings.test.ts', 'test/server/auth.test.ts'],
  },
  {
    name: 'an unexpected exception answers 500 with its stack',
    file: 'packages/server/src/server.ts',
    find: "return errorReply(new ScimError(500, 'the server failed to answer this request'));",
    replace: 'return errorReply(new ScimError(500, String((error as Error).stack)));',
    build: ['@scimgen/server'],
    tests: ['test/server/hostile.test.ts', 'test/server/errors.test.ts'],
  },
  {
    name: 'maxInProcessSort no longer limits',
    file: 'packages/stores/src/store.ts',
    find: 'if (rows.length > limit)',
    replace: 'if (rows.length < 0)',
    build: ['@scimgen/stores'],
    tests: ['test/stores/contract.test.ts', 'test/stores/limits.test.ts'],
  },
  {
    name: 'migrations run without the PostgreSQL advisory lock',
    file: 'packages/stores/src/migrate.ts',
    find: 'await tx.all(`SELECT pg_advisory_xact_lock(${p.add(MIGRATION_LOCK)})`, p);',
    replace: 'void p;',
    build: ['@scimgen/stores'],
    tests: ['test/stores/limits.test.ts'],
  },
  {
    name: 'lint SCIM110 only for writeOnly returned "always"',
    file: 'generator/src/input/lint-attribute.ts',
    find: "if (mutability === 'writeOnly' && returned !== undefined && returned !== 'never') {",
    replace: "if (mutability === 'writeOnly' && returned === 'always') {",
    build: ['scimgen'],
    tests: ['test/lint.test.ts'],
  },
  {
    name: "the store's version check is gone",
    file: 'packages/stores/src/store.ts',
    find: 'if (context.expectedVersion !== undefined && String(version) !== context.expectedVersion)',
    replace: 'if (context.expectedVersion === "never")',
    build: ['@scimgen/stores'],
    tests: ['test/stores/contract.test.ts', 'test/stores/scale-out.test.ts'],
  },
  {
    name: '"*/" in comments is no longer escaped',
    file: 'generator/src/render/escape.ts',
    find: ".replace(/\\*\\//g, '*\\\\/')",
    replace: '',
    build: ['scimgen'],
    tests: ['test/fuzz.test.ts'],
  },
  {
    name: 'request bodies are not checked for depth and storable text',
    file: 'packages/server/src/body.ts',
    find: '  checkRequestJson(parsed);',
    replace: '',
    build: ['@scimgen/server'],
    tests: ['test/stores/hardening.test.ts'],
  },
  {
    name: 'cursors are accepted without their MAC',
    file: 'packages/server/src/cursor-seal.ts',
    find: 'if (given.length !== expected.length || !timingSafeEqual(given, expected))',
    replace: 'if (given.length < 0)',
    build: ['@scimgen/server'],
    tests: ['test/stores/hardening.test.ts'],
  },
  {
    name: 'passwords are stored as sent',
    file: 'packages/server/src/resources.ts',
    find: 'const sent = value[name];',
    replace: 'const sent: unknown = undefined;',
    build: ['@scimgen/server'],
    tests: ['test/stores/hardening.test.ts', 'test/server/passwords.test.ts'],
  },
  {
    name: 'filters may name never-returned attributes',
    file: 'packages/server/src/hidden-attributes.ts',
    find: '  if (query.filter !== undefined) refuseHiddenInFilter(descriptor, query.filter);',
    replace: '',
    build: ['@scimgen/server'],
    tests: ['test/stores/hardening.test.ts'],
  },
  {
    name: 'a write without If-Match is not tried again after a conflict',
    file: 'packages/server/src/resources.ts',
    find: 'if (operation.ifMatch !== undefined || !(error instanceof ScimError) || error.status !== 412) throw error;',
    replace: 'throw error;',
    build: ['@scimgen/server'],
    tests: ['test/stores/scale-out.test.ts'],
  },
  {
    name: 'PATCH results are not held to the array cap',
    file: 'packages/server/src/patch-limits.ts',
    find: '  if (values.length > maxArrayLength)',
    replace: '  if (values.length < 0)',
    build: ['@scimgen/server'],
    tests: ['test/stores/hardening.test.ts'],
  },
  {
    name: 'no credentials means no authentication again',
    file: 'packages/server/src/settings.ts',
    find: '    if (!hasCredentials)',
    replace: '    if (hasCredentials && !hasCredentials)',
    build: ['@scimgen/server'],
    tests: ['test/server/settings.test.ts'],
  },
  {
    name: 'dateTime filter literals beyond year 9999 are accepted',
    file: 'packages/runtime/src/filter/compile.ts',
    find: 'if (instant < FIRST_INSTANT || instant > LAST_INSTANT)',
    replace: 'if (instant < FIRST_INSTANT)',
    build: ['@scimgen/runtime'],
    tests: ['test/stores/hardening.test.ts'],
  },
  {
    name: 'server-unique integers get no unique column',
    file: 'packages/stores/src/layout.ts',
    find: "a.uniqueness !== 'none' && !a.multiValued && a.type !== 'complex'",
    replace: "a.uniqueness !== 'none' && !a.multiValued && TEXT_TYPES.has(a.type)",
    build: ['@scimgen/stores'],
    tests: ['test/stores/hardening.test.ts'],
  },
];

const only = process.argv.slice(2);
const chosen = MUTATIONS.filter((m) => only.length === 0 || only.some((o) => m.name.includes(o)));
const npm = (args) => execFileSync('npm', args, { cwd: ROOT, stdio: 'pipe' });

const rows = [];
for (const mutation of chosen) {
  const file = path.join(ROOT, mutation.file);
  const original = readFileSync(file, 'utf8');
  const at = original.indexOf(mutation.find);
  if (at < 0 || original.indexOf(mutation.find, at + 1) >= 0) {
    rows.push([mutation.name, 'stale: the text to change is not there exactly once']);
    continue;
  }
  writeFileSync(file, original.slice(0, at) + mutation.replace + original.slice(at + mutation.find.length));
  let verdict;
  try {
    npm(['run', 'build', ...mutation.build.flatMap((w) => ['-w', w])]);
    const run = spawnSync('npx', ['vitest', 'run', ...mutation.tests], { cwd: ROOT, encoding: 'utf8' });
    verdict = run.status === 0 ? 'SURVIVED' : 'caught';
  } catch {
    // A change the compiler refuses proves nothing about the tests: fix the mutation.
    verdict = 'invalid: does not build';
  } finally {
    writeFileSync(file, original);
  }
  rows.push([mutation.name, verdict]);
  process.stdout.write(`${verdict.padEnd(8)} ${mutation.name}\n`);
}
// Back to the source as it is.
npm(['run', 'build:generator']);
const caught = rows.filter(([, v]) => v === 'caught').length;
process.stdout.write(`\n| mutation | result |\n| --- | --- |\n${rows.map(([n, v]) => `| ${n} | ${v} |`).join('\n')}\n`);
process.stdout.write(`\nmutation score: ${caught} of ${rows.length} caught\n`);
process.exitCode = caught === rows.length ? 0 : 1;
