// Side-by-side benchmark of @scimgen/runtime against the popular JavaScript SCIM libraries, in one
// process and one run, so the ratios are what count. Usage: npm run bench:runtime
import { parse as s2pfParse, filter as s2pfFilter } from 'scim2-parse-filter';
import { compileFilter as sqfpCompile } from 'scim-query-filter-parser';
import SCIMMY from 'scimmy';
import { scimPatch } from 'scim-patch';
import { applyPatch, compileFilter, parseFilter } from '../packages/runtime/dist/index.js';
import { groupResourceType } from '../packages/core/dist/descriptors/index.js';
import { userResourceType } from '../examples/acme-models/dist/descriptors/index.js';
import { fmt, measure, ROUNDS, SECONDS, table } from './measure.mjs';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const rows = [];
const section = (title, unit, results, reference) => rows.push(table(title, unit, results, reference));

// 1. Filter parsing: ten filters as identity providers and admin tools send them.
const FILTERS = [
  'userName eq "bjensen@example.com"',
  'externalId eq "00u1abcd2EFGH3ijk4x5"',
  'displayName eq "Tour Guides"',
  'emails[type eq "work" and value co "@example.com"]',
  'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  'title pr and userType eq "Employee"',
  // scim-query-filter-parser cannot parse "not (…)" or URN-qualified paths, so the mix avoids them.
  'name.familyName sw "J" and active eq true',
  'groups.display co "Admins" or roles pr',
  'userName sw "j" or userName sw "b" or userName ew "@example.org"',
];
let i = 0;
const next = () => FILTERS[i++ % FILTERS.length];
section(
  'Filter parse (mix of ten filters)',
  'filters/s',
  measure([
    ['@scimgen/runtime parseFilter', () => parseFilter(next())],
    ['scim2-parse-filter parse', () => s2pfParse(next())],
    ['scim-query-filter-parser compileFilter', () => sqfpCompile(next())],
    ['scimmy new Filter', () => new SCIMMY.Types.Filter(next())],
  ]),
  'scim2-parse-filter parse',
);

// 2. Filter evaluation over 100,000 users.
const USERS = Array.from({ length: 100_000 }, (_, n) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: `id-${n}`,
  userName: `user${n}@example.${n % 3 === 0 ? 'org' : 'com'}`,
  userType: n % 4 === 0 ? 'Contractor' : 'Employee',
  active: n % 10 !== 0,
  name: { givenName: `Given${n}`, familyName: `Family${n % 100}` },
  emails: [
    { value: `user${n}@example.${n % 3 === 0 ? 'org' : 'com'}`, type: n % 2 === 0 ? 'work' : 'home', primary: true },
    { value: `u${n}@private.net`, type: 'other' },
  ],
}));
const EVAL = 'userType eq "employee" and emails[type eq "work" and value co "@example.com"]';
// The same semantics written by hand: userType is not caseExact, value co is case-insensitive.
const handWritten = (u) => {
  if (typeof u.userType !== 'string' || u.userType.toLowerCase() !== 'employee') return false;
  const emails = u.emails;
  if (!Array.isArray(emails)) return false;
  for (let k = 0; k < emails.length; k++) {
    const e = emails[k];
    if (
      e !== null &&
      typeof e === 'object' &&
      typeof e.type === 'string' &&
      e.type.toLowerCase() === 'work' &&
      typeof e.value === 'string' &&
      e.value.toLowerCase().includes('@example.com')
    )
      return true;
  }
  return false;
};
const ours = compileFilter(parseFilter(EVAL), userResourceType);
const s2pf = s2pfFilter(s2pfParse(EVAL));
const sqfp = sqfpCompile(EVAL);
const scimmy = new SCIMMY.Types.Filter(EVAL);
const count = (pred) => {
  let c = 0;
  for (const u of USERS) if (pred(u)) c++;
  return c;
};
const N = USERS.length;
const expected = count(handWritten);
const check = [
  ['ours', count(ours)],
  ['scim2-parse-filter', count(s2pf)],
  ['scim-query-filter-parser', count(sqfp)],
  ['scimmy', scimmy.match(USERS).length],
];
section(
  `Filter evaluation over 100,000 users: \`${EVAL}\``,
  'users/s',
  measure([
    ['hand-written predicate', () => count(handWritten), N],
    ['@scimgen/runtime compileFilter', () => count(ours), N],
    ['scim2-parse-filter filter', () => count(s2pf), N],
    ['scim-query-filter-parser compileFilter', () => count(sqfp), N],
    ['scimmy Filter.match', () => scimmy.match(USERS), N],
  ]),
  'hand-written predicate',
);
rows.push(`\nMatches (hand-written ${expected}): ${check.map(([n, c]) => `${n} ${c}`).join(', ')}`);

// 3. PATCH.
const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: 'u1',
  userName: 'bjensen@example.com',
  displayName: 'Babs Jensen',
  active: true,
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood' }],
  [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations' },
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"1"',
  },
};
const entraReplace = [
  {
    op: 'replace',
    value: { displayName: 'Babs J', active: false, title: 'Guide', [ENTERPRISE]: { department: 'Sales' } },
  },
];
const valuePathReplace = [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'babs@example.com' }];
const members = (n) => Array.from({ length: n }, (_, k) => ({ value: `m${k}`, display: `Member ${k}` }));
const groupOf = (n) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'g1',
  displayName: 'G',
  members: members(n),
  meta: { resourceType: 'Group' },
});
const addTen = [{ op: 'add', path: 'members', value: Array.from({ length: 10 }, (_, k) => ({ value: `new${k}` })) }];
const removeOne = [{ op: 'remove', path: 'members[value eq "m500"]' }];
const body = (ops) => ({ schemas: [PATCH_OP], Operations: ops });
const g1k = groupOf(1000);
// scim-patch mutates its input, so each of its runs gets a fresh deep copy; so does a deep clone alone.
for (const [title, resource, descriptor, ops] of [
  ['PATCH: Entra-style no-path replace on a user', user, userResourceType, entraReplace],
  ['PATCH: value-path replace `emails[type eq "work"].value`', user, userResourceType, valuePathReplace],
  ['PATCH: add 10 members to a 1,000-member group', g1k, groupResourceType, addTen],
  ['PATCH: filtered remove of one member from a 1,000-member group', g1k, groupResourceType, removeOne],
]) {
  section(
    title,
    'patches/s',
    measure([
      ['@scimgen/runtime applyPatch', () => applyPatch(resource, body(ops), descriptor)],
      ['scim-patch scimPatch (with the deep copy it needs)', () => scimPatch(structuredClone(resource), ops)],
      ['structuredClone alone', () => structuredClone(resource)],
    ]),
    'scim-patch scimPatch (with the deep copy it needs)',
  );
}

// 4. Member changes by group size: full document vs deltas only (a store that keeps members in rows).
rows.push(
  '\n### Member add (10) and filtered remove (1) by group size\n\n| members | applyPatch, members in the document | applyPatch, deltas only (members not loaded) | scim-patch (with deep copy) |\n| ---: | ---: | ---: | ---: |',
);
for (const n of [1_000, 10_000, 100_000]) {
  const group = groupOf(n);
  const withoutMembers = { ...group };
  delete withoutMembers.members;
  const both = body([...addTen, { op: 'remove', path: `members[value eq "m${n >> 1}"]` }]);
  const [[, full], [, deltas], [, peer]] = measure([
    ['full', () => applyPatch(group, both, groupResourceType)],
    ['deltas', () => applyPatch(withoutMembers, both, groupResourceType)],
    ['peer', () => scimPatch(structuredClone(group), both.Operations)],
  ]);
  rows.push(`| ${n.toLocaleString('en')} | ${fmt(full)}/s | ${fmt(deltas)}/s | ${fmt(peer)}/s |`);
}

process.stdout.write(
  `Node ${process.version}, best of ${ROUNDS} interleaved rounds of ${SECONDS}s each\n${rows.join('\n')}\n`,
);
