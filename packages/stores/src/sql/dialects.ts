import type { Dialect, JsonRef } from './dialect.js';
import { Params } from './params.js';
import { PostgresJsonRef, SqlitePathRef } from './refs.js';

/**
 * SQLite through better-sqlite3. scim_fold and scim_instant are JavaScript functions the driver
 * registers, so case folding and dateTime parsing are exactly the in-process filter's.
 */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  paramStyle: 'named',
  document: (alias) => new SqlitePathRef(`${alias}.doc`, []),
  json: (sql) => new SqlitePathRef(sql, []),
  absent: () => new SqlitePathRef('NULL', []),
  emptyElements: (alias) => ({ from: `json_each('[]') AS ${alias}`, element: new SqlitePathRef('NULL', []) }),
  fold: (sql) => `scim_fold(${sql})`,
  instant: (sql) => `scim_instant(${sql})`,
  instantParam: (p) => `scim_instant(${p})`,
  contains: (sql, p) => `instr(${sql}, ${p}) > 0`,
  startsWith: (sql, p) => `substr(${sql}, 1, length(${p})) = ${p}`,
  endsWith: (sql, p) => `substr(${sql}, -length(${p})) = ${p}`,
  binary: (sql) => sql,
  numberParam: (p) => p,
  membersArray: (table, resourceId) =>
    `(SELECT json_group_array(json(m.member)) FROM (SELECT member FROM ${table} WHERE resource_id = ${resourceId} ORDER BY seq) AS m)`,
  groupValue: (g) =>
    `CASE WHEN ${g}."doc" ->> '$.displayName' IS NULL THEN json_object('value', ${g}."id", 'type', 'direct') ELSE json_object('value', ${g}."id", 'display', ${g}."doc" ->> '$.displayName', 'type', 'direct') END`,
  groupsArray: (rows, memberId) =>
    `(SELECT json_group_array(json(x.member)) FROM (SELECT member FROM ${rows} WHERE resource_id = ${memberId} ORDER BY value) AS x)`,
  nulls: (direction) => (direction === 'ASC' ? ' NULLS LAST' : ' NULLS FIRST'),
  jsonParam: (p) => `jsonb(${p})`,
  readJson: (sql) => `json(${sql})`,
  versionText: (sql) => `CAST(${sql} AS TEXT)`,
  params: () => new Params('named'),
};

/** PostgreSQL through pg: documents are jsonb, text columns use the "C" collation (code point order). */
export const postgresDialect: Dialect = {
  name: 'postgres',
  paramStyle: 'numbered',
  document: (alias) => new PostgresJsonRef(`${alias}.doc`),
  json: (sql) => new PostgresJsonRef(sql),
  absent: () => new PostgresJsonRef('NULL::jsonb'),
  emptyElements: (alias) => ({
    from: `jsonb_array_elements('[]'::jsonb) AS ${alias}(value)`,
    element: new PostgresJsonRef('NULL::jsonb'),
  }),
  // lower() leaves a final sigma as σ where JavaScript writes ς: foldCase reads both as σ.
  fold: (sql) => `replace(lower(${sql}), 'ς', 'σ')`,
  instant: (sql) => `scimgen_instant(${sql})`,
  instantParam: (p) => `${p}::timestamptz`,
  contains: (sql, p) => `strpos(${sql}, ${p}) > 0`,
  startsWith: (sql, p) => `starts_with(${sql}, ${p})`,
  endsWith: (sql, p) => `right(${sql}, length(${p})) = ${p}`,
  binary: (sql) => `(${sql}) COLLATE "C"`,
  numberParam: (p) => `${p}::numeric`,
  membersArray: (table, resourceId) =>
    `(SELECT COALESCE(jsonb_agg(m.member ORDER BY m.seq), '[]'::jsonb) FROM ${table} AS m WHERE m.resource_id = ${resourceId})`,
  groupValue: (g) =>
    `jsonb_strip_nulls(jsonb_build_object('value', ${g}."id", 'display', ${g}."doc" ->> 'displayName', 'type', 'direct'))`,
  groupsArray: (rows, memberId) =>
    `(SELECT COALESCE(jsonb_agg(x.member ORDER BY x.value), '[]'::jsonb) FROM ${rows} AS x WHERE x.resource_id = ${memberId})`,
  nulls: () => '',
  jsonParam: (p) => `${p}::jsonb`,
  readJson: (sql) => sql,
  versionText: (sql) => `(${sql})::text`,
  params: () => new Params('numbered'),
};

export type { JsonRef };
