/** A SQL value passed as a parameter: filter values never become SQL text. */
export type SqlValue = string | number | null;

/**
 * Collects the parameters of one statement. Each value gets its own placeholder in the
 * dialect's style ($1 for PostgreSQL, @p1 for SQLite), so a fragment may use it more than once.
 */
export class Params {
  readonly values: SqlValue[] = [];

  constructor(private readonly style: 'numbered' | 'named') {}

  add(value: SqlValue): string {
    this.values.push(value);
    return this.style === 'numbered' ? `$${this.values.length}` : `@p${this.values.length}`;
  }

  /** The values as the driver takes them: an array for PostgreSQL, { p1, p2 } for SQLite. */
  bindings(): SqlValue[] | Record<string, SqlValue> {
    if (this.style === 'numbered') return this.values;
    return Object.fromEntries(this.values.map((v, i) => [`p${i + 1}`, v]));
  }
}

/** A SQL string literal, for the few names (JSON paths of attributes) that migrations must spell out. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
