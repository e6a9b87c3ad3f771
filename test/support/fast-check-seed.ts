import fc from 'fast-check';

/**
 * In CI the property tests draw their inputs from one fixed seed, so that whether a run passes does not depend on
 * chance; elsewhere each run draws new ones, and a failure prints the seed and path that replay it. `FC_SEED`
 * chooses the seed anywhere.
 */
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261206' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
