// How long the scimgen CLI takes to start and finish, a fresh process per run, next to a bare
// `node -e 0`: --version, --help, lint of core + enterprise + acme, and lint of the config's targets. Median of BENCH_RUNS
// (default 15) interleaved runs. Usage: npm run bench:cli.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SCIMGEN = new URL('../generator/bin/scimgen.js', import.meta.url).pathname;
const ACME = ['schemas/core', 'schemas/resource-types/Group.json', 'schemas/examples/acme'];

const CASES = [
  ['node -e 0 (a bare Node start)', ['-e', '0'], undefined],
  ['scimgen --version', [SCIMGEN, '--version'], 0.3],
  ['scimgen --help', [SCIMGEN, '--help'], 0.3],
  ['scimgen lint (core + enterprise + acme)', [SCIMGEN, 'lint', ...ACME], 0.8],
  // Given no paths, lint reads scimgen.config.ts (compiled by jiti) and lints its four targets.
  ['scimgen lint (the targets of scimgen.config.ts)', [SCIMGEN, 'lint'], 0.8],
];

const times = CASES.map(() => []);
for (let run = 0; run < RUNS; run++)
  for (const [k, [, args]] of CASES.entries()) {
    const started = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    times[k].push((performance.now() - started) / 1000);
  }
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
process.stdout.write(`Node ${process.version}, median of ${RUNS} runs, a fresh process each\n\n`);
process.stdout.write('| command | median | target |\n| --- | --: | --: |\n');
for (const [k, [name, , target]] of CASES.entries())
  process.stdout.write(
    `| ${name} | ${median(times[k]).toFixed(3)} s | ${target === undefined ? '' : `≤ ${target} s`} |\n`,
  );
