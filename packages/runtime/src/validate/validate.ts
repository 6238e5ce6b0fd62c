import {
  findAttribute,
  findSubAttribute,
  knownSchema,
  type AttributeDescriptor,
  type ResourceTypeDescriptor,
} from '../descriptor.js';
import { ScimError, type ScimType } from '../errors.js';

/**
 * Which direction a resource travels, which decides what its attributes may carry
 * (RFC 7643 §2.2): readOnly input is dropped from requests, "never" values from responses,
 * immutable values may be set once.
 */
export type ValidationContext = 'create' | 'replace' | 'patchResult' | 'response';

export interface ValidationProblem {
  /** Attribute path in canonical case, e.g. "emails[1].value" or "urn:…:enterprise:2.0:User:manager.value". */
  readonly path: string;
  readonly scimType: ScimType;
  readonly message: string;
}

export interface ValidationLimits {
  readonly maxStringLength: number;
  readonly maxArrayLength: number;
  /** Most values (attributes and array items, counted together) in one resource. */
  readonly maxValues: number;
}

export const DEFAULT_VALIDATION_LIMITS: ValidationLimits = {
  maxStringLength: 65_536,
  maxArrayLength: 10_000,
  maxValues: 200_000,
};

export interface ValidationOptions {
  readonly context: ValidationContext;
  /** The stored resource, for replace and patchResult: immutable and readOnly values are compared with it. */
  readonly existing?: Readonly<Record<string, unknown>> | undefined;
  /** Attributes the schema does not define: dropped with a warning (default) or 400 invalidSyntax. */
  readonly unknownAttributes?: 'ignore' | 'reject';
  /** canonicalValues as advice (default) or as the only values allowed; per schema id when an object. */
  readonly canonicalValues?: 'advisory' | 'strict' | Readonly<Record<string, 'advisory' | 'strict'>>;
  /** Extension data whose URN is missing from "schemas" (Entra ID sends it): added with a warning (default) or rejected. */
  readonly extensionWithoutSchema?: 'accept' | 'reject';
  /** `"True"` / `"False"` strings for boolean attributes read as booleans (an IdP coercion profile). */
  readonly booleanStrings?: boolean;
  readonly limits?: Partial<ValidationLimits>;
}

export type ValidationResult =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly warnings: readonly string[] }
  | {
      readonly ok: false;
      readonly error: ScimError;
      readonly problems: readonly ValidationProblem[];
      readonly warnings: readonly string[];
    };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => same(a[k], b[k]));
  }
  return false;
}

/**
 * Validates a resource against its resource type, interpreting the descriptor (for schemas known
 * only at run time). Returns the resource with canonical attribute names and extension placement,
 * or every problem found, as one 400 ScimError naming each attribute path.
 */
export function validateResource(
  input: unknown,
  descriptor: ResourceTypeDescriptor,
  options: ValidationOptions,
): ValidationResult {
  return new Validator(descriptor, options).run(input);
}

class Validator {
  private readonly problems: ValidationProblem[] = [];
  /** Paths already reported, so a value refused for its type is not also reported as missing. */
  private readonly reported = new Set<string>();
  private readonly warnings: string[] = [];
  private readonly limits: ValidationLimits;
  private readonly request: boolean;
  private values = 0;

  constructor(
    private readonly descriptor: ResourceTypeDescriptor,
    private readonly options: ValidationOptions,
  ) {
    this.limits = { ...DEFAULT_VALIDATION_LIMITS, ...options.limits };
    this.request = options.context === 'create' || options.context === 'replace';
  }

  private problem(path: string, scimType: ScimType, message: string): void {
    this.problems.push({ path, scimType, message });
    this.reported.add(path);
  }

  run(input: unknown): ValidationResult {
    if (!isObject(input)) {
      this.problem('', 'invalidSyntax', `a resource must be a JSON object, got ${describe(input)}`);
      return this.result({});
    }
    const out: Json = {};
    let declared: string[] | undefined;
    const extensionsPresent: string[] = [];
    for (const key of Object.keys(input)) {
      const value = input[key];
      if (key.toLowerCase() === 'schemas') {
        declared = this.schemas(value);
        continue;
      }
      const schema = key.toLowerCase().startsWith('urn:') ? knownSchema(this.descriptor, key) : undefined;
      if (schema !== undefined && schema !== this.descriptor.schema.id) {
        if (value === null || value === undefined) continue;
        if (!isObject(value)) {
          this.problem(schema, 'invalidValue', `extension data must be an object, got ${describe(value)}`);
          continue;
        }
        out[schema] = this.object(
          value,
          (name) => findAttribute(this.descriptor, schema, name)?.attribute,
          `${schema}:`,
          schema,
        );
        extensionsPresent.push(schema);
        continue;
      }
      const attribute = findAttribute(this.descriptor, undefined, key)?.attribute;
      if (attribute === undefined) {
        this.unknown(key, key);
        continue;
      }
      const checked = this.attribute(attribute, value, attribute.name, this.descriptor.schema.id);
      if (checked !== undefined) out[attribute.name] = checked;
    }
    this.required(this.descriptor.schema.attributes, out, '');
    if (this.options.context === 'response' || this.options.context === 'patchResult')
      this.required(this.descriptor.commonAttributes, out, '');
    for (const extension of this.descriptor.extensions) {
      const id = extension.schema.id;
      const data = out[id];
      if (isObject(data)) this.required(extension.schema.attributes, data, `${id}:`);
      else if (extension.required)
        this.problem(
          id,
          'invalidValue',
          `the ${extension.schema.name} extension is required for ${this.descriptor.name} resources`,
        );
    }
    this.immutables(out);
    out['schemas'] = this.agree(declared, extensionsPresent);
    return this.result(out);
  }

  private result(value: Json): ValidationResult {
    if (this.problems.length === 0) return { ok: true, value, warnings: this.warnings };
    const first = this.problems[0]!;
    const detail = this.problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; ');
    return {
      ok: false,
      error: new ScimError(400, detail, first.scimType),
      problems: this.problems,
      warnings: this.warnings,
    };
  }

  private unknown(path: string, key: string): void {
    if (this.options.unknownAttributes === 'reject')
      this.problem(path, 'invalidSyntax', `unknown attribute ${JSON.stringify(key)}`);
    else this.warnings.push(`${path}: unknown attribute ${JSON.stringify(key)} ignored`);
  }

  /** "schemas": the core URN must be there in requests; every URN must belong to this resource type. */
  private schemas(value: unknown): string[] | undefined {
    if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) {
      this.problem('schemas', 'invalidSyntax', `"schemas" must be an array of URNs, got ${describe(value)}`);
      return undefined;
    }
    const known: string[] = [];
    for (const urn of value as string[]) {
      const id = knownSchema(this.descriptor, urn);
      if (id === undefined)
        this.problem(
          'schemas',
          'invalidValue',
          `${JSON.stringify(urn)} is not a schema of ${this.descriptor.name} resources`,
        );
      else if (!known.includes(id)) known.push(id);
    }
    return known;
  }

  /** The "schemas" the result carries: agreeing with the extension data actually present. */
  private agree(declared: string[] | undefined, present: readonly string[]): string[] {
    const core = this.descriptor.schema.id;
    if (declared === undefined) {
      if (this.request && !this.problems.some((p) => p.path === 'schemas'))
        this.problem('schemas', 'invalidSyntax', `"schemas" is required and must include ${core}`);
      declared = [];
    } else if (!declared.includes(core) && this.options.context !== 'response') {
      this.problem('schemas', 'invalidSyntax', `"schemas" must include ${core}`);
    }
    const out = [core, ...declared.filter((s) => s !== core)];
    for (const id of present) {
      if (out.includes(id)) continue;
      if (this.options.extensionWithoutSchema === 'reject') {
        this.problem('schemas', 'invalidSyntax', `extension data for ${id} is present but "schemas" does not list it`);
      } else {
        this.warnings.push(`schemas: ${id} added for the extension data present`);
        out.push(id);
      }
    }
    return out;
  }

  /** Attributes of an object (an extension, or a complex value): canonical names, unknowns per options. */
  private object(
    value: Json,
    lookup: (name: string) => AttributeDescriptor | undefined,
    prefix: string,
    schemaId: string,
  ): Json {
    const out: Json = {};
    for (const key of Object.keys(value)) {
      const attribute = lookup(key);
      if (attribute === undefined) {
        this.unknown(`${prefix}${key}`, key);
        continue;
      }
      const checked = this.attribute(attribute, value[key], `${prefix}${attribute.name}`, schemaId);
      if (checked !== undefined) out[attribute.name] = checked;
    }
    return out;
  }

  /** One attribute's value, or undefined when it is dropped (readOnly in a request, never in a response, null). */
  private attribute(attribute: AttributeDescriptor, value: unknown, path: string, schemaId: string): unknown {
    if (value === null || value === undefined) return undefined;
    if (this.request && attribute.mutability === 'readOnly') {
      this.warnings.push(`${path}: readOnly, ignored (RFC 7643 §2.2)`);
      return undefined;
    }
    if (this.options.context === 'response' && (attribute.returned === 'never' || attribute.mutability === 'writeOnly'))
      return undefined;
    if (++this.values > this.limits.maxValues) {
      if (this.values === this.limits.maxValues + 1)
        this.problem(path, 'invalidValue', `the resource has more than ${this.limits.maxValues} values`);
      return undefined;
    }
    if (!attribute.multiValued) return this.single(attribute, value, path, schemaId);
    if (!Array.isArray(value)) {
      this.problem(path, 'invalidValue', `must be an array, got ${describe(value)}`);
      return undefined;
    }
    if (value.length > this.limits.maxArrayLength) {
      this.problem(
        path,
        'invalidValue',
        `has ${value.length} values; at most ${this.limits.maxArrayLength} are accepted`,
      );
      return undefined;
    }
    const items: unknown[] = [];
    value.forEach((item, i) => {
      const checked = item === null ? undefined : this.single(attribute, item, `${path}[${i}]`, schemaId);
      if (checked !== undefined) items.push(checked);
    });
    if (attribute.type === 'complex' && items.filter((v) => isObject(v) && v['primary'] === true).length > 1) {
      this.problem(path, 'invalidValue', 'more than one value has "primary": true');
    }
    return items.length === 0 ? undefined : items;
  }

  private single(attribute: AttributeDescriptor, value: unknown, path: string, schemaId: string): unknown {
    switch (attribute.type) {
      case 'complex': {
        if (!isObject(value)) return this.wrong(path, 'an object', value);
        const out = this.object(value, (name) => findSubAttribute(attribute, name), `${path}.`, schemaId);
        this.required(attribute.subAttributes, out, `${path}.`);
        return Object.keys(out).length === 0 ? undefined : out;
      }
      case 'boolean':
        if (typeof value === 'boolean') return value;
        if (this.options.booleanStrings && typeof value === 'string' && /^(true|false)$/i.test(value)) {
          this.warnings.push(`${path}: the string ${JSON.stringify(value)} read as a boolean`);
          return value.toLowerCase() === 'true';
        }
        return this.wrong(path, 'true or false', value);
      case 'integer':
        return Number.isSafeInteger(value) ? value : this.wrong(path, 'an integer', value);
      case 'decimal':
        return typeof value === 'number' && Number.isFinite(value) ? value : this.wrong(path, 'a number', value);
      default: {
        if (typeof value !== 'string') return this.wrong(path, 'a string', value);
        if (value.length > this.limits.maxStringLength) {
          this.problem(
            path,
            'invalidValue',
            `is ${value.length} characters long; at most ${this.limits.maxStringLength} are accepted`,
          );
          return undefined;
        }
        if (attribute.type === 'dateTime' && Number.isNaN(Date.parse(value)))
          return this.wrong(path, 'an xsd:dateTime', value);
        if (attribute.type === 'binary' && !BASE64.test(value)) return this.wrong(path, 'base64 text', value);
        if (attribute.canonicalValues.length > 0 && this.strictCanonical(schemaId)) {
          const fold = (s: string) => (attribute.caseExact ? s : s.toLowerCase());
          if (!attribute.canonicalValues.some((c) => fold(c) === fold(value))) {
            this.problem(
              path,
              'invalidValue',
              `${describe(value)} is not one of ${attribute.canonicalValues.map((c) => JSON.stringify(c)).join(', ')}`,
            );
            return undefined;
          }
        }
        return value;
      }
    }
  }

  private strictCanonical(schemaId: string): boolean {
    const setting = this.options.canonicalValues;
    if (setting === undefined || typeof setting === 'string') return setting === 'strict';
    return setting[schemaId] === 'strict';
  }

  private wrong(path: string, expected: string, value: unknown): undefined {
    this.problem(path, 'invalidValue', `must be ${expected}, got ${describe(value)}`);
    return undefined;
  }

  /**
   * Required attributes present. A readOnly one is the server's to supply, so only a response must
   * carry it; a "never" one is never in a response.
   */
  private required(attributes: readonly AttributeDescriptor[], out: Json, prefix: string): void {
    for (const attribute of attributes) {
      if (!attribute.required || out[attribute.name] !== undefined || this.reported.has(`${prefix}${attribute.name}`))
        continue;
      if (attribute.mutability === 'readOnly' && this.options.context !== 'response') continue;
      if (this.options.context === 'response' && attribute.returned === 'never') continue;
      this.problem(`${prefix}${attribute.name}`, 'invalidValue', 'is required');
    }
  }

  /** Replace and PATCH results may not change an immutable value; omitted in a replace means unchanged. */
  private immutables(out: Json): void {
    const existing = this.options.existing;
    if (existing === undefined || (this.options.context !== 'replace' && this.options.context !== 'patchResult'))
      return;
    const check = (attributes: readonly AttributeDescriptor[], before: unknown, after: Json, prefix: string) => {
      if (!isObject(before)) return;
      for (const attribute of attributes) {
        const old = before[attribute.name];
        if (old === undefined || old === null) continue;
        const changed = after[attribute.name] !== undefined && !same(old, after[attribute.name]);
        if (attribute.mutability === 'immutable') {
          if (changed)
            this.problem(`${prefix}${attribute.name}`, 'mutability', 'is immutable and already has a different value');
          else if (after[attribute.name] === undefined && this.options.context === 'replace')
            after[attribute.name] = old;
        } else if (attribute.mutability === 'readOnly' && this.options.context === 'patchResult' && changed) {
          this.problem(`${prefix}${attribute.name}`, 'mutability', 'is readOnly');
        }
      }
    };
    check(
      [...this.descriptor.commonAttributes.filter((a) => a.name !== 'meta'), ...this.descriptor.schema.attributes],
      existing,
      out,
      '',
    );
    for (const extension of this.descriptor.extensions) {
      const id = extension.schema.id;
      if (isObject(existing[id])) {
        const after = isObject(out[id]) ? (out[id] as Json) : {};
        check(extension.schema.attributes, existing[id], after, `${id}:`);
        if (Object.keys(after).length > 0) out[id] = after;
      }
    }
  }
}
