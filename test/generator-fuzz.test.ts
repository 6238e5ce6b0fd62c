import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateFromDocuments } from '../generator/src/index.js';
import { compileInMemory } from './helpers/compile.js';
import { fuzzRuns, MIN_PROPERTY_RUNS } from './helpers/fuzz.js';

/** Any JSON value, the "wrong type" half of each field below. */
const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant([['x']])), { maxLength: 3 }),
);

/** A field: usually one of the values vendors write, sometimes anything at all, sometimes absent. */
const field = <T>(values: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ weight: 4, arbitrary: values }, { weight: 1, arbitrary: junk }), { nil: undefined, freq: 4 });

const spelled = (words: readonly string[]) =>
  fc
    .constantFrom(...words)
    .chain((word) => fc.constantFrom(word, word.toUpperCase(), word.toLowerCase(), word.slice(0, -1)));

/** Names, including those that are reserved words or Object.prototype members in JavaScript. */
const name = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/),
  fc.constantFrom(
    'class',
    'default',
    'constructor',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
    '__proto__',
    'toString',
    'then',
    'delete',
    'new',
    'enum',
    'import',
    'Object',
    'value',
    '$ref',
    'a b',
    'x.y',
    '',
  ),
);

const characteristics = {
  name: field(name),
  type: field(
    spelled(['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex', 'int', 'object']),
  ),
  multiValued: field(fc.oneof(fc.boolean(), fc.constantFrom('true', 'False', 1, 0))),
  required: field(fc.boolean()),
  caseExact: field(fc.boolean()),
  mutability: field(spelled(['readOnly', 'readWrite', 'immutable', 'writeOnly', 'read'])),
  returned: field(spelled(['always', 'never', 'default', 'request'])),
  uniqueness: field(spelled(['none', 'server', 'global'])),
  canonicalValues: field(
    fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(['nested'])), { maxLength: 4 }),
  ),
  referenceTypes: field(fc.array(fc.constantFrom('User', 'Group', 'external', 'uri'), { maxLength: 2 })),
  description: field(fc.string({ maxLength: 20 })),
};

const { attribute } = fc.letrec((tie) => ({
  attribute: fc.record(
    { ...characteristics, subAttributes: field(fc.array(tie('attribute'), { maxLength: 3, depthIdentifier: 'sub' })) },
    { requiredKeys: [] },
  ),
}));

const schema = fc.record(
  {
    schemas: field(fc.constant(['urn:ietf:params:scim:schemas:core:2.0:Schema'])),
    id: field(
      fc.constantFrom(
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:acme:2.0:Thing',
        'Thing',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ),
    ),
    name: field(name),
    attributes: field(fc.array(attribute, { maxLength: 6 })),
  },
  { requiredKeys: [] },
);

const resourceType = fc.record(
  {
    schemas: field(fc.constant(['urn:ietf:params:scim:schemas:core:2.0:ResourceType'])),
    name: field(name),
    endpoint: field(fc.constantFrom('/Users', '/Things', 'Things', '/a b')),
    schema: field(fc.constantFrom('urn:ietf:params:scim:schemas:core:2.0:User', 'urn:acme:2.0:Thing', 'Thing')),
    schemaExtensions: field(
      fc.array(
        fc.record(
          {
            schema: field(
              fc.constantFrom('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'urn:acme:2.0:Thing'),
            ),
            required: field(fc.boolean()),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    ),
  },
  { requiredKeys: [] },
);

/** A document as a file or a server holds it: one resource, a list, a ListResponse, or junk. */
const document = fc.oneof(
  schema,
  fc.array(fc.oneof(schema, resourceType, junk), { maxLength: 4 }),
  fc.record({
    schemas: fc.constant(['urn:ietf:params:scim:api:messages:2.0:ListResponse']),
    Resources: fc.array(fc.oneof(schema, resourceType, junk), { maxLength: 4 }),
  }),
  junk,
);

const asFile = (value: unknown, i: number) => ({ file: `fuzz-${i}.json`, text: JSON.stringify(value) ?? 'null' });

describe('the generator on random schema documents', () => {
  it('never throws: every outcome is files or diagnostics, with or without --lenient', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(document, { minLength: 1, maxLength: 3 }), fc.boolean(), async (documents, lenient) => {
        const result = await generateFromDocuments(documents.map(asFile), { out: 'fuzz', lenient });
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        // Files exactly when nothing was an error; an error always names a file and a pointer.
        expect(result.files.length === 0 || errors.length === 0).toBe(true);
        if (errors.length > 0) expect(result.files).toEqual([]);
        for (const d of result.diagnostics) expect(typeof d.pointer).toBe('string');
        expect(result.diagnostics.some((d) => d.code === 'SCIM007')).toBe(false);
      }),
      { numRuns: fuzzRuns(MIN_PROPERTY_RUNS * 3) },
    );
  }, 300_000);

  it('with --lenient, whatever it generates compiles under strict tsc', async () => {
    let generated = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(schema, resourceType), { minLength: 2, maxLength: 4 }), async (documents) => {
        const result = await generateFromDocuments([asFile(documents, 0)], { out: 'fuzz', lenient: true });
        if (result.files.length === 0) return;
        generated++;
        const sources = Object.fromEntries(
          result.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.contents]),
        );
        expect(compileInMemory(sources)).toEqual([]);
      }),
      { numRuns: fuzzRuns(MIN_PROPERTY_RUNS) },
    );
    // The repairs make most of these documents usable: the property is about generated code.
    expect(generated).toBeGreaterThan(fuzzRuns(MIN_PROPERTY_RUNS) / 4);
  }, 300_000);
});
