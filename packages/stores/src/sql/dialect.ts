import type { Params } from './params.js';

/**
 * A JSON value inside a row, as SQL: the resource document, a member of it, or one element of an
 * array being searched. Every test below is NULL-free (absent values give false, not NULL), so
 * NOT, AND and OR over them mean what the in-process filter means.
 */
export interface JsonRef {
  /** True when the value is absent or JSON null. */
  isNull(): string;
  /** The value as SQL text when it is a JSON string, else NULL. */
  text(): string;
  /** The value as an SQL number when it is a JSON number, else NULL. */
  number(): string;
  /** True when the value is the JSON boolean `value`. */
  isBoolean(value: boolean): string;
  isArray(): string;
  isObject(): string;
  /** A member of the value when it is an object (absent otherwise). */
  member(key: string): JsonRef;
  /** `FROM` items iterating the elements of the value when it is an array, with each element. */
  elements(alias: string): Elements;
  /** RFC 7644 "pr": a non-null value that is not "" (recursively, for arrays and objects). */
  present(): string;
}

/** Array elements to search with EXISTS: FROM items, an optional join condition, each element. */
export interface Elements {
  readonly from: string;
  readonly where?: string;
  readonly element: JsonRef;
}

/** What differs between SQLite and PostgreSQL in the statements the stores write. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  readonly paramStyle: 'numbered' | 'named';
  /** The document column of a table alias, as a JsonRef. */
  document(alias: string): JsonRef;
  /** A JSON-valued SQL expression (a membership row's object). */
  json(sql: string): JsonRef;
  /** A value that is never there. */
  absent(): JsonRef;
  /** No elements at all. */
  emptyElements(alias: string): Elements;
  /** Lower-casing as the in-process filter does (String.prototype.toLowerCase where possible). */
  fold(sql: string): string;
  /** A dateTime text as a comparable instant; the parameter is an ISO 8601 string. */
  instant(sql: string): string;
  instantParam(placeholder: string): string;
  /** text contains, starts with, ends with a (non-empty) parameter. */
  contains(sql: string, placeholder: string): string;
  startsWith(sql: string, placeholder: string): string;
  endsWith(sql: string, placeholder: string): string;
  /** Code point order for text comparisons (what JavaScript's < does, outside surrogate pairs). */
  binary(sql: string): string;
  /** A number parameter typed for comparison. */
  numberParam(placeholder: string): string;
  /** An aggregate of member JSON objects into a JSON array, in insertion order. */
  membersArray(table: string, resourceId: string): string;
  /** A group's `groups` value ({ value, display, type: "direct" }) as JSON, from its table alias. */
  groupValue(alias: string): string;
  /** The `groups` values of a member as a JSON array, by group id, from rows shaped as groupRows gives. */
  groupsArray(rows: string, memberId: string): string;
  /** Nulls after values in ascending order, before them in descending (the in-process order). */
  nulls(direction: 'ASC' | 'DESC'): string;
  /** A JSON text parameter stored in a document column (SQLite keeps its binary JSONB: scans read it 2-3× faster). */
  jsonParam(placeholder: string): string;
  /** A document column read back as JSON text (or, from pg, parsed already). */
  readJson(sql: string): string;
  /** The integer version column as text (meta.version is a string). */
  versionText(sql: string): string;
  /** Parameters for this dialect. */
  params(): Params;
}
