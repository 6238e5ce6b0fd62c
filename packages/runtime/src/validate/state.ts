import { knownSchema, type AttributeDescriptor, type ResourceTypeDescriptor } from '../descriptor.js';
import { ScimError, type ScimType } from '../errors.js';
import { isDateTime } from '../datetime.js';
import { deepEqual, describe, isBase64, isObject, type Json } from '../json.js';
import { PATCH_PROFILES, type PatchProfileName } from '../patch/profiles.js';

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
  /** Most attribute values in one resource. */
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
  /**
   * An IdP profile (the same names as PATCH's): its coercions apply here too, so a server configures
   * one profile for both. `booleanStrings`, when given, wins.
   */
  readonly profile?: PatchProfileName;
  readonly limits?: Partial<ValidationLimits>;
}

export type ValidationResult<T = Record<string, unknown>> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly string[] }
  | {
      readonly ok: false;
      readonly error: ScimError;
      readonly problems: readonly ValidationProblem[];
      readonly warnings: readonly string[];
    };

/**
 * A failed validation. Its ScimError (and the stack trace that comes with any Error) is made only
 * when asked for: a caller that reads the problems, or counts failures, never pays for it.
 */
class FailedValidation {
  readonly ok = false;
  private made: ScimError | undefined;

  constructor(
    readonly problems: readonly ValidationProblem[],
    readonly warnings: readonly string[],
  ) {}

  get error(): ScimError {
    if (this.made === undefined) {
      const detail = this.problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; ');
      this.made = new ScimError(400, detail, this.problems[0]!.scimType);
    }
    return this.made;
  }
}

/**
 * The bookkeeping of one validation: problems, warnings, limits, and the checks of single values.
 * The interpreting validator and the generated validators both use it, so they word every problem
 * the same way; what differs is only how they walk the attributes.
 */
export class ValidationState {
  readonly problems: ValidationProblem[] = [];
  readonly warnings: string[] = [];
  readonly limits: ValidationLimits;
  /** Requests (create, replace) drop readOnly input. */
  readonly request: boolean;
  readonly context: ValidationContext;
  /** Longest string accepted, read often enough by generated code to be a field of its own. */
  readonly maxStringLength: number;
  private values = 0;
  private marked = 0;
  private readonly strictAll: boolean;
  private readonly booleanStrings: boolean;
  /** Whether any schema's canonicalValues are strict; when not, generated code skips the check inline. */
  readonly anyStrict: boolean;

  constructor(
    readonly descriptor: ResourceTypeDescriptor,
    readonly options: Omit<ValidationOptions, 'context'> & { readonly context?: ValidationContext },
    context?: ValidationContext,
  ) {
    this.context = context ?? options.context ?? 'create';
    this.limits =
      options.limits === undefined ? DEFAULT_VALIDATION_LIMITS : { ...DEFAULT_VALIDATION_LIMITS, ...options.limits };
    this.maxStringLength = this.limits.maxStringLength;
    this.request = this.context === 'create' || this.context === 'replace';
    this.strictAll = options.canonicalValues === 'strict';
    this.booleanStrings =
      options.booleanStrings ?? (options.profile !== undefined && PATCH_PROFILES[options.profile].booleanStrings);
    this.anyStrict = options.canonicalValues !== undefined && options.canonicalValues !== 'advisory';
  }

  problem(path: string, scimType: ScimType, message: string): void {
    this.problems.push({ path, scimType, message });
  }

  /** Whether a problem was reported at `path` (problems are few: a scan beats keeping a set). */
  private reported(path: string): boolean {
    for (let i = 0; i < this.problems.length; i++) if (this.problems[i]!.path === path) return true;
    return false;
  }

  /** Whether a "schemas" value is already exactly the list `agree` settled on. */
  sameList(value: unknown, list: readonly string[]): boolean {
    if (!Array.isArray(value) || value.length !== list.length) return false;
    for (let i = 0; i < list.length; i++) if (value[i] !== list[i]) return false;
    return true;
  }

  /** A required attribute that is absent, unless its value was already reported as wrong. */
  missing(path: string): void {
    if (!this.reported(path)) this.problem(path, 'invalidValue', 'is required');
  }

  unknown(path: string, key: string): void {
    if (this.options.unknownAttributes === 'reject')
      this.problem(path, 'invalidSyntax', `unknown attribute ${JSON.stringify(key)}`);
    else this.warnings.push(`${path}: unknown attribute ${JSON.stringify(key)} ignored`);
  }

  readOnlyIgnored(path: string): void {
    this.warnings.push(`${path}: readOnly, ignored (RFC 7643 §2.2)`);
  }

  notAnObject(input: unknown): ValidationResult<never> {
    this.problem('', 'invalidSyntax', `a resource must be a JSON object, got ${describe(input)}`);
    return this.result({}) as ValidationResult<never>;
  }

  badExtension(path: string, value: unknown): void {
    this.problem(path, 'invalidValue', `extension data must be an object, got ${describe(value)}`);
  }

  requiredExtension(id: string, name: string): void {
    this.problem(id, 'invalidValue', `the ${name} extension is required for ${this.descriptor.name} resources`);
  }

  /** Counts one attribute value against maxValues; false when over the limit (then call tooManyValues). */
  count(): boolean {
    return ++this.values <= this.limits.maxValues;
  }

  /** Notes the value count before a generated fast check; always true, to chain with the check. */
  mark(): true {
    this.marked = this.values;
    return true;
  }

  /** After a fast check gave up: the value count back to the mark, so the full walk counts afresh; false. */
  rewind(): false {
    this.values = this.marked;
    return false;
  }

  /** Starts the value count again: after a generated validator's fast path gave up, before its full walk. */
  resetCount(): void {
    this.values = 0;
  }

  /** Reports the value count limit, once, at the first value over it. */
  tooManyValues(path: string): void {
    if (this.values === this.limits.maxValues + 1)
      this.problem(path, 'invalidValue', `the resource has more than ${this.limits.maxValues} values`);
  }

  /** The path of a value: `base`, or item `i` of it. Generated code builds paths only to report a problem. */
  at(base: string, i: number): string {
    return i < 0 ? base : `${base}[${i}]`;
  }

  /** A multi-valued attribute's array, within limits, or undefined after reporting why not. */
  array(value: unknown, path: string): unknown[] | undefined {
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
    return value;
  }

  onePrimary(items: readonly unknown[], path: string): void {
    let primaries = 0;
    for (const v of items) if (isObject(v) && v['primary'] === true) primaries++;
    if (primaries > 1) this.problem(path, 'invalidValue', 'more than one value has "primary": true');
  }

  wrong(path: string, expected: string, value: unknown): undefined {
    this.problem(path, 'invalidValue', `must be ${expected}, got ${describe(value)}`);
    return undefined;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value === 'boolean') return value;
    if (this.booleanStrings && typeof value === 'string' && /^(true|false)$/i.test(value)) {
      this.warnings.push(`${path}: the string ${JSON.stringify(value)} read as a boolean`);
      return value.toLowerCase() === 'true';
    }
    return this.wrong(path, 'true or false', value);
  }

  integer(value: unknown, path: string): number | undefined {
    return Number.isSafeInteger(value) ? (value as number) : this.wrong(path, 'an integer', value);
  }

  decimal(value: unknown, path: string): number | undefined {
    return typeof value === 'number' && Number.isFinite(value) ? value : this.wrong(path, 'a number', value);
  }

  /** string, reference, dateTime and binary values: length, format and (when strict) canonical values. */
  text(
    value: unknown,
    path: string,
    format: 'string' | 'dateTime' | 'binary',
    schemaId: string,
    canonicalValues: readonly string[],
    caseExact: boolean,
  ): string | undefined {
    if (typeof value !== 'string') return this.wrong(path, 'a string', value);
    if (value.length > this.limits.maxStringLength) {
      this.problem(
        path,
        'invalidValue',
        `is ${value.length} characters long; at most ${this.limits.maxStringLength} are accepted`,
      );
      return undefined;
    }
    if (format === 'dateTime' && !isDateTime(value)) return this.wrong(path, 'an xsd:dateTime', value);
    if (format === 'binary' && !isBase64(value)) return this.wrong(path, 'base64 text', value);
    if (canonicalValues.length > 0 && this.strictCanonical(schemaId)) {
      const fold = (s: string) => (caseExact ? s : s.toLowerCase());
      if (!canonicalValues.some((c) => fold(c) === fold(value))) {
        this.problem(
          path,
          'invalidValue',
          `${describe(value)} is not one of ${canonicalValues.map((c) => JSON.stringify(c)).join(', ')}`,
        );
        return undefined;
      }
    }
    return value;
  }

  private strictCanonical(schemaId: string): boolean {
    if (this.strictAll) return true;
    const setting = this.options.canonicalValues;
    return setting !== undefined && typeof setting !== 'string' && setting[schemaId] === 'strict';
  }

  /** "schemas": an array of URNs of this resource type, canonical ids out (the input array itself when already so). */
  schemas(value: unknown): string[] | undefined {
    if (!Array.isArray(value) || !value.every(isString)) {
      this.problem('schemas', 'invalidSyntax', `"schemas" must be an array of URNs, got ${describe(value)}`);
      return undefined;
    }
    const known: string[] = [];
    let canonical = true;
    for (let i = 0; i < value.length; i++) {
      const urn = value[i] as string;
      const id = knownSchema(this.descriptor, urn);
      if (id === undefined) {
        this.problem(
          'schemas',
          'invalidValue',
          `${JSON.stringify(urn)} is not a schema of ${this.descriptor.name} resources`,
        );
        canonical = false;
      } else if (known.includes(id)) canonical = false;
      else {
        if (id !== urn) canonical = false;
        known.push(id);
      }
    }
    return canonical ? (value as string[]) : known;
  }

  /** The "schemas" the result carries: the core URN first, agreeing with the extension data present. */
  agree(declared: string[] | undefined, present: readonly string[]): string[] {
    const core = this.descriptor.schema.id;
    if (declared === undefined) {
      if (this.request && !this.reported('schemas'))
        this.problem('schemas', 'invalidSyntax', `"schemas" is required and must include ${core}`);
      declared = [];
    } else if (!declared.includes(core) && this.context !== 'response') {
      this.problem('schemas', 'invalidSyntax', `"schemas" must include ${core}`);
    }
    // Usually "schemas" already lists the core URN first and every extension present: keep it as it is.
    if (declared[0] === core && includesAll(declared, present)) return declared;
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

  /** Replace and PATCH results may not change an immutable value; omitted in a replace means unchanged. */
  immutables(out: Json): void {
    const existing = this.options.existing;
    if (existing === undefined || (this.context !== 'replace' && this.context !== 'patchResult')) return;
    const check = (attributes: readonly AttributeDescriptor[], before: unknown, after: Json, prefix: string) => {
      if (!isObject(before)) return;
      for (const attribute of attributes) {
        const old = before[attribute.name];
        if (old === undefined || old === null) continue;
        const changed = after[attribute.name] !== undefined && !deepEqual(old, after[attribute.name]);
        if (attribute.mutability === 'immutable') {
          if (changed)
            this.problem(`${prefix}${attribute.name}`, 'mutability', 'is immutable and already has a different value');
          else if (after[attribute.name] === undefined && this.context === 'replace') after[attribute.name] = old;
        } else if (attribute.mutability === 'readOnly' && this.context === 'patchResult' && changed) {
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
        // A copy: the extension object may be the caller's own, which validation never changes.
        const after: Json = isObject(out[id]) ? { ...(out[id] as Json) } : {};
        check(extension.schema.attributes, existing[id], after, `${id}:`);
        if (Object.keys(after).length > 0) out[id] = after;
      }
    }
  }

  result<T>(value: Json): ValidationResult<T> {
    if (this.problems.length === 0) return { ok: true, value: value as T, warnings: this.warnings };
    return new FailedValidation(this.problems, this.warnings);
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function includesAll(list: readonly string[], wanted: readonly string[]): boolean {
  for (let i = 0; i < wanted.length; i++) if (!list.includes(wanted[i]!)) return false;
  return true;
}
