import type { Dialect, Elements, JsonRef } from './dialect.js';
import { sqlString } from './params.js';

const NOT_EMPTY_LEAF = `t.type NOT IN ('null', 'object', 'array') AND NOT (t.type = 'text' AND t.atom = '')`;

/** SQLite: a JSON path below a JSON text expression (json_type/json_extract never fail on a missing path). */
export class SqlitePathRef implements JsonRef {
  constructor(
    private readonly base: string,
    private readonly keys: readonly string[],
  ) {}

  private get path(): string {
    return sqlString(`$${this.keys.map((k) => `."${k}"`).join('')}`);
  }
  private get type(): string {
    return `json_type(${this.base}, ${this.path})`;
  }
  private get value(): string {
    return `json_extract(${this.base}, ${this.path})`;
  }
  isNull(): string {
    return `COALESCE(${this.type}, 'null') = 'null'`;
  }
  text(): string {
    return `CASE WHEN ${this.type} = 'text' THEN ${this.value} END`;
  }
  number(): string {
    return `CASE WHEN ${this.type} IN ('integer', 'real') THEN ${this.value} END`;
  }
  isBoolean(value: boolean): string {
    return `${this.type} IS '${value ? 'true' : 'false'}'`;
  }
  isArray(): string {
    return `${this.type} IS 'array'`;
  }
  isObject(): string {
    return `${this.type} IS 'object'`;
  }
  member(key: string): JsonRef {
    return new SqlitePathRef(this.base, [...this.keys, key]);
  }
  elements(alias: string): Elements {
    return {
      from: `json_each(CASE WHEN ${this.type} = 'array' THEN ${this.value} ELSE '[]' END) AS ${alias}`,
      element: new SqliteElementRef(alias),
    };
  }
  present(): string {
    return `EXISTS (SELECT 1 FROM json_tree(${this.base}, ${this.path}) AS t WHERE ${NOT_EMPTY_LEAF})`;
  }
}

/** SQLite: one row of json_each over an array. */
class SqliteElementRef implements JsonRef {
  constructor(private readonly alias: string) {}

  isNull(): string {
    return `${this.alias}.type = 'null'`;
  }
  text(): string {
    return `CASE WHEN ${this.alias}.type = 'text' THEN ${this.alias}.atom END`;
  }
  number(): string {
    return `CASE WHEN ${this.alias}.type IN ('integer', 'real') THEN ${this.alias}.atom END`;
  }
  isBoolean(value: boolean): string {
    return `${this.alias}.type = '${value ? 'true' : 'false'}'`;
  }
  isArray(): string {
    return `${this.alias}.type = 'array'`;
  }
  isObject(): string {
    return `${this.alias}.type = 'object'`;
  }
  private get container(): string {
    return `CASE WHEN ${this.alias}.type IN ('object', 'array') THEN ${this.alias}.value END`;
  }
  member(key: string): JsonRef {
    return new SqlitePathRef(`CASE WHEN ${this.alias}.type = 'object' THEN ${this.alias}.value END`, [key]);
  }
  elements(alias: string): Elements {
    return {
      from: `json_each(CASE WHEN ${this.alias}.type = 'array' THEN ${this.alias}.value ELSE '[]' END) AS ${alias}`,
      element: new SqliteElementRef(alias),
    };
  }
  present(): string {
    return `(CASE WHEN ${this.alias}.type IN ('object', 'array') THEN EXISTS (SELECT 1 FROM json_tree(${this.container}) AS t WHERE ${NOT_EMPTY_LEAF}) ELSE ${this.alias}.type <> 'null' AND NOT (${this.alias}.type = 'text' AND ${this.alias}.atom = '') END)`;
  }
}

/** PostgreSQL: a jsonb expression (-> on a non-object gives NULL, never an error). */
export class PostgresJsonRef implements JsonRef {
  constructor(private readonly json: string) {}

  private get type(): string {
    return `jsonb_typeof(${this.json})`;
  }
  isNull(): string {
    return `COALESCE(${this.type}, 'null') = 'null'`;
  }
  text(): string {
    return `CASE WHEN ${this.type} = 'string' THEN ${this.json} #>> '{}' END`;
  }
  number(): string {
    return `CASE WHEN ${this.type} = 'number' THEN (${this.json})::numeric END`;
  }
  isBoolean(value: boolean): string {
    return `${this.json} IS NOT DISTINCT FROM '${value ? 'true' : 'false'}'::jsonb`;
  }
  isArray(): string {
    return `${this.type} IS NOT DISTINCT FROM 'array'`;
  }
  isObject(): string {
    return `${this.type} IS NOT DISTINCT FROM 'object'`;
  }
  member(key: string): JsonRef {
    return new PostgresJsonRef(`(${this.json} -> ${sqlString(key)})`);
  }
  elements(alias: string): Elements {
    return {
      from: `jsonb_array_elements(CASE WHEN ${this.type} = 'array' THEN ${this.json} ELSE '[]'::jsonb END) AS ${alias}(value)`,
      element: new PostgresJsonRef(`${alias}.value`),
    };
  }
  present(): string {
    return `COALESCE(jsonb_path_exists(${this.json}, 'strict $.** ? ((@.type() == "string" && @ != "") || @.type() == "number" || @.type() == "boolean")'), false)`;
  }
}

/** What a ref built from columns needs of the dialect: a value that is never there, and no elements. */
export type Nothing = Pick<Dialect, 'absent' | 'emptyElements'>;

const TRUE = '1 = 1';
const FALSE = '1 = 0';

/**
 * A value that is not a JSON document: a column, a membership table, meta. By default it is
 * present but no string, number, boolean, array or object, and has no members or elements;
 * each kind overrides what it is.
 */
abstract class ColumnsRef implements JsonRef {
  constructor(protected readonly nothing: Nothing) {}
  isNull(): string {
    return FALSE;
  }
  text(): string {
    return 'NULL';
  }
  number(): string {
    return 'NULL';
  }
  isBoolean(_value: boolean): string {
    return FALSE;
  }
  isArray(): string {
    return FALSE;
  }
  isObject(): string {
    return FALSE;
  }
  member(_key: string): JsonRef {
    return this.nothing.absent();
  }
  elements(alias: string): Elements {
    return this.nothing.emptyElements(alias);
  }
  present(): string {
    return TRUE;
  }
}

/**
 * A text column standing for a single-valued string attribute (id, externalId, a unique
 * attribute's key, a meta date). `folded` columns hold the lower-cased value already;
 * `instant` columns hold canonical ISO 8601 UTC text, so text order is time order.
 */
export class TextColumnRef extends ColumnsRef {
  constructor(
    readonly column: string,
    readonly kind: 'text' | 'folded' | 'instant',
    nothing: Nothing,
  ) {
    super(nothing);
  }
  override isNull(): string {
    return `${this.column} IS NULL`;
  }
  override text(): string {
    return this.column;
  }
  override present(): string {
    return `(${this.column} IS NOT NULL AND ${this.column} <> '')`;
  }
}

/**
 * The members of a resource, one row each in its membership table: `members[value eq "…"]`
 * becomes an indexed lookup there instead of a scan of every group's JSON.
 */
export class MembersRef extends ColumnsRef {
  constructor(
    private readonly table: string,
    private readonly resourceId: string,
    private readonly dialect: Dialect,
  ) {
    super(dialect);
  }

  private rows(where = ''): string {
    return `EXISTS (SELECT 1 FROM ${this.table} AS m0 WHERE m0.resource_id = ${this.resourceId}${where})`;
  }
  override isNull(): string {
    return `NOT ${this.rows()}`;
  }
  /** Without rows the attribute is absent, as a resource read back without members shows it. */
  override isArray(): string {
    return this.rows();
  }
  override elements(alias: string): Elements {
    return {
      from: `${this.table} AS ${alias}`,
      where: `${alias}.resource_id = ${this.resourceId}`,
      element: memberRowRef(this.dialect, alias),
    };
  }
  override present(): string {
    return this.rows(` AND m0.value <> ''`);
  }
}

/** One membership row: its JSON object, with "value" read from the indexed column. */
export class MemberRowRef extends ColumnsRef {
  constructor(
    private readonly json: JsonRef,
    private readonly value: JsonRef,
    nothing: Nothing,
  ) {
    super(nothing);
  }
  override isObject(): string {
    return TRUE;
  }
  override member(key: string): JsonRef {
    return key === 'value' ? this.value : this.json.member(key);
  }
  override elements(alias: string): Elements {
    return this.json.elements(alias);
  }
  override present(): string {
    return this.json.present();
  }
}

/** The membership row of a table alias (`m`): its "member" JSON, "value" from its column. */
export function memberRowRef(dialect: Dialect, alias: string): MemberRowRef {
  return new MemberRowRef(
    dialect.json(`${alias}."member"`),
    new TextColumnRef(`${alias}."value"`, 'text', dialect),
    dialect,
  );
}

/** meta, read from the row's columns (the document does not keep it): created, lastModified, version. */
export class MetaRef extends ColumnsRef {
  constructor(
    private readonly columns: Readonly<Record<'created' | 'lastModified' | 'version', JsonRef>>,
    nothing: Nothing,
  ) {
    super(nothing);
  }
  override isObject(): string {
    return TRUE;
  }
  override member(key: string): JsonRef {
    return key === 'created' || key === 'lastModified' || key === 'version' ? this.columns[key] : this.nothing.absent();
  }
}
