import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPARE_OPS,
  compileFilter,
  parseFilter,
  printFilter,
  ScimError,
  isStorableText,
  type Filter,
  type ResourceTypeDescriptor,
} from '../../packages/runtime/src/index.js';
import { userResourceType as coreUser } from '../../packages/core/src/descriptors/index.js';
import { userResourceType as acmeUser } from '../../examples/acme-models/src/descriptors/index.js';
import { USERS } from './fixtures.js';
import { scimError } from '../helpers/scim-error.js';

function matching(filter: string, descriptor: ResourceTypeDescriptor = acmeUser): string[] {
  const predicate = compileFilter(parseFilter(filter), descriptor);
  return USERS.filter((u) => predicate(u)).map((u) => u['id'] as string);
}

/** The filter examples of RFC 7644 §3.4.2.2, over the users in fixtures.ts. */
const RFC_EXAMPLES: [filter: string, ids: string[]][] = [
  ['userName eq "bjensen"', ['u1']],
  ['name.familyName co "O\'Malley"', ['u2']],
  ['userName sw "J"', ['u3']],
  ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', ['u3']],
  ['title pr', ['u1']],
  ['meta.lastModified gt "2011-05-13T04:42:34Z"', ['u3']],
  ['meta.lastModified ge "2011-05-13T04:42:34Z"', ['u1', 'u3']],
  ['meta.lastModified lt "2011-05-13T04:42:34Z"', ['u2']],
  ['meta.lastModified le "2011-05-13T04:42:34Z"', ['u1', 'u2']],
  ['title pr and userType eq "Employee"', ['u1']],
  ['title pr or userType eq "Intern"', ['u1', 'u2']],
  ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"', ['u1']],
  ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', ['u1']],
  ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', ['u3']],
  ['userType eq "Employee" and (emails.type eq "work")', ['u1']],
  ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', ['u1']],
  ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', ['u1', 'u3']],
];

/** What popular JavaScript filter libraries get wrong, each pinned down. */
const CORRECTNESS: [name: string, filter: string, ids: string[]][] = [
  ['userName is not caseExact', 'userName eq "BJensen"', ['u1']],
  ['attribute names and operators are case-insensitive', 'USERNAME Eq "JDOE"', ['u3']],
  [
    'URN-qualified extension attribute',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"',
    ['u1'],
  ],
  [
    'URN-qualified extension sub-attribute with pr',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr',
    ['u1'],
  ],
  [
    'legacy "." between extension URN and attribute',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.employeeNumber eq "701984"',
    ['u1'],
  ],
  ['dateTime compares instants, not text', 'meta.lastModified gt "2011-05-13T03:00:00Z"', ['u1', 'u3']],
  ['dateTime equality across offsets', 'meta.lastModified eq "2011-05-13T02:42:35Z"', ['u2']],
  ['not of a value path is exact', 'not (emails[type eq "home"])', ['u2', 'u3']],
  ['ne is "not eq": absent attributes match', 'title ne "Tour Guide"', ['u2', 'u3']],
  ['eq null matches an absent attribute only', 'title eq null', ['u2']],
  ['an empty string is not present', 'title pr', ['u1']],
  ['an empty multi-valued attribute is not present', 'emails pr', ['u1', 'u2']],
  ['comparing a complex multi-valued attribute compares its value', 'emails eq "RYAN@example.org"', ['u2']],
  ['value path names and values fold case', 'EMAILS[TYPE EQ "WORK"]', ['u1', 'u2']],
  ['booleans', 'active eq false', ['u2']],
  ['integer extension attribute', 'urn:ietf:params:scim:schemas:extension:acme:2.0:User:custom_field3 gt 5', ['u3']],
  [
    'caseExact multi-valued extension attribute',
    'urn:ietf:params:scim:schemas:extension:acme:2.0:User:custom_field8 eq "gemini"',
    [],
  ],
  [
    'caseExact multi-valued extension attribute, exact case',
    'urn:ietf:params:scim:schemas:extension:acme:2.0:User:custom_field8 eq "Gemini"',
    ['u3'],
  ],
  ['precedence: and binds tighter than or', 'userName eq "JDoe" or userName eq "bjensen" and active eq false', ['u3']],
  ['grouping overrides precedence', '(userName eq "JDoe" or userName eq "bjensen") and active eq true', ['u1']],
  // Entra ID looks users up so; it means the same as emails[type eq "work" and value eq "…"].
  ['a sub-attribute after a value path (Entra ID)', 'emails[type eq "work"].value eq "BJENSEN@example.com"', ['u1']],
  ['the work email of another type does not match', 'emails[type eq "home"].value eq "ryan@example.org"', []],
  ['pr after a value path', 'emails[type eq "home"].value pr', ['u1']],
];

describe('filters: RFC 7644 §3.4.2.2 examples', () => {
  it.each(RFC_EXAMPLES)('%s', (filter, ids) => {
    expect(matching(filter)).toEqual(ids);
  });

  it.each(RFC_EXAMPLES)('%s prints back to a filter that parses to the same tree', (filter) => {
    const ast = parseFilter(filter);
    expect(stripSpans(parseFilter(printFilter(ast)))).toEqual(stripSpans(ast));
  });
});

describe('filters: correctness', () => {
  it.each(CORRECTNESS)('%s: %s', (_name, filter, ids) => {
    expect(matching(filter)).toEqual(ids);
  });

  it('decodes escaped quotes inside a value', () => {
    const ast = parseFilter('title eq "say \\"hi\\" \\u00e9"');
    expect(ast).toMatchObject({ kind: 'compare', op: 'eq', value: 'say "hi" é' });
  });

  it('keeps positions on every node', () => {
    expect(parseFilter('title pr and userType eq "Employee"')).toMatchObject({
      kind: 'and',
      start: 0,
      end: 35,
      left: { kind: 'present', start: 0, end: 8, path: { segments: ['title'], start: 0, end: 5 } },
      right: { kind: 'compare', start: 13, end: 35 },
    });
  });

  it('works with the core package descriptor too', () => {
    expect(matching('userName sw "b"', coreUser)).toEqual(['u1']);
  });
});

const SYNTAX_ERRORS: [filter: string, detail: string][] = [
  ['emails[type eq "work"].9 eq "x"', 'expected ".subAttribute" after "]", found ".9" at character 23'],
  [
    'emails[type eq "work"].value',
    'expected an operator (eq, ne, co, sw, ew, gt, lt, ge, le, pr), found the end of the filter at character 29',
  ],
  ['', 'expected an attribute path, found the end of the filter at character 1'],
  [
    'userName eq',
    'expected a value (a quoted string, a number, true, false or null), found the end of the filter at character 12',
  ],
  ['userName eq "a" and', 'expected an attribute path, found the end of the filter at character 20'],
  [
    'userName eq bob',
    'expected a value (a quoted string, a number, true, false or null), found "bob"; strings must be in double quotes at character 13',
  ],
  [
    'userName',
    'expected an operator (eq, ne, co, sw, ew, gt, lt, ge, le, pr), found the end of the filter at character 9',
  ],
  ['userName xx "a"', 'unknown operator "xx"; expected eq, ne, co, sw, ew, gt, lt, ge, le or pr at character 10'],
  ['(userName eq "a"', 'expected a closing ")", found the end of the filter at character 17'],
  ['userName eq "a")', 'expected "and", "or" or the end of the filter, found ")" at character 16'],
  ['emails[type eq "work"', 'expected a closing "]", found the end of the filter at character 22'],
  ['emails[ims[type eq "x"]]', 'a value path cannot contain another value path at character 11'],
  ['userName eq "unterminated', 'unterminated or malformed string at character 13'],
  ['userName eq "bad \\q escape"', 'malformed string escape at character 13'],
  ['userName eq 12abc', '"12abc" is neither a number nor an attribute name at character 13'],
  ['user#Name eq "x"', 'unexpected character "#" at character 5'],
  ['name.givenName.extra eq "x"', '"name.givenName.extra" is not a valid attribute path at character 1'],
  [
    'userName eq "a" userName eq "b"',
    'expected "and", "or" or the end of the filter, found "userName" at character 17',
  ],
];

const SEMANTIC_ERRORS: [filter: string, detail: string][] = [
  ['active gt true', '"gt" cannot order boolean attribute "active" at character 1'],
  ['x509Certificates.value lt "abc"', '"lt" cannot order binary attribute "value" at character 1'],
  ['nosuch eq "x"', 'unknown attribute "nosuch" at character 1'],
  ['name.nosuch eq "x"', 'unknown attribute "name.nosuch" at character 1'],
  ['urn:example:unknown:2.0:User:title eq "x"', 'unknown schema "urn:example:unknown:2.0:User" at character 1'],
  ['userName eq 5', '"userName" is string; compare it with a quoted string at character 1'],
  ['active eq "true"', '"active" is boolean; compare it with true or false at character 1'],
  ['meta.lastModified gt "yesterday"', '"yesterday" is not a dateTime at character 1'],
  ['name eq "x"', '"name" is complex; compare one of its sub-attributes at character 1'],
  ['userName gt null', '"gt null" is not a comparison; use "eq null", "ne null" or "pr" at character 1'],
  ['active co true', '"co" does not apply to boolean attribute "active" at character 1'],
  ['emails[nosuch eq "x"]', 'unknown attribute "emails.nosuch" at character 8'],
  ['userName[value eq "x"]', '"userName[…]" needs a complex attribute at character 1'],
];

describe('filters: errors are 400 invalidFilter naming the position', () => {
  it.each([...SYNTAX_ERRORS, ...SEMANTIC_ERRORS])('%j', (filter, detail) => {
    const error = scimError(() => compileFilter(parseFilter(filter), acmeUser));
    expect(error.toJSON()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidFilter',
      detail,
    });
  });

  it('bounds length, depth and the number of expressions', () => {
    expect(scimError(() => parseFilter(`userName eq "${'a'.repeat(5000)}"`)).detail).toBe(
      'filter is 5014 characters long; at most 4096 are accepted at character 4097',
    );
    expect(scimError(() => parseFilter(`${'('.repeat(40)}title pr${')'.repeat(40)}`)).detail).toBe(
      'filter nests deeper than 32 levels at character 33',
    );
    expect(scimError(() => parseFilter(Array.from({ length: 101 }, () => 'title pr').join(' or '))).detail).toMatch(
      /^filter has more than 100 expressions at character \d+$/,
    );
    expect(scimError(() => parseFilter('not ('.repeat(40) + 'title pr' + ')'.repeat(40))).detail).toBe(
      'filter nests deeper than 32 levels at character 165',
    );
  });
});

/** Positions are not part of a tree's meaning; round-trip checks compare trees without them. */
function stripSpans(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripSpans);
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => k !== 'start' && k !== 'end')
        .map(([k, v]) => [k, stripSpans(v)]),
    );
  }
  return node;
}

/** Generated trees carry zero spans; round-trip checks compare trees without spans anyway. */
const span = { start: fc.constant(0), end: fc.constant(0) };
const pathArbitrary = fc.record({
  ...span,
  uri: fc.constantFrom(undefined, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'),
  segments: fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}$/), { minLength: 1, maxLength: 2 }),
});
const valueArbitrary = fc.oneof(
  // Any text a store can keep: NUL and lone surrogates are refused (tested below), not printed back.
  fc.string({ unit: 'binary', maxLength: 12 }).filter(isStorableText),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { filter: filterArbitrary } = fc.letrec<{ filter: Filter; leaf: Filter }>((tie) => ({
  leaf: fc.oneof(
    fc.record({
      ...span,
      kind: fc.constant('compare' as const),
      op: fc.constantFrom(...COMPARE_OPS),
      path: pathArbitrary,
      value: valueArbitrary,
    }),
    fc.record({ ...span, kind: fc.constant('present' as const), path: pathArbitrary }),
  ),
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({
      ...span,
      kind: fc.constantFrom('and' as const, 'or' as const),
      left: tie('filter'),
      right: tie('filter'),
    }),
    fc.record({ ...span, kind: fc.constant('not' as const), filter: tie('filter') }),
    fc.record({
      ...span,
      kind: fc.constant('valuePath' as const),
      path: pathArbitrary,
      filter: tie('leaf'),
    }),
  ),
}));

describe('filters: properties', () => {
  it('parse(print(ast)) equals ast', () => {
    fc.assert(
      fc.property(filterArbitrary, (ast) => {
        expect(stripSpans(parseFilter(printFilter(ast), { maxLength: 1e6, maxDepth: 1000, maxTerms: 1e5 }))).toEqual(
          stripSpans(ast),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a string literal no store can keep: any text with NUL or a lone surrogate', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\uDBFF'),
        fc.string({ unit: 'binary', maxLength: 12 }),
        (before, bad, after) => {
          // A surrogate next to its partner is a character, not a lone surrogate.
          const text = `${before}${bad}${after}`;
          fc.pre(!isStorableText(text));
          const error = scimError(() => parseFilter(`userName eq ${JSON.stringify(text)}`));
          expect({ status: error.status, scimType: error.scimType }).toEqual({
            status: 400,
            scimType: 'invalidFilter',
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random text never throws anything but a ScimError, in parsing or compiling', () => {
    const alphabet = fc.constantFrom(
      ...'abcdefgUNtrue"\\()[] .:-_$eqnotandorpr0123456789'.split(''),
      ' and ',
      ' or ',
      'not (',
      ' eq ',
      'emails[',
      'userName',
      'urn:ietf:params:scim:schemas:core:2.0:User:',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(alphabet, { maxLength: 30 }).map((p) => p.join('')),
        ),
        (text) => {
          try {
            const predicate = compileFilter(parseFilter(text), acmeUser);
            for (const user of USERS) expect(typeof predicate(user)).toBe('boolean');
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
            expect((error as ScimError).status).toBe(400);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
