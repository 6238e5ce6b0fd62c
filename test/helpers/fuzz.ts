/**
 * The seed and size of the fuzz suites. SCIMGEN_FUZZ_SEED replays a run; in CI the seed is fixed
 * so a red run repeats, locally it is random and printed, so every local run explores new cases.
 * SCIMGEN_FUZZ_RUNS sets the number of cases (`npm run fuzz` asks for a million).
 */
const FIXED_CI_SEED = 20_261_203;

let seed: number | undefined;

export function fuzzSeed(): number {
  if (seed !== undefined) return seed;
  const given = process.env['SCIMGEN_FUZZ_SEED'];
  seed =
    given !== undefined && given !== ''
      ? Number(given)
      : process.env['CI'] !== undefined
        ? FIXED_CI_SEED
        : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed))
    throw new Error(`SCIMGEN_FUZZ_SEED must be an integer, not ${JSON.stringify(given)}`);
  process.stdout.write(`fuzz seed ${seed} (replay with SCIMGEN_FUZZ_SEED=${seed})\n`);
  return seed;
}

export function fuzzRuns(defaultRuns: number): number {
  const given = process.env['SCIMGEN_FUZZ_RUNS'];
  if (given === undefined || given === '') return defaultRuns;
  const runs = Number(given);
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new Error(`SCIMGEN_FUZZ_RUNS must be a positive integer, not ${given}`);
  return runs;
}
