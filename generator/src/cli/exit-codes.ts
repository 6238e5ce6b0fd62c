/** 0: success; 1: schema errors, failed checks or drift; 2: the command line itself is wrong. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A mistake in how the command was called; reported with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
