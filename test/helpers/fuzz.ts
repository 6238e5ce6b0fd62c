/**
 * The seed and size of the property and fuzz tests. SCIMGEN_FUZZ_SEED replays a run; in CI the
 * seed is fixed so a red run repeats, locally it is random, so every local run explores new cases.
 * The global setup chooses it once, prints it and hands it to every worker through the
 * environment. SCIMGEN_FUZZ_RUNS sets the number of cases of the fuzz suites (`npm run fuzz`
 * asks for a million); every property test runs at least MIN_PROPERTY_RUNS cases.
 */
const FIXED_CI_SEED = 20_261_203;

/** The fewest cases a property test runs. */
export const MIN_PROPERTY_RUNS = 100;

let seed: number | undefined;

export function fuzzSeed(): number {
  if (seed !== undefined) return seed;
  const given = process.env['SCIMGEN_FUZZ_SEED'];
  const chosenHere = given === undefined || given === '';
  seed = !chosenHere
    ? Number(given)
    : process.env['CI'] !== undefined
      ? FIXED_CI_SEED
      : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed))
    throw new Error(`SCIMGEN_FUZZ_SEED must be an integer, not ${JSON.stringify(given)}`);
  if (chosenHere) process.stdout.write(`property and fuzz seed ${seed} (replay with SCIMGEN_FUZZ_SEED=${seed})\n`);
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
