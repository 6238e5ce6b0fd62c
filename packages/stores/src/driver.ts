import type { Dialect } from './sql/dialect.js';
import type { Params } from './sql/params.js';

export type Row = Record<string, unknown>;

/** Runs statements: the pool or connection outside a transaction, the transaction inside one. */
export interface SqlExecutor {
  all(sql: string, params: Params): Promise<Row[]>;
  /** The number of rows changed. */
  run(sql: string, params: Params): Promise<number>;
}

export interface UnitOptions {
  readonly optimistic?: boolean;
}

/** A database the stores can use: SQLite and PostgreSQL implement it. */
export interface SqlDriver extends SqlExecutor {
  readonly dialect: Dialect;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Inside `unitOfWork` it is a savepoint of the unit's transaction instead.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `work` with every statement it makes (in its async context) inside one transaction,
   * committed once at the end: a /Bulk request's operations, each a savepoint. Nested, a
   * savepoint of the outer unit. `optimistic` (PostgreSQL, where each savepoint costs round
   * trips): savepoints are left out, and when one would have had to undo something (a statement
   * failed, or work inside it wrote rows and then threw), the transaction is rolled back and
   * `work` runs again with them. Only for work whose every effect is in this database.
   */
  unitOfWork<T>(work: () => Promise<T>, options?: UnitOptions): Promise<T>;
  /** The name of the unique index a write violated, when that is what the error is. */
  uniqueViolation(error: unknown): string | undefined;
  close(): Promise<void>;
}
