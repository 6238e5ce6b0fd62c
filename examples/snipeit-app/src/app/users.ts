import type Database from 'better-sqlite3';
import type { UserLookups, UserRecord } from '../mappings/user.js';

/** A users row: the record the mappings fill, plus what the application keeps of its own. */
export interface UserRow extends UserRecord {
  readonly id: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

/** The mapped columns, in the order the statements list them. */
export const USER_COLUMNS = [
  'username',
  'first_name',
  'last_name',
  'email',
  'activated',
  'phone',
  'address',
  'city',
  'state',
  'zip',
  'country',
  'jobtitle',
  'locale',
  'employee_num',
  'department_id',
  'scim_externalid',
] as const satisfies readonly (keyof UserRecord)[];

const values = (record: UserRecord) => USER_COLUMNS.map((c) => record[c] ?? null);

/**
 * The application's user repository: plain SQL over its own tables. What SCIM asks of it is in
 * the handler; this is what the application would have anyway.
 */
export class UserRepository {
  constructor(readonly db: Database.Database) {}

  /** Departments by name, created on first use: Snipe-IT sets department_id by looking the name up. */
  readonly departments: UserLookups['department'] = {
    toApp: (name) => {
      const found = this.db.prepare('SELECT id FROM departments WHERE name = ?').get(name) as
        { id: number } | undefined;
      if (found !== undefined) return found.id;
      return Number(this.db.prepare('INSERT INTO departments (name) VALUES (?)').run(name).lastInsertRowid);
    },
    toScim: (id) =>
      (this.db.prepare('SELECT name FROM departments WHERE id = ?').get(id) as { name: string } | undefined)?.name,
  };

  /** A department's id by name, without creating one (for filters). */
  departmentId(name: string): number | undefined {
    return (this.db.prepare('SELECT id FROM departments WHERE name = ?').get(name) as { id: number } | undefined)?.id;
  }

  insert(record: UserRecord, now: string): UserRow {
    const placeholders = USER_COLUMNS.map(() => '?').join(', ');
    const id = this.db
      .prepare(`INSERT INTO users (${USER_COLUMNS.join(', ')}, created_at, updated_at) VALUES (${placeholders}, ?, ?)`)
      .run(...values(record), now, now).lastInsertRowid;
    return this.find(Number(id))!;
  }

  find(id: number): UserRow | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row === undefined ? undefined : fromRow(row);
  }

  /** Writes the record when the row is still at `version`; false when it is not (changed, or gone). */
  update(id: number, record: UserRecord, version: number, now: string): boolean {
    const sets = USER_COLUMNS.map((c) => `${c} = ?`).join(', ');
    return (
      this.db
        .prepare(`UPDATE users SET ${sets}, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`)
        .run(...values(record), now, id, version).changes === 1
    );
  }

  page(
    where: string,
    params: readonly unknown[],
    order: string,
    limit: number,
    offset: number,
  ): { total: number; rows: UserRow[] } {
    const total = (this.db.prepare(`SELECT count(*) AS n FROM users WHERE ${where}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM users WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as Record<string, unknown>[];
    return { total, rows: rows.map(fromRow) };
  }
}

/** SQL NULL is an absent value. */
function fromRow(row: Record<string, unknown>): UserRow {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (value !== null) out[key] = value;
  return out as unknown as UserRow;
}
