import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateFromDocuments } from '../generator/src/index.js';
import { compileInMemory } from './helpers/compile.js';
import { fuzzRuns, MIN_PROPERTY_RUNS } from './helpers/fuzz.js';

/** Any text a schema might carry, with the characters that break naive code generators over-represented. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(
        '*/',
        '/*',
        '`',
        '${',
        '}',
        '"',
        "'",
        '\\',
        '\n',
        '\r',
        '\u2028',
        '@param',
        '<script>',
        'ü',
        '名',
      ),
      {
        maxLength: 8,
      },
    )
    .map((parts) => parts.join(' ')),
);

/** Attribute names the linter accepts (so generation proceeds), including the awkward ones. */
const attributeName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/),
  fc.constantFrom('class', 'default', '__proto__', 'constructor', '1st', 'ünï', '名前', 'x-y', '$ref', 'toString'),
);

const attribute = fc.record({
  name: attributeName,
  type: fc.constantFrom('string', 'boolean', 'integer', 'decimal', 'dateTime', 'binary', 'reference'),
  multiValued: fc.boolean(),
  description: hostileText,
  required: fc.boolean(),
  mutability: fc.constantFrom('readOnly', 'readWrite', 'immutable', 'writeOnly'),
  canonicalValues: fc.array(hostileText, { maxLength: 3 }),
});

const schemaArbitrary = fc.record({
  name: hostileText,
  description: hostileText,
  resourceTypeName: hostileText.filter((s) => s.trim() !== ''),
  attributes: fc.uniqueArray(attribute, { selector: (a) => a.name.toLowerCase(), minLength: 1, maxLength: 8 }),
  complexName: attributeName,
});

describe('generated code from arbitrary schema text', () => {
  it(
    'always compiles under strict tsc, whatever the names, descriptions and canonical values',
    async () => {
      await fc.assert(
        fc.asyncProperty(schemaArbitrary, async (s) => {
          const attributes = s.attributes.map((a) => ({
            ...a,
            caseExact: a.type === 'binary',
            returned: a.mutability === 'writeOnly' ? 'never' : 'default',
            ...(a.type === 'reference' ? { referenceTypes: ['external'] } : {}),
            ...(a.type === 'string' ? {} : { canonicalValues: [] }),
          }));
          if (!attributes.some((a) => a.name.toLowerCase() === s.complexName.toLowerCase())) {
            attributes.push({
              name: s.complexName,
              type: 'complex',
              multiValued: true,
              description: s.description,
              required: false,
              mutability: 'readWrite',
              canonicalValues: [],
              caseExact: false,
              returned: 'default',
              subAttributes: [{ name: 'value', type: 'string', description: s.description }],
            } as never);
          }
          const schema = {
            id: 'urn:example:params:scim:schemas:fuzz:2.0:Thing',
            name: s.name,
            description: s.description,
            attributes,
          };
          const resourceType = {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
            name: s.resourceTypeName,
            endpoint: '/Things',
            description: s.description,
            schema: schema.id,
          };
          const result = await generateFromDocuments(
            [{ file: 'fuzz.json', text: JSON.stringify([schema, resourceType]) }],
            {
              out: 'fuzz',
            },
          );
          expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const sources = Object.fromEntries(
            result.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.contents]),
          );
          expect(compileInMemory(sources)).toEqual([]);
        }),
        { numRuns: fuzzRuns(MIN_PROPERTY_RUNS) },
      );
      // Each case generates a package and compiles it: about half a second, more on a busy machine.
    },
    fuzzRuns(MIN_PROPERTY_RUNS) * 3_000,
  );
});

describe('schema text in comments', () => {
  it('a resource type named "*/" and an endpoint holding "*/" cannot end a comment early', async () => {
    const schema = {
      id: 'urn:example:params:scim:schemas:fuzz:2.0:Thing',
      name: 'Thing',
      description: 'a thing',
      attributes: [{ name: 'label', type: 'string', multiValued: false, required: false, mutability: 'readWrite' }],
    };
    const resourceType = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      name: '*/ export const injected = 1; /*',
      endpoint: '/Things*/',
      schema: schema.id,
    };
    const result = await generateFromDocuments(
      [{ file: 'comment.json', text: JSON.stringify([schema, resourceType]) }],
      { out: 'comment' },
    );
    const sources = Object.fromEntries(
      result.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.contents]),
    );
    expect(compileInMemory(sources)).toEqual([]);
    expect(Object.values(sources).join('\n')).not.toMatch(/^export const injected/m);
    expect(Object.values(sources).some((text) => text.includes('/** The *\\/ export const injected'))).toBe(true);
  }, 60_000);
});
