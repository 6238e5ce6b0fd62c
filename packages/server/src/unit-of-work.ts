import { AsyncLocalStorage } from 'node:async_hooks';
import type { Reply } from './http.js';

/** Runs work in one database transaction (a SqlStore's `transaction`); nested, a savepoint. */
export type Transaction = <T>(work: () => Promise<T>) => Promise<T>;

const insideUnit = new AsyncLocalStorage<true>();

/**
 * Whether this request's writes are part of a /Bulk transaction. Its operations run one after the
 * other and the transaction already holds what they write, so they skip the per-resource queue
 * (waiting there on a request that waits for the transaction would never end).
 */
export function withinUnitOfWork(): boolean {
  return insideUnit.getStore() === true;
}

/** An operation's failure, carried out of its savepoint so the savepoint is undone. */
class Undone extends Error {
  constructor(readonly reply: Reply) {
    super('undone');
  }
}

/**
 * How a /Bulk request runs with a transaction: the whole request in one transaction, each
 * operation in a savepoint of it, undone when the operation fails (RFC 7644 §3.7: operations
 * before it stay, and failOnErrors decides whether later ones run). Without a transaction,
 * as it was: each operation its own.
 */
export function bulkUnits(transaction: Transaction | undefined): {
  whole: <T>(work: () => Promise<T>) => Promise<T>;
  operation: (work: () => Promise<Reply>) => Promise<Reply>;
} {
  if (transaction === undefined) return { whole: (work) => work(), operation: (work) => work() };
  return {
    whole: (work) => insideUnit.run(true, () => transaction(work)),
    operation: async (work) => {
      try {
        return await transaction(async () => {
          const reply = await work();
          if (reply.status >= 400) throw new Undone(reply);
          return reply;
        });
      } catch (error) {
        if (error instanceof Undone) return error.reply;
        throw error;
      }
    },
  };
}
