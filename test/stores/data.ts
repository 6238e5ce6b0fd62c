import type { ListQuery } from '../../packages/runtime/src/index.js';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

/** A small deterministic generator (mulberry32), so the data is the same on every run and database. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Barbara', 'babs', 'Émile', 'ÉLODIE', 'Zoë', 'jean-luc', "O'Brien", 'Ünal', '', 'Anna'];
// Greek with a word-final sigma: JavaScript lower-cases Σ there to ς, PostgreSQL to σ (foldCase agrees them).
const FAMILY = [
  'Jensen',
  'jensen',
  'Lefèvre',
  'Smith',
  'smith',
  'Ng',
  'Ødegaard',
  '李',
  'ΟΔΥΣΣΕΥΣ',
  'Οδυσσεύς',
  'Σωκράτης',
];
const DEPARTMENTS = ['Sales', 'sales', 'R&D', 'Tour Operations', '100%_off'];
const OFFSETS = ['Z', '+02:00', '-05:30', '.5Z', '.123+01:00'];

/** Users with every kind of attribute the acme schemas have, some present, some absent, some odd. */
export function users(count: number, seed = 7): Record<string, unknown>[] {
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const maybe = (p = 0.7) => r() < p;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    const user: Record<string, unknown> = {
      schemas: [USER, ENTERPRISE, ACME],
      userName: `${pick(['', 'x.', 'Z_'])}${given || 'user'}.${family}${i}@Example.COM`,
    };
    if (maybe()) user['externalId'] = pick(['ext-', 'EXT-', 'e%']) + (i % 17);
    if (maybe(0.8)) user['name'] = { givenName: given, ...(maybe() ? { familyName: family } : {}) };
    if (maybe(0.6)) user['displayName'] = `${given} ${family}`;
    if (maybe(0.5)) user['title'] = pick(['Tour Guide', 'tour guide', 'CEO', 'Guide']);
    if (maybe(0.8)) user['active'] = maybe();
    if (maybe(0.8)) {
      const emails = [];
      const n = 1 + Math.floor(r() * 3);
      for (let j = 0; j < n; j++)
        emails.push({
          value: `${given || 'u'}${j}@${pick(['example.com', 'Example.org', 'mail.test'])}`,
          type: pick(['work', 'home', 'other']),
          ...(j === 0 && maybe(0.5) ? { primary: true } : {}),
        });
      user['emails'] = emails;
    }
    if (maybe(0.7))
      user[ENTERPRISE] = {
        ...(maybe() ? { employeeNumber: String(1000 + Math.floor(r() * 50)) } : {}),
        ...(maybe() ? { department: pick(DEPARTMENTS) } : {}),
        ...(maybe(0.5) ? { manager: { value: `m-${i % 5}` } } : {}),
      };
    if (maybe(0.8)) {
      const day = 1 + Math.floor(r() * 28);
      user[ACME] = {
        ...(maybe() ? { custom_field1: pick(['Alpha', 'alpha', 'beta', "it's", '%_\\']) } : {}),
        // custom_field3 is server-unique: the random part is spread out and the index keeps values apart.
        ...(maybe() ? { custom_field3: (Math.floor(r() * 200) - 100) * 10_000 + i } : {}),
        ...(maybe() ? { custom_field4: Math.round(r() * 10000) / 100 } : {}),
        ...(maybe() ? { custom_field5: maybe(0.5) } : {}),
        ...(maybe() ? { custom_field6: `2024-03-${String(day).padStart(2, '0')}T10:00:00${pick(OFFSETS)}` } : {}),
        ...(maybe(0.4) ? { custom_field7: `https://example.com/${i % 4}` } : {}),
        ...(maybe() ? { custom_field8: [pick(['red', 'Red', 'blue']), pick(['green', 'RED'])] } : {}),
        ...(maybe(0.5) ? { custom_field9: { value: pick(['v1', 'V1', 'v2']), display: 'shown' } } : {}),
      };
    }
    out.push(user);
  }
  return out;
}

/** A list query with defaults. */
export function listQuery(overrides: Partial<ListQuery> = {}): ListQuery {
  return {
    filter: undefined,
    sortBy: undefined,
    sortOrder: 'ascending',
    pagination: { kind: 'index', startIndex: 1, count: 10_000 },
    attributes: [],
    excludedAttributes: [],
    ...overrides,
  };
}
