// Wall-clock benchmark of `scimgen generate` as a user runs it: a fresh node process per run
// (startup, loading, linting, IR, json-schema-to-typescript, prettier, writing), with and without
// the cache of formatted files and compiled types.
// Usage: npm run bench   (prints a Markdown table; copy it into bench/README.md)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const cli = path.join(root, 'generator/bin/scimgen.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** One generate into a fresh output folder; its wall time in ms. */
function once(args, cwd) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-out-'));
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, 'generate', ...args, '--out', out], {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  rmSync(out, { recursive: true, force: true });
  return ms;
}

/**
 * Cold: `--no-cache`, every file formatted and every type compiled (a first run, or CI on a
 * fresh clone). Warm: with the cache in the project's node_modules/.cache/scimgen filled by an
 * untimed run first (a regeneration, --check, the watcher). `cwd` holds a node_modules of its own.
 */
function time(args, cwd) {
  const cold = [];
  const warm = [];
  rmSync(path.join(cwd, 'node_modules', '.cache'), { recursive: true, force: true });
  once(args, cwd);
  for (let i = 0; i < RUNS; i++) {
    cold.push(once([...args, '--no-cache'], cwd));
    warm.push(once(args, cwd));
  }
  const summary = (samples) => {
    samples.sort((a, b) => a - b);
    return { median: samples[Math.floor(samples.length / 2)], min: samples[0] };
  };
  return { cold: summary(cold), warm: summary(warm) };
}

/** A folder of the bench's own holding the repository's schemas and a node_modules for the cache. */
function projectWithRepositorySchemas() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-project-'));
  cpSync(path.join(root, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules'));
  return dir;
}

const TYPES = ['string', 'boolean', 'integer', 'decimal', 'dateTime', 'reference', 'binary'];

/** 10 resource types, each a core schema plus 4 extensions: 50 schemas sharing `total` attributes. */
function syntheticSet(total) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-in-'));
  mkdirSync(path.join(dir, 'node_modules'));
  const perSchema = total / 50;
  let made = 0;
  for (let r = 0; r < 10; r++) {
    const ids = [];
    for (let s = 0; s < 5; s++) {
      const id =
        s === 0
          ? `urn:example:params:scim:schemas:core:2.0:Thing${r}`
          : `urn:example:params:scim:schemas:extension:e${s}:2.0:Thing${r}`;
      ids.push(id);
      const attributes = [];
      let count = 0;
      for (let a = 0; count < perSchema; a++) {
        const complex = a % 5 === 4 && perSchema - count >= 4;
        const type = TYPES[a % TYPES.length];
        attributes.push({
          name: `attr${a}`,
          type: complex ? 'complex' : type,
          multiValued: a % 3 === 0,
          description: `Synthetic attribute ${a} of schema ${s} in resource ${r}.`,
          required: a % 7 === 0,
          caseExact: type === 'binary',
          mutability: ['readWrite', 'readOnly', 'immutable', 'writeOnly'][a % 4],
          returned: a % 4 === 3 ? 'never' : 'default',
          uniqueness: 'none',
          ...(type === 'reference' && !complex ? { referenceTypes: ['external'] } : {}),
          ...(type === 'string' && !complex ? { canonicalValues: ['one', 'two', 'three'] } : {}),
          ...(complex
            ? {
                subAttributes: ['value', 'display', 'type'].map((n) => ({
                  name: n,
                  type: 'string',
                  mutability: 'readWrite',
                  returned: 'default',
                })),
              }
            : {}),
        });
        count += complex ? 4 : 1;
      }
      made += count;
      writeFileSync(path.join(dir, `r${r}-s${s}.json`), JSON.stringify({ id, name: `Thing${r}Part${s}`, attributes }));
    }
    writeFileSync(
      path.join(dir, `r${r}-type.json`),
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        name: `Thing${r}`,
        endpoint: `/Things${r}`,
        schema: ids[0],
        schemaExtensions: ids.slice(1).map((schema) => ({ schema, required: false })),
      }),
    );
  }
  return { dir, attributes: made };
}

const rows = [];
const project = projectWithRepositorySchemas();
const acme = time(['--schemas', 'schemas/core', 'schemas/resource-types/Group.json', 'schemas/examples/acme'], project);
rows.push(['core + enterprise + acme (8 schemas, 2 resource types)', acme]);
for (const total of [250, 500, 1000, 2000]) {
  const set = syntheticSet(total);
  rows.push([`synthetic: 50 schemas, ${set.attributes} attributes`, time(['--schemas', '.'], set.dir)]);
  rmSync(set.dir, { recursive: true, force: true });
}
rows.push(['one small schema (start-up floor)', time(['--schemas', 'schemas/core/Group.json'], project)]);
rmSync(project, { recursive: true, force: true });

const cell = ({ median, min }) => `${median.toFixed(0)} ms (${min.toFixed(0)} ms)`;
process.stdout.write(`node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each, median (min)\n\n`);
process.stdout.write('| input | cold (--no-cache) | warm (cache filled) |\n| --- | --: | --: |\n');
for (const [name, t] of rows) process.stdout.write(`| ${name} | ${cell(t.cold)} | ${cell(t.warm)} |\n`);
