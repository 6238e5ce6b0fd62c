import { createHash } from 'node:crypto';
import type { ResourceTypeDescriptor } from '@scimgen/runtime';
import { quoted, tableLayout, type TableLayout } from './layout.js';
import { sqlString } from './sql/params.js';

/**
 * One step of the database's history, for both dialects. Steps are identified by `id` and
 * recorded when applied, with a checksum of their statements: a later start applies only the
 * steps it has not recorded, and refuses to start when a recorded step's SQL has changed.
 */
export interface Migration {
  readonly id: string;
  readonly sqlite: readonly string[];
  readonly postgres: readonly string[];
}

export const MIGRATIONS_TABLE = 'scimgen_migrations';
/** SQLite: the number of rows of each resource table, kept by triggers. */
export const COUNTS_TABLE = 'scimgen_counts';

/** The checksum recorded for a step in one dialect. */
export function migrationChecksum(statements: readonly string[]): string {
  return createHash('sha256').update(statements.join(';\n')).digest('hex').slice(0, 16);
}

const POSTGRES_FUNCTIONS: Migration = {
  id: 'functions',
  sqlite: [],
  postgres: [
    // dateTime values are validated xsd:dateTime on the way in; a text that is not one compares as absent.
    `CREATE OR REPLACE FUNCTION scimgen_instant(value text) RETURNS timestamptz LANGUAGE plpgsql IMMUTABLE AS $fn$ BEGIN RETURN date_trunc('milliseconds', value::timestamptz); EXCEPTION WHEN others THEN RETURN NULL; END $fn$`,
  ],
};

function tableSteps(layout: TableLayout): Migration[] {
  const t = quoted(layout.table);
  const index = (name: string) => quoted(`${layout.table}_${name}`);
  const steps: Migration[] = [
    {
      id: `${layout.table}: table`,
      sqlite: [
        `CREATE TABLE ${t} ("id" TEXT PRIMARY KEY NOT NULL, "external_id" TEXT, "created" TEXT NOT NULL, "last_modified" TEXT NOT NULL, "version" INTEGER NOT NULL, "doc" BLOB NOT NULL)`,
        `CREATE INDEX ${index('external_id')} ON ${t} ("external_id")`,
        `CREATE INDEX ${index('created')} ON ${t} ("created")`,
        `CREATE INDEX ${index('last_modified')} ON ${t} ("last_modified")`,
      ],
      postgres: [
        `CREATE TABLE ${t} ("id" text COLLATE "C" PRIMARY KEY, "external_id" text COLLATE "C", "created" text COLLATE "C" NOT NULL, "last_modified" text COLLATE "C" NOT NULL, "version" bigint NOT NULL, "doc" jsonb NOT NULL)`,
        `CREATE INDEX ${index('external_id')} ON ${t} ("external_id")`,
        `CREATE INDEX ${index('created')} ON ${t} ("created")`,
        `CREATE INDEX ${index('last_modified')} ON ${t} ("last_modified")`,
      ],
    },
  ];
  // SQLite counts a million rows in tens of milliseconds, so an unfiltered list (totalResults)
  // reads a count the triggers keep. PostgreSQL counts its own: one counter row would make every
  // concurrent create wait for the others' commits.
  const name = sqlString(layout.table);
  steps.push({
    id: `${layout.table}: row count`,
    sqlite: [
      `CREATE TABLE IF NOT EXISTS ${quoted(COUNTS_TABLE)} ("table_name" TEXT PRIMARY KEY, "n" INTEGER NOT NULL)`,
      `INSERT INTO ${quoted(COUNTS_TABLE)} ("table_name", "n") SELECT ${name}, count(*) FROM ${t}`,
      `CREATE TRIGGER ${index('count_insert')} AFTER INSERT ON ${t} BEGIN UPDATE ${quoted(COUNTS_TABLE)} SET "n" = "n" + 1 WHERE "table_name" = ${name}; END`,
      `CREATE TRIGGER ${index('count_delete')} AFTER DELETE ON ${t} BEGIN UPDATE ${quoted(COUNTS_TABLE)} SET "n" = "n" - 1 WHERE "table_name" = ${name}; END`,
    ],
    postgres: [],
  });
  for (const unique of layout.unique) {
    const c = quoted(unique.column);
    const path = unique.extension === undefined ? [unique.attribute.name] : [unique.extension, unique.attribute.name];
    const sqlitePath = sqlString(`$${path.map((k) => `."${k}"`).join('')}`);
    const postgresPath = sqlString(`{${path.map((k) => `"${k}"`).join(',')}}`);
    steps.push({
      id: `${layout.table}: unique ${unique.column}${unique.folded ? ' (lower case)' : ''}`,
      sqlite: [
        `ALTER TABLE ${t} ADD COLUMN ${c} TEXT`,
        `UPDATE ${t} SET ${c} = ${unique.folded ? `scim_fold(json_extract("doc", ${sqlitePath}))` : `json_extract("doc", ${sqlitePath})`}`,
        `CREATE UNIQUE INDEX ${index(unique.column)} ON ${t} (${c})`,
      ],
      postgres: [
        `ALTER TABLE ${t} ADD COLUMN ${c} text COLLATE "C"`,
        `UPDATE ${t} SET ${c} = ${unique.folded ? `lower("doc" #>> ${postgresPath})` : `"doc" #>> ${postgresPath}`}`,
        `CREATE UNIQUE INDEX ${index(unique.column)} ON ${t} (${c})`,
      ],
    });
  }
  if (layout.members !== undefined) {
    const m = quoted(layout.members.table);
    const mIndex = (name: string) => quoted(`${layout.members!.table}_${name}`);
    steps.push({
      id: `${layout.members.table}: table`,
      sqlite: [
        `CREATE TABLE ${m} ("seq" INTEGER PRIMARY KEY, "resource_id" TEXT NOT NULL, "value" TEXT NOT NULL, "member" BLOB NOT NULL)`,
        `CREATE UNIQUE INDEX ${mIndex('resource_value')} ON ${m} ("resource_id", "value")`,
        `CREATE INDEX ${mIndex('value')} ON ${m} ("value")`,
      ],
      postgres: [
        `CREATE TABLE ${m} ("seq" bigserial PRIMARY KEY, "resource_id" text COLLATE "C" NOT NULL, "value" text COLLATE "C" NOT NULL, "member" jsonb NOT NULL)`,
        `CREATE UNIQUE INDEX ${mIndex('resource_value')} ON ${m} ("resource_id", "value")`,
        `CREATE INDEX ${mIndex('value')} ON ${m} ("value")`,
      ],
    });
  }
  return steps;
}

/**
 * The migrations for a set of resource types, in the order they apply: derived from the
 * descriptors alone, so the generator can write them into a package and a store can check at
 * start that the tables it is given are the ones it expects.
 */
export function migrationsFor(descriptors: readonly ResourceTypeDescriptor[], namespace?: string): Migration[] {
  const layouts = descriptors
    .map((d) => tableLayout(d, namespace))
    .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  return [POSTGRES_FUNCTIONS, ...layouts.flatMap(tableSteps)];
}
