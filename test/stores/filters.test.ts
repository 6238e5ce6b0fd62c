import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupResourceType, userResourceType } from '../../examples/acme-models/src/index.js';
import { listResources, parseFilter } from '../../packages/runtime/src/index.js';
import type { SqlResourceHandler } from '../../packages/stores/src/index.js';
import { BACKENDS } from './backends.js';
import { ACME, ENTERPRISE, listQuery, users } from './data.js';

const CONTEXT = { resourceType: 'User' };
const START = Date.parse('2025-01-01T00:00:00Z');

type Kind = 'string' | 'boolean' | 'number' | 'dateTime' | 'complex';
/** Attribute paths to filter on, with the type their values are compared as. */
const PATHS: readonly [string, Kind][] = [
  ['userName', 'string'],
  ['name.givenName', 'string'],
  ['name.familyName', 'string'],
  ['displayName', 'string'],
  ['title', 'string'],
  ['externalId', 'string'],
  ['id', 'string'],
  ['active', 'boolean'],
  ['emails.value', 'string'],
  ['emails.type', 'string'],
  ['emails.primary', 'boolean'],
  ['emails', 'complex'],
  ['meta.created', 'dateTime'],
  ['meta.lastModified', 'dateTime'],
  ['meta.version', 'string'],
  [`${ENTERPRISE}:employeeNumber`, 'string'],
  [`${ENTERPRISE}:department`, 'string'],
  [`${ENTERPRISE}:manager.value`, 'string'],
  [`${ACME}:custom_field1`, 'string'],
  [`${ACME}:custom_field3`, 'number'],
  [`${ACME}:custom_field4`, 'number'],
  [`${ACME}:custom_field5`, 'boolean'],
  [`${ACME}:custom_field6`, 'dateTime'],
  [`${ACME}:custom_field7`, 'string'],
  [`${ACME}:custom_field8`, 'string'],
  [`${ACME}:custom_field9`, 'complex'],
  [`${ACME}:custom_field9.display`, 'string'],
];
const OPS: Record<Kind, readonly string[]> = {
  string: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
  complex: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt'],
  dateTime: ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'sw'],
  number: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
  boolean: ['eq', 'ne'],
};

/** Every value a path reaches in the data, as filter literals (strings also in other cases and cut short). */
function literals(resources: readonly Record<string, unknown>[], path: string, kind: Kind): string[] {
  const out = new Set<string>(['null']);
  const at = (value: unknown, keys: string[]): unknown[] => {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value.flatMap((v) => at(v, keys));
    if (keys.length === 0) return [value];
    return typeof value === 'object' ? at((value as Record<string, unknown>)[keys[0]!], keys.slice(1)) : [];
  };
  const urn = path.startsWith('urn:') ? path.slice(0, path.lastIndexOf(':')) : undefined;
  const local = urn === undefined ? path : path.slice(urn.length + 1);
  for (const r of resources) {
    for (let v of at(urn === undefined ? r : r[urn], local.split('.'))) {
      if (kind === 'complex' && typeof v === 'object' && v !== null) v = (v as Record<string, unknown>)['value'];
      if (typeof v === 'string') {
        out.add(JSON.stringify(v));
        out.add(JSON.stringify(v.toUpperCase()));
        out.add(JSON.stringify(v.slice(0, 3)));
        out.add(JSON.stringify(v.slice(-4)));
      } else if (v !== undefined) out.add(JSON.stringify(v));
    }
  }
  if (kind === 'boolean') out.add('true').add('false');
  if (kind === 'number') out.add('0').add('-1.5').add('99');
  if (kind === 'dateTime') out.add('"2024-03-10T08:00:00Z"').add('"2025-01-01T00:30:00+00:00"');
  return [...out].sort();
}

for (const make of BACKENDS) {
  const backend = make();
  describe(`${backend.name}: filters pushed down to SQL mean what the in-process filter means`, () => {
    let handler: SqlResourceHandler;
    let stored: Record<string, unknown>[];
    let clock = START;

    beforeAll(async () => {
      const store = await backend.open([userResourceType, groupResourceType], {
        now: () => new Date((clock += 60_000)),
      });
      handler = store.handler(userResourceType);
      for (const user of users(150)) await handler.create(user, CONTEXT);
      stored = (await handler.list(listQuery(), CONTEXT)).resources.map((r) => ({ ...r }));
      expect(stored).toHaveLength(150);
    });
    afterAll(() => backend.drop());

    /** The ids SQL answers and the ids listResources answers over the same stored resources. */
    const both = async (text: string) => {
      const filter = parseFilter(text);
      const outcome = async (answer: () => unknown[] | Promise<unknown[]>) => {
        try {
          return await answer();
        } catch (error) {
          // A filter the runtime refuses is refused alike: the same 400, before any SQL runs.
          const e = error as { status?: unknown; scimType?: unknown; message?: unknown };
          return { status: e.status, scimType: e.scimType, message: e.message };
        }
      };
      const sql = await outcome(async () =>
        (await handler.list(listQuery({ filter }), CONTEXT)).resources.map((r) => r.id),
      );
      const memory = await outcome(() =>
        listResources(stored, userResourceType, listQuery({ filter }), { project: false }).Resources.map(
          (r) => r['id'],
        ),
      );
      return { sql, memory };
    };

    const table = () => [
      'userName sw "x."',
      'userName co "JENSEN"',
      'userName ew ".COM"',
      'userName gt "m" and userName le "z"',
      'name.givenName eq "émile"',
      'name.familyName eq "οδυσσεύς"',
      'name.familyName eq "ΟΔΥΣΣΕΥΣ"',
      'name.familyName ew "ΕΥΣ"',
      'name.familyName ew "σ"',
      'name.familyName sw "σωκ"',
      'name.familyName co "ύς"',
      'name.givenName eq ""',
      'name.givenName pr',
      'name pr',
      'not (name pr)',
      'name.familyName ne "smith"',
      'title eq "tour guide"',
      'externalId eq "ext-3"',
      'externalId sw "EXT"',
      'externalId eq null',
      'externalId ne null',
      'externalId co "%"',
      'active eq true',
      'active ne true',
      'active pr',
      'emails.type eq "work"',
      'emails[type eq "work" and primary eq true]',
      'emails[type eq "home" or value ew ".test"]',
      'emails eq "anna0@example.com"',
      'emails.value co "@EXAMPLE"',
      'emails.primary eq true',
      'not (emails[type eq "work"])',
      'emails pr',
      'emails[not (type eq "work")]',
      'emails[value pr]',
      'emails[type eq "work"].value sw "a"',
      `meta.created gt "${new Date(START + 30 * 60_000).toISOString()}"`,
      `meta.lastModified le "2025-01-01T02:00:00+01:00"`,
      'meta.version eq "1"',
      'meta.resourceType eq "User"',
      'meta pr',
      'id pr',
      `${ENTERPRISE}:employeeNumber eq "1010"`,
      `${ENTERPRISE}:department eq "sales"`,
      `${ENTERPRISE}:manager.value eq "m-1"`,
      `${ENTERPRISE}:manager eq "m-2"`,
      `${ENTERPRISE}:department co "%"`,
      `${ENTERPRISE}:department co "_"`,
      `${ACME}:custom_field1 eq "ALPHA"`,
      `${ACME}:custom_field1 co "'"`,
      `${ACME}:custom_field1 co "\\\\"`,
      `${ACME}:custom_field3 gt 0`,
      `${ACME}:custom_field3 le -50`,
      `${ACME}:custom_field4 ge 50.5`,
      `${ACME}:custom_field5 eq false`,
      `${ACME}:custom_field6 gt "2024-03-10T08:00:00Z"`,
      `${ACME}:custom_field6 eq "2024-03-05T08:00:00Z"`,
      `${ACME}:custom_field6 sw "2024-03-1"`,
      `${ACME}:custom_field7 sw "https://example.com/1"`,
      `${ACME}:custom_field8 eq "red"`,
      `${ACME}:custom_field8 co "E"`,
      `${ACME}:custom_field9 eq "V1"`,
      `${ACME}:custom_field9.display pr`,
      `(active eq true or title pr) and not (${ACME}:custom_field3 lt 0)`,
      `userName co "" and emails co ""`,
    ];

    it('answers a table of filters exactly as in process, over every operator and attribute kind', async () => {
      for (const text of table()) {
        const { sql, memory } = await both(text);
        expect({ text, ids: sql }).toEqual({ text, ids: memory });
      }
      // The table is not vacuous: most of its filters match some users and miss others.
      const counts = await Promise.all(table().map(async (t) => ((await both(t)).memory as unknown[]).length));
      expect(counts.filter((n) => n > 0 && n < 150).length).toBeGreaterThan(40);
    });

    it('answers random filters exactly as in process (property)', async () => {
      const leaf = fc.constantFrom(...PATHS).chain(([path, kind]) =>
        fc.oneof(
          { weight: 1, arbitrary: fc.constant(`${path} pr`) },
          {
            weight: 6,
            arbitrary: fc
              .tuple(fc.constantFrom(...OPS[kind]), fc.constantFrom(...literals(stored, path, kind)))
              .filter(([op, value]) => value !== 'null' || op === 'eq' || op === 'ne')
              .map(([op, value]) => `${path} ${op} ${value}`),
          },
        ),
      );
      const filter = fc.letrec<{ f: string }>((tie) => ({
        f: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          leaf,
          fc.tuple(tie('f'), fc.constantFrom('and', 'or'), tie('f')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
          tie('f').map((a) => `not (${a})`),
        ),
      })).f;
      await fc.assert(
        fc.asyncProperty(filter, async (text) => {
          const { sql, memory } = await both(text);
          expect({ text, ids: sql }).toEqual({ text, ids: memory });
        }),
        { numRuns: 400 },
      );
    });

    it('keeps hostile filter values as values and refuses hostile attribute names', async () => {
      for (const value of [`x' OR '1'='1`, `"); DROP TABLE scim_user; --`, `%`, `_`, `\\`, `' || (SELECT 1) || '`]) {
        for (const op of ['eq', 'co', 'sw', 'ew', 'gt']) {
          const { sql, memory } = await both(`userName ${op} ${JSON.stringify(value)}`);
          expect(sql).toEqual(memory);
        }
      }
      for (const text of [
        'userName"; DROP TABLE scim_user; -- eq "x"',
        "doc eq 'x'",
        'userName) OR 1=1 OR (userName eq "x"',
        'r.doc pr',
        'emails[type eq "work"; DELETE FROM scim_user]',
      ]) {
        await expect(
          (async () => handler.list(listQuery({ filter: parseFilter(text) }), CONTEXT))(),
        ).rejects.toMatchObject({ status: 400, scimType: 'invalidFilter' });
      }
      expect((await handler.list(listQuery(), CONTEXT)).totalResults).toBe(150);
    });
  });
}
