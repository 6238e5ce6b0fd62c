import type { IrAttribute, IrDocument, IrResourceType, IrSchema } from '../ir/types.js';
import { valueIdentifier } from '../ir/naming.js';
import { assertIdentifier, commentText, stringLiteral } from '../render/escape.js';
import { barrel, GENERATED_HEADER, fileStem, type FileSpec } from './file-spec.js';

/** Path of the validators barrel below src/, for the package emitter to re-export. */
export const VALIDATORS_ENTRY = 'validators/index';

type Context = 'create' | 'replace' | 'patchResult' | 'response';

const CONTEXTS: readonly { context: Context; suffix: string; view: 'createRequest' | 'replaceRequest' | 'resource' }[] =
  [
    { context: 'create', suffix: 'CreateRequest', view: 'createRequest' },
    { context: 'replace', suffix: 'ReplaceRequest', view: 'replaceRequest' },
    { context: 'patchResult', suffix: 'PatchResult', view: 'resource' },
    { context: 'response', suffix: 'Response', view: 'resource' },
  ];

const CONTEXT_DOC: Record<Context, string> = {
  create: 'a create (POST) request',
  replace: 'a replace (PUT) request',
  patchResult: 'the result of a PATCH',
  response: 'a response',
};

const lit = (value: unknown): string => (typeof value === 'string' ? stringLiteral(value) : JSON.stringify(value));

/**
 * How a walk over an object's keys keeps a checked value and drops one. Walks build a fresh `out`,
 * noting whether anything `changed` (a name spelled otherwise, a value coerced or dropped): when
 * nothing did, the result is the input object itself. Named stores into a fresh object cost less
 * than copying a prefix of the input at the first change.
 */
interface Walk {
  keep(attribute: IrAttribute | string): string;
  readonly drop: string;
}

/** Walks of complex values and extensions, which run only when their fast check gave up. */
const NESTED: Walk = {
  keep: (attribute) => {
    const name = lit(typeof attribute === 'string' ? attribute : attribute.name);
    return `out[${name}] = checked; if (checked !== value || key !== ${name}) changed = true;`;
  },
  drop: 'changed = true;',
};

/**
 * The resource's walk stops building `out` once a problem is reported (the value of a failed
 * validation is never returned), unless the stored resource is given, whose immutable values are
 * compared with it. What the required checks read is therefore noted in locals as it is kept.
 */
const resourceWalk = (notes: Notes): Walk => ({
  keep: (attribute) => {
    const name = lit(typeof attribute === 'string' ? attribute : attribute.name);
    const note = notes.get(typeof attribute === 'string' ? attribute : attribute.name.toLowerCase());
    const noted = note === undefined ? '' : `${note.local} = ${note.value}; `;
    return `${noted}if (out !== undefined) out[${name}] = checked; if (checked !== value || key !== ${name}) changed = true;`;
  },
  drop: 'changed = true; if (lean && s.problems.length !== 0) out = undefined;',
});

/**
 * Locals the resource walk sets as it keeps a value: true for a required attribute (by its name in
 * lower case), the data of an extension (by its id).
 */
type Notes = ReadonlyMap<string, { readonly local: string; readonly value: 'true' | 'checked' }>;

/**
 * The own keys of `input`, each as `key` with its `value`. A for-in loop with this guard is what
 * V8 compiles best: the value loads come from the object's enum cache and the
 * `hasOwnProperty.call` test folds away (`Object.hasOwn` does not, and an Object.keys walk does a
 * dictionary lookup per key), about four times faster on a 20-key resource.
 */
const OWN_KEYS = `for (const key in input) {
    if (!hasOwn.call(input, key)) continue;
    const value = input[key];`;

/**
 * Runs a fast check on a part of the resource (a complex value, an array, an extension); when it
 * gives up, the value count goes back to the mark, so the full walk counts afresh. Written out
 * rather than passed to a state method, so each call has one known target that V8 can inline.
 */
const tryFast = (check: string, value: string) => `((s.mark() && ${check}(s, ${value})) || s.rewind())`;

/**
 * Writes one module of straight-line validator code for a resource type: per context, a function
 * that switches on each key of the input and checks it with code specialized for that attribute,
 * then checks what is required. The walk mirrors @scimgen/runtime's interpreting validator, and
 * both word every problem through the runtime's ValidationState, so the two agree on every input
 * (the generated one returns unchanged parts of the input itself rather than copies).
 */
class ValidatorModule {
  private readonly helpers: string[] = [];
  /** Helper and constant names by their code, so identical checks (across contexts too) are written once. */
  private readonly helperNames = new Map<string, string>();
  private readonly constants = new Map<string, string>();
  /** Key tables by content: both spellings of each name (schema's and lower case) to a case number. */
  private readonly keyTables = new Map<string, string>();
  private context: Context = 'create';
  /** Set when a fast check of a binary attribute was written. */
  usesBase64 = false;
  usesDateTime = false;

  constructor(
    private readonly resourceType: IrResourceType,
    private readonly core: IrSchema,
    private readonly extensions: readonly { schema: IrSchema; required: boolean }[],
  ) {}

  private get request(): boolean {
    return this.context === 'create' || this.context === 'replace';
  }

  private helper(code: (name: string) => string): string {
    // Nested helpers are created while the body is built, so the name is chosen after it.
    const body = code('__HELPER__');
    let name = this.helperNames.get(body);
    if (name === undefined) {
      name = `check${this.helperNames.size}`;
      this.helperNames.set(body, name);
      this.helpers.push(body.replace('__HELPER__', name));
    }
    return name;
  }

  private constant(value: readonly string[]): string {
    const text = lit(value);
    let name = this.constants.get(text);
    if (name === undefined) {
      name = `CANONICAL_${this.constants.size}`;
      this.constants.set(text, name);
    }
    return name;
  }

  /**
   * A switch on an input key, in two steps: a string switch finds the case number of an exactly
   * spelled name (object keys are internalized strings, so each case is a pointer comparison);
   * any other spelling is looked up lower-cased in a table. The switch on numbers is a jump table.
   */
  private caseSwitch(entries: readonly (readonly [name: string, body: string])[], otherwise: string): string {
    const text = lit(entries.map(([name], index) => [name.toLowerCase(), index]));
    let table = this.keyTables.get(text);
    if (table === undefined) {
      table = `KEYS_${this.keyTables.size}`;
      this.keyTables.set(text, table);
    }
    const exact = entries.map(([name], index) => `case ${lit(name)}: slot = ${index}; break;`);
    const cases = entries.map(([, body], index) => `case ${index}: { ${body} break; }`);
    return `let slot: number | undefined;
    switch (key) {
      ${exact.join('\n')}
      default: slot = ${table}.get(key.toLowerCase());
    }
    switch (slot) {
      ${cases.join('\n')}
      default: ${otherwise}
    }`;
  }

  /** Statements checking one attribute value (`value`, key `key`, position `j`) at `path`. */
  private attributeBlock(attribute: IrAttribute, path: string, schemaId: string, walk: Walk): string {
    const drop = walk.drop;
    let body: string;
    if (this.request && attribute.mutability === 'readOnly') body = `s.readOnlyIgnored(${path}); ${drop}`;
    else if (this.context === 'response' && (attribute.returned === 'never' || attribute.mutability === 'writeOnly'))
      body = drop;
    else {
      // Arrays first try the fast check: an array that passes is kept whole, with no walk and no copy.
      const check = attribute.multiValued
        ? `(${tryFast(this.fastArray(attribute), 'value')} ? value : ${this.multi(attribute, schemaId)}(s, value, ${path}))`
        : this.single(attribute, 'value', path, schemaId);
      body = `if (s.count()) { const checked = ${check}; if (checked !== undefined) { ${walk.keep(attribute)} } else ${drop} } else { s.tooManyValues(${path}); ${drop} }`;
    }
    return `if (value !== null && value !== undefined) { ${body} } else ${drop}`;
  }

  private single(attribute: IrAttribute, value: string, path: string, schemaId: string): string {
    switch (attribute.type) {
      case 'complex': {
        // Declared without sub-attributes (a --lenient repair): any object, kept as it is.
        if (attribute.subAttributes.length === 0)
          return value === 'item'
            ? `(isJsonObject(item) ? item : s.wrong(s.at(path, i), 'an object', item))`
            : `(isJsonObject(${value}) ? ${value} : s.wrong(${path}, 'an object', ${value}))`;
        // Items pass their array's path and index; the item's path is built only to report a problem.
        // A complex value that passes the fast check is kept as it is, with no walk and no copy.
        const fast = `isJsonObject(${value}) && ${tryFast(this.fastObject(attribute.subAttributes, false), value)}`;
        return value === 'item'
          ? `(${fast} ? item : ${this.complex(attribute, schemaId)}(s, item, path, i))`
          : `(${fast} ? ${value} : ${this.complex(attribute, schemaId)}(s, ${value}, ${path}, -1))`;
      }
      // The common, valid case is decided inline; anything else goes to the state, which words the problem.
      case 'boolean':
        return `(typeof ${value} === 'boolean' ? ${value} : s.boolean(${value}, ${path}))`;
      case 'integer':
        return `(Number.isSafeInteger(${value}) ? (${value} as number) : s.integer(${value}, ${path}))`;
      case 'decimal':
        return `s.decimal(${value}, ${path})`;
      default: {
        const format = attribute.type === 'dateTime' || attribute.type === 'binary' ? attribute.type : 'string';
        const canonical = attribute.canonicalValues.length > 0 ? this.constant(attribute.canonicalValues) : '[]';
        const checked = `s.text(${value}, ${path}, ${lit(format)}, ${lit(schemaId)}, ${canonical}, ${attribute.caseExact})`;
        if (format !== 'string') return checked;
        const advisory = attribute.canonicalValues.length === 0 ? '' : ' && !s.anyStrict';
        return `(typeof ${value} === 'string' && ${value}.length <= s.maxStringLength${advisory} ? ${value} : ${checked})`;
      }
    }
  }

  /** Checks a multi-valued attribute; returns the input array itself when every value is kept unchanged. */
  private multi(attribute: IrAttribute, schemaId: string): string {
    const item = this.single(attribute, 'item', 'path + "[" + i + "]"', schemaId);
    return this.helper(
      (name) => `function ${name}(s: ValidationState, value: unknown, path: string): unknown[] | undefined {
  const list = s.array(value, path);
  if (list === undefined) return undefined;
  let items: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const checked = item === null ? undefined : ${item};
    if (items !== undefined) { if (checked !== undefined) items.push(checked); }
    else if (checked !== item) { items = list.slice(0, i); if (checked !== undefined) items.push(checked); }
  }
  const result = items ?? list;
  ${attribute.type === 'complex' ? 's.onePrimary(result, path);' : ''}
  return result.length === 0 ? undefined : result;
}`,
    );
  }

  /** A switch over an object's keys, one case per attribute (case-insensitive, exact spelling first). */
  private keySwitch(
    attributes: readonly IrAttribute[],
    pathOf: (attribute: IrAttribute) => string,
    unknownPath: string,
    schemaId: string,
  ): string {
    const byKey = new Map<string, IrAttribute>();
    for (const a of attributes) byKey.set(a.name.toLowerCase(), a);
    return this.caseSwitch(
      [...byKey.values()].map((a) => [a.name, this.attributeBlock(a, pathOf(a), schemaId, NESTED)]),
      `s.unknown(${unknownPath}, key); ${NESTED.drop}`,
    );
  }

  private complex(attribute: IrAttribute, schemaId: string): string {
    const subs = attribute.subAttributes;
    const required = this.requiredChecks(subs, 'out', (a) => `s.at(base, i) + ${lit(`.${a.name}`)}`);
    return this.helper(
      (
        name,
      ) => `function ${name}(s: ValidationState, input: unknown, base: string, i: number): Record<string, unknown> | undefined {
  if (!isJsonObject(input)) return s.wrong(s.at(base, i), 'an object', input);
  const out: Record<string, unknown> = {};
  let changed = false;
  let empty = true;
  ${OWN_KEYS}
    empty = false;
    ${this.keySwitch(subs, (a) => `s.at(base, i) + ${lit(`.${a.name}`)}`, 's.at(base, i) + "." + key', schemaId)}
  }
  ${required}
  return changed ? (Object.keys(out).length === 0 ? undefined : out) : empty ? undefined : input;
}`,
    );
  }

  private extension(schema: IrSchema): string {
    const prefix = `${schema.id}:`;
    return this.helper(
      (name) => `function ${name}(s: ValidationState, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let changed = false;
  ${OWN_KEYS}
    ${this.keySwitch(schema.attributes, (a) => lit(`${prefix}${a.name}`), `${lit(prefix)} + key`, schema.id)}
  }
  return changed ? out : input;
}`,
    );
  }

  /**
   * The fast path: a boolean expression that is true when `v` passes and validation would keep it
   * exactly as it is. Anything else (a problem, a warning, a coercion, a dropped or renamed value)
   * makes the whole fast path give up, and the full walk runs and words it.
   */
  private fastCheck(attribute: IrAttribute, v: string): string {
    if (this.request && attribute.mutability === 'readOnly') return 'false';
    if (this.context === 'response' && (attribute.returned === 'never' || attribute.mutability === 'writeOnly'))
      return 'false';
    if (!attribute.multiValued) return this.fastOne(attribute, v);
    return `${this.fastArray(attribute)}(s, ${v})`;
  }

  /** Fast check of one value (of a single-valued attribute, or one item of a multi-valued one). */
  private fastOne(attribute: IrAttribute, x: string): string {
    switch (attribute.type) {
      case 'complex':
        if (attribute.subAttributes.length === 0) return `isJsonObject(${x})`;
        return `(isJsonObject(${x}) && ${this.fastObject(attribute.subAttributes, false)}(s, ${x}))`;
      case 'boolean':
        return `typeof ${x} === 'boolean'`;
      case 'integer':
        return `Number.isSafeInteger(${x})`;
      case 'decimal':
        return `(typeof ${x} === 'number' && Number.isFinite(${x}))`;
      default: {
        // Strict canonical values are checked by the full walk, which words the problem.
        const strict = attribute.canonicalValues.length > 0 ? ' && !s.anyStrict' : '';
        const text = `(typeof ${x} === 'string' && ${x}.length <= s.maxStringLength${strict}`;
        if (attribute.type === 'dateTime') {
          this.usesDateTime = true;
          return `${text} && isDateTime(${x}))`;
        }
        if (attribute.type === 'binary') {
          this.usesBase64 = true;
          return `${text} && isBase64(${x}))`;
        }
        return `${text})`;
      }
    }
  }

  /** Fast check of a multi-valued attribute: a non-empty array of values that all pass, one primary at most. */
  private fastArray(attribute: IrAttribute): string {
    const primary = attribute.type === 'complex' && attribute.subAttributes.some((a) => a.name === 'primary');
    return this.helper(
      (name) => `function ${name}(s: ValidationState, list: unknown): boolean {
  if (!Array.isArray(list) || list.length === 0 || list.length > s.limits.maxArrayLength) return false;
  ${primary ? 'let primaries = 0;' : ''}
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (item === null || !(${this.fastOne(attribute, 'item')})) return false;
    ${primary ? "if ((item as Record<string, unknown>)['primary'] === true && ++primaries > 1) return false;" : ''}
  }
  return true;
}`,
    );
  }

  /** Fast path for an object's attributes: each checked by its exact name, then no other keys. */
  private fastObject(attributes: readonly IrAttribute[], extension: boolean): string {
    const checks = attributes.map(
      (a) => `v = input[${lit(a.name)}];
  if (v !== undefined) { if (v === null || !s.count() || !(${this.fastCheck(a, 'v')})) return false; n++; }`,
    );
    const required = this.fastRequired(attributes, 'input');
    return this.helper(
      (name) => `function ${name}(s: ValidationState, input: Record<string, unknown>): boolean {
  let n = 0;
  let v: unknown;
  ${checks.join('\n  ')}
  ${required}
  let keys = 0;
  for (const key in input) if (hasOwn.call(input, key)) keys++;
  return keys === n${extension ? '' : ' && n > 0'};
}`,
    );
  }

  private fastRequired(attributes: readonly IrAttribute[], target: string): string {
    return this.requiredAttributes(attributes)
      .map((a) => `if (${target}[${lit(a.name)}] === undefined) return false;`)
      .join('\n  ');
  }

  /** Fast path for the whole resource: schemas canonical, extensions, attributes, required, no other keys. */
  private fastResource(): string {
    const common = this.resourceType.commonAttributes;
    const extensionChecks = this.extensions.map(
      ({ schema, required }) => `v = input[${lit(schema.id)}];
  if (v !== undefined) { if (!isJsonObject(v) || !schemas.includes(${lit(schema.id)}) || !${this.fastObject(schema.attributes, true)}(s, v)) return false; n++; }${required ? ' else return false;' : ''}`,
    );
    const byKey = new Map<string, IrAttribute>();
    for (const a of [...common, ...this.core.attributes]) byKey.set(a.name.toLowerCase(), a);
    const attributeChecks = [...byKey.values()].map(
      (a) => `v = input[${lit(a.name)}];
  if (v !== undefined) { if (v === null || !s.count() || !(${this.fastCheck(a, 'v')})) return false; n++; }`,
    );
    const required = [
      this.fastRequired(this.core.attributes, 'input'),
      this.context === 'response' || this.context === 'patchResult' ? this.fastRequired(common, 'input') : '',
    ].join('\n  ');
    return this.helper(
      (name) => `function ${name}(s: ValidationState, input: Record<string, unknown>): boolean {
  const schemas = input['schemas'];
  if (!${this.canonicalSchemas()}(schemas)) return false;
  let n = 1;
  let v: unknown;
  ${attributeChecks.join('\n  ')}
  ${extensionChecks.join('\n  ')}
  ${required}
  let keys = 0;
  for (const key in input) if (hasOwn.call(input, key)) keys++;
  return keys === n;
}`,
    );
  }

  /** A check that "schemas" is already canonical: the core URN first, then extension URNs spelled exactly, none twice. */
  private canonicalSchemas(): string {
    const extension = this.extensions.map(({ schema }) => `urn !== ${lit(schema.id)}`).join(' && ');
    return this.helper(
      (name) => `function ${name}(schemas: unknown): schemas is string[] {
  if (!Array.isArray(schemas) || schemas[0] !== ${lit(this.core.id)}) return false;
  ${
    extension === ''
      ? 'return schemas.length === 1;'
      : `for (let i = 1; i < schemas.length; i++) {
    const urn: unknown = schemas[i];
    if ((${extension}) || schemas.indexOf(urn) !== i) return false;
  }
  return true;`
  }
}`,
    );
  }

  /** Required attributes this context must carry: not readOnly ones in requests, not "never" ones in responses. */
  private requiredAttributes(attributes: readonly IrAttribute[]): IrAttribute[] {
    return attributes
      .filter((a) => a.required)
      .filter((a) => !(a.mutability === 'readOnly' && this.context !== 'response'))
      .filter((a) => !(this.context === 'response' && a.returned === 'never'));
  }

  /** `missing` calls for required attributes this context must carry; the rule is decided here, once. */
  private requiredChecks(
    attributes: readonly IrAttribute[],
    target: string,
    pathOf: (a: IrAttribute) => string,
  ): string {
    return this.requiredAttributes(attributes)
      .map((a) => `if (${target}[${lit(a.name)}] === undefined) s.missing(${pathOf(a)});`)
      .join('\n');
  }

  validator(context: Context, functionName: string, returnType: string, descriptorName: string): string {
    this.context = context;
    const common = this.resourceType.commonAttributes;
    const byKey = new Map<string, IrAttribute>();
    for (const a of [...common, ...this.core.attributes]) byKey.set(a.name.toLowerCase(), a);
    const requiredHere = [
      ...this.requiredAttributes(this.core.attributes),
      ...(context === 'response' || context === 'patchResult' ? this.requiredAttributes(common) : []),
    ];
    const notes = new Map<string, { local: string; value: 'true' | 'checked' }>();
    for (const a of requiredHere)
      if (!notes.has(a.name.toLowerCase()))
        notes.set(a.name.toLowerCase(), { local: `has${notes.size}`, value: 'true' });
    // An extension's data is noted only when something reads it (an unread local fails strict builds).
    this.extensions.forEach(({ schema, required }, k) => {
      if (required || this.requiredAttributes(schema.attributes).length > 0)
        notes.set(schema.id, { local: `extension${k}`, value: 'checked' });
    });
    const walk = resourceWalk(notes);
    const extensionCases: [string, string][] = this.extensions.map(({ schema }) => [
      schema.id,
      `if (value === null || value === undefined) { ${walk.drop} break; }
        if (!isJsonObject(value)) { s.badExtension(${lit(schema.id)}, value); ${walk.drop} break; }
        const checked = ${tryFast(this.fastObject(schema.attributes, true), 'value')} ? value : ${this.extension(schema)}(s, value);
        ${walk.keep(schema.id)}
        present.push(${lit(schema.id)});`,
    ]);
    const attributeCases: [string, string][] = [...byKey.values()].map((a) => [
      a.name,
      this.attributeBlock(a, lit(a.name), this.core.id, walk),
    ]);
    const locals = [...notes.values()].map(({ local, value }) =>
      value === 'true' ? `let ${local} = false;` : `let ${local}: Record<string, unknown> | undefined;`,
    );
    const required = [
      ...requiredHere.map((a) => `if (!${notes.get(a.name.toLowerCase())!.local}) s.missing(${lit(a.name)});`),
      ...this.extensions.map(({ schema, required }, k) => {
        const inner = this.requiredChecks(schema.attributes, `extension${k}`, (a) => lit(`${schema.id}:${a.name}`));
        if (!notes.has(schema.id)) return '';
        return `if (extension${k} !== undefined) { ${inner} }${required ? ` else s.requiredExtension(${lit(schema.id)}, ${lit(schema.name)});` : ''}`;
      }),
    ]
      .filter((c) => c !== '')
      .join('\n');
    // The walk is a helper, so contexts with the same rules (create and replace) share one body.
    const body = this.helper(
      (
        name,
      ) => `function ${name}(s: ValidationState, input: unknown, options: Omit<ValidationOptions, 'context'>): ValidationResult {
  if (!isJsonObject(input)) return s.notAnObject(input);
  // Valid, canonical input (nearly all traffic) passes the fast path and is returned as it is.
  if (!s.anyStrict && options.existing === undefined && ${this.fastResource()}(s, input)) return s.result(input);
  s.resetCount();
  const lean = options.existing === undefined;
  // "schemas" first: it is set last, from what the walk found, but leads the result as it should.
  let out: Record<string, unknown> | undefined = { schemas: undefined };
  let changed = false;
  let declared: string[] | undefined;
  const present: string[] = [];
  ${locals.join('\n  ')}
  ${OWN_KEYS}
    ${this.caseSwitch(
      [
        [
          'schemas',
          `declared = ${this.canonicalSchemas()}(value) ? value : s.schemas(value); if (key !== 'schemas') ${walk.drop}`,
        ],
        ...extensionCases,
        ...attributeCases,
      ],
      `s.unknown(key, key); ${walk.drop}`,
    )}
  }
  ${required}
  if (options.existing !== undefined && out !== undefined) {
    changed = true;
    s.immutables(out);
  }
  const schemas = s.agree(declared, present);
  // Only a failed validation stops building out, and its value is never returned.
  if (out === undefined) return s.result(input);
  if (!changed && !s.sameList(input['schemas'], schemas)) changed = true;
  out['schemas'] = schemas;
  return s.result(changed ? out : input);
}`,
    );
    return `/** Validates ${CONTEXT_DOC[context]} for ${commentText(this.resourceType.name)} resources. */
export function ${functionName}(input: unknown, options: Omit<ValidationOptions, 'context'> = {}): ValidationResult<${returnType}> {
  return ${body}(new ValidationState(${descriptorName}, options, ${lit(context)}), input, options) as ValidationResult<${returnType}>;
}`;
  }

  render(functions: readonly string[], imports: string): string {
    const constants = [
      // Called as hasOwn.call(input, key) in for-in loops, which V8 folds away (see OWN_KEYS).
      'const hasOwn = Object.prototype.hasOwnProperty;',
      ...[...this.constants].map(([text, name]) => `const ${name}: readonly string[] = ${text};`),
      ...[...this.keyTables].map(
        ([text, name]) => `const ${name} = new Map<string, number>(${text} as readonly [string, number][]);`,
      ),
    ];
    return [GENERATED_HEADER, imports, '', ...constants, '', ...this.helpers, '', ...functions, ''].join('\n');
  }
}

/** The exported validator names of a resource type, one per context, in CONTEXTS order. */
export function validatorNames(rt: IrResourceType): string[] {
  return CONTEXTS.map(({ suffix }) => assertIdentifier(`validate${rt.identifier}${suffix}`));
}

/** The validators emitter: one module of compiled validators per resource type. */
export function emitValidators(ir: IrDocument): FileSpec[] {
  const files: FileSpec[] = [];
  for (const rt of ir.resourceTypes) {
    const core = ir.schemas.find((s) => s.id === rt.schema)!;
    const extensions = rt.schemaExtensions.map((e) => ({
      schema: ir.schemas.find((s) => s.id === e.schema)!,
      required: e.required,
    }));
    const module = new ValidatorModule(rt, core, extensions);
    const descriptorName = assertIdentifier(`${valueIdentifier(rt.identifier)}ResourceType`);
    const names = validatorNames(rt);
    const functions = CONTEXTS.map(({ context, view }, k) =>
      module.validator(context, names[k]!, assertIdentifier(rt.typeNames[view]), descriptorName),
    );
    const types = [...new Set(CONTEXTS.map(({ view }) => rt.typeNames[view]))].sort().join(', ');
    // Format checks are imported only by modules that use them (unused imports fail strict builds).
    const runtime = [
      ...(module.usesBase64 ? ['isBase64'] : []),
      ...(module.usesDateTime ? ['isDateTime'] : []),
      'isJsonObject',
    ].join(', ');
    const imports = [
      `import { ${runtime}, ValidationState, type ValidationOptions, type ValidationResult } from '@scimgen/runtime';`,
      `import { ${descriptorName} } from '../descriptors/resource-types.js';`,
      `import type { ${types} } from '../models/resources/${fileStem(rt.identifier)}.js';`,
    ].join('\n');
    files.push({
      path: `src/validators/${fileStem(rt.identifier)}.ts`,
      ownership: 'generated',
      contents: module.render(functions, imports),
    });
  }
  if (files.length > 0) {
    files.push(barrel(VALIDATORS_ENTRY, files));
  }
  return files;
}
