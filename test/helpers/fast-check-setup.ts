import fc from 'fast-check';
import { fuzzSeed, MIN_PROPERTY_RUNS } from './fuzz.js';

// Every property test in every worker: the run's seed (chosen once by the global setup), and at
// least MIN_PROPERTY_RUNS cases unless a test asks for more.
fc.configureGlobal({ seed: fuzzSeed(), numRuns: MIN_PROPERTY_RUNS });
