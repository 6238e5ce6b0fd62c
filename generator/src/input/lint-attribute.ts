import { diagnostic, repairable, type Diagnostic, type DiagnosticCode } from './diagnostics.js';
import { childPointer } from './json-pointer.js';
import { rfcAttribute } from './lenient/rfc-attributes.js';
import { closest, respell } from './lenient/spellings.js';
import { ATTRIBUTE_TYPES, MUTABILITIES, RETURNED, UNIQUENESS, type LintedAttribute } from './linted.js';

/** The keys of an attribute definition (RFC 7643 §7). */
export const ATTRIBUTE_KEYS = new Set([
  'name',
  'type',
  'multiValued',
  'description',
  'required',
  'canonicalValues',
  'caseExact',
  'mutability',
  'returned',
  'uniqueness',
  'referenceTypes',
  'subAttributes',
]);

/** Characters that would make the attribute unaddressable in a SCIM path or filter. */
const PATH_BREAKING = /[\s.:[\]"()/\\,]|[\u0000-\u001f]/;
/** RFC 7643 §2.1 ATTRNAME = ALPHA *(nameChar); "$ref" is the one sanctioned exception. */
const ATTRNAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

export interface AttributeContext {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
  /** Depth of complex nesting: 0 for top-level attributes. */
  readonly depth: number;
  /**
   * RFC 7643 §8.7.2 defines the Schema schema with "subAttributes" nested in "attributes", against
   * its own §2.3.8; that one schema is not warned about, every other is.
   */
  readonly nestingSanctioned?: boolean;
  /** --lenient: repair what can be repaired, each repair a SCIM213 warning, instead of failing. */
  readonly lenient?: boolean;
  /** The schema the attributes belong to, and the names of the attributes they are nested in. */
  readonly schemaId?: string;
  readonly parents?: readonly string[];
}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lints a list of attribute definitions; returns only the ones that can be used. */
export function lintAttributes(raw: unknown, pointer: string, ctx: AttributeContext): LintedAttribute[] {
  if (!Array.isArray(raw)) {
    ctx.diagnostics.push(
      repairable(
        ctx.lenient,
        'SCIM103',
        ctx.file,
        pointer,
        `attributes must be an array, got ${describe(raw)}`,
        'read as no attributes',
        'an array of attribute definitions',
      ),
    );
    return [];
  }
  const result: LintedAttribute[] = [];
  const seen = new Map<string, string>();
  raw.forEach((entry, index) => {
    const at = childPointer(pointer, index);
    const attribute = lintAttribute(entry, at, ctx);
    if (attribute === undefined) return;
    const key = attribute.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.diagnostics.push(
        repairable(
          ctx.lenient,
          'SCIM105',
          ctx.file,
          childPointer(at, 'name'),
          `attribute "${attribute.name}" has the same name, ignoring case, as the attribute at ${first}`,
          'the first one kept, this one skipped',
          'attribute names unique ignoring case (RFC 7643 §2.1)',
        ),
      );
      return;
    }
    seen.set(key, at);
    result.push(attribute);
  });
  return result;
}

function lintAttribute(raw: unknown, pointer: string, ctx: AttributeContext): LintedAttribute | undefined {
  const { file, diagnostics, lenient } = ctx;
  const report = (code: DiagnosticCode, at: string, message: string, expected?: string) =>
    diagnostics.push(diagnostic(code, file, at, message, expected));
  /** An error; under --lenient a warning that `repair` was done instead. */
  const repair = (code: DiagnosticCode, at: string, message: string, repaired: string, expected?: string) =>
    diagnostics.push(repairable(lenient, code, file, at, message, repaired, expected));

  if (!isObject(raw)) {
    repair(
      'SCIM103',
      pointer,
      `attribute definition must be an object, got ${describe(raw)}`,
      'skipped',
      'an object with "name" and "type"',
    );
    return undefined;
  }
  const name = raw['name'];
  if (typeof name !== 'string' || name.length === 0) {
    repair(
      'SCIM104',
      childPointer(pointer, 'name'),
      `attribute name must be a non-empty string, got ${describe(name)}`,
      'the attribute skipped',
      'a name such as "userName"',
    );
    return undefined;
  }
  if (PATH_BREAKING.test(name)) {
    repair(
      'SCIM104',
      childPointer(pointer, 'name'),
      `attribute name ${JSON.stringify(name)} contains a character that cannot appear in a SCIM attribute path`,
      'the attribute skipped',
      'letters, digits, "-" and "_" (RFC 7643 §2.1)',
    );
    return undefined;
  }
  // RFC 7643's own definition, when a core schema's attribute needs repairing.
  const rfc = lenient === true ? rfcAttribute(ctx.schemaId ?? '', [...(ctx.parents ?? []), name]) : undefined;
  if (!ATTRNAME.test(name)) {
    report(
      'SCIM206',
      childPointer(pointer, 'name'),
      `attribute name ${JSON.stringify(name)} does not follow ATTRNAME; some clients cannot filter on it`,
      'a letter followed by letters, digits, "-" or "_"',
    );
  }

  const unknownKeys = Object.keys(raw).filter((k) => !ATTRIBUTE_KEYS.has(k));
  if (unknownKeys.length > 0) {
    const named = unknownKeys.map((k) => {
      const meant = closest(k, ATTRIBUTE_KEYS);
      return meant === undefined ? JSON.stringify(k) : `${JSON.stringify(k)} (did you mean "${meant}"?)`;
    });
    report('SCIM204', pointer, `unknown key(s) ${named.join(', ')} ignored on attribute "${name}"`);
  }

  const missing: string[] = [];
  let valid = true;

  const type = readType();
  if (type === undefined) valid = false;
  const multiValued = readBoolean(raw, 'multiValued', false);
  const required = readBoolean(raw, 'required', false);
  const caseExact = readBoolean(raw, 'caseExact', type === 'binary');
  const mutability = readEnum(raw, 'mutability', MUTABILITIES, 'readWrite');
  const uniqueness = readEnum(raw, 'uniqueness', UNIQUENESS, 'none');
  // A writeOnly attribute is never returned (RFC 7643 §2.2), so that is its default.
  let returned = readEnum(raw, 'returned', RETURNED, mutability === 'writeOnly' ? 'never' : 'default');
  let uniquenessValue = uniqueness;

  let description = '';
  if (raw['description'] !== undefined) {
    if (typeof raw['description'] === 'string') description = raw['description'];
    else
      repair(
        'SCIM109',
        childPointer(pointer, 'description'),
        `description must be a string, got ${describe(raw['description'])}`,
        'left out',
      );
  }

  if (
    multiValued === undefined ||
    required === undefined ||
    caseExact === undefined ||
    mutability === undefined ||
    uniqueness === undefined ||
    returned === undefined ||
    type === undefined
  ) {
    valid = false;
  }

  if (missing.length > 0) {
    report(
      'SCIM202',
      pointer,
      `attribute "${name}" does not state ${missing.join(', ')}; RFC 7643 §2.2 defaults applied`,
    );
  }

  // RFC 7643 §8.7.1 itself declares x509Certificates.value this way, so the meaning is clear.
  if (type === 'binary' && caseExact === false) {
    report(
      'SCIM208',
      childPointer(pointer, 'caseExact'),
      `caseExact false on binary attribute "${name}" ignored`,
      'binary values are case exact (RFC 7643 §2.3.6)',
    );
  }
  if (type === 'binary' && uniqueness !== undefined && uniqueness !== 'none') {
    repair(
      'SCIM110',
      childPointer(pointer, 'uniqueness'),
      `binary attribute "${name}" is declared uniqueness "${uniqueness}"`,
      'read as "none"',
      'binary values have no uniqueness (RFC 7643 §2.3.6)',
    );
    if (lenient === true) uniquenessValue = 'none';
    else valid = false;
  }
  if (mutability === 'writeOnly' && returned !== undefined && returned !== 'never') {
    repair(
      'SCIM110',
      childPointer(pointer, 'returned'),
      `writeOnly attribute "${name}" is declared returned "${returned}"`,
      'read as "never"',
      'returned "never" for a writeOnly attribute (RFC 7643 §7)',
    );
    if (lenient === true) returned = 'never';
    else valid = false;
  }
  if (mutability === 'readOnly' && returned === 'never') {
    repair(
      'SCIM110',
      childPointer(pointer, 'returned'),
      `attribute "${name}" is readOnly and returned "never", so no client can ever write or read it`,
      'returned read as "default"',
      'a readOnly attribute that is returned, or a writable one',
    );
    if (lenient === true) returned = 'default';
    else valid = false;
  }

  const canonicalValues = readStringList(raw, 'canonicalValues', 'SCIM111');
  const referenceTypes = readStringList(raw, 'referenceTypes', 'SCIM109');
  if (canonicalValues === undefined || referenceTypes === undefined) valid = false;
  if (canonicalValues && canonicalValues.length > 0 && type !== 'string' && type !== 'reference') {
    report(
      'SCIM208',
      childPointer(pointer, 'canonicalValues'),
      `canonicalValues on ${type} attribute "${name}" ignored`,
      'canonicalValues only on string or reference attributes',
    );
  }
  if (referenceTypes && referenceTypes.length > 0 && type !== 'reference') {
    report(
      'SCIM208',
      childPointer(pointer, 'referenceTypes'),
      `referenceTypes on ${type} attribute "${name}" ignored`,
      'referenceTypes only on reference attributes',
    );
  }
  if (type === 'reference' && referenceTypes && referenceTypes.length === 0) {
    report(
      'SCIM211',
      pointer,
      `reference attribute "${name}" does not list referenceTypes; any reference is accepted`,
      'referenceTypes such as ["User"], ["external"] or ["uri"]',
    );
  }

  const subAttributes = type === undefined ? [] : readSubAttributes(type);
  if (!valid || type === undefined) return undefined;
  if (mutability === 'writeOnly') returned = 'never';
  return {
    name,
    type,
    multiValued: multiValued!,
    description,
    required: required!,
    canonicalValues: type === 'string' || type === 'reference' ? canonicalValues! : [],
    caseExact: type === 'binary' ? true : caseExact!,
    mutability: mutability!,
    returned: returned!,
    uniqueness: uniquenessValue!,
    referenceTypes: type === 'reference' ? referenceTypes! : [],
    subAttributes,
    pointer,
  };

  /**
   * The type; under --lenient a type RFC 7643 defines differently for a core attribute is the
   * RFC's, and a non-complex type with sub-attributes is complex.
   */
  function readType(): (typeof ATTRIBUTE_TYPES)[number] | undefined {
    const declared = readEnum(raw as Raw, 'type', ATTRIBUTE_TYPES, 'string');
    if (lenient !== true || declared === undefined) return declared;
    const rfcType = rfc?.['type'] as (typeof ATTRIBUTE_TYPES)[number] | undefined;
    const subs = (raw as Raw)['subAttributes'];
    const described = Array.isArray(subs) && subs.length > 0;
    const repaired = rfcType ?? (described && declared !== 'complex' ? 'complex' : declared);
    if (repaired !== declared)
      report(
        'SCIM213',
        childPointer(pointer, 'type'),
        `attribute "${name}" is declared ${declared}${described ? ' with subAttributes' : ''}; read as ${repaired}${rfcType !== undefined ? ' (RFC 7643)' : ''}`,
      );
    return repaired;
  }

  function readSubAttributes(type: (typeof ATTRIBUTE_TYPES)[number]): LintedAttribute[] {
    const rawSubs = (raw as Raw)['subAttributes'];
    const at = childPointer(pointer, 'subAttributes');
    if (type !== 'complex') {
      if (rawSubs !== undefined && !(Array.isArray(rawSubs) && rawSubs.length === 0)) {
        repair(
          'SCIM107',
          at,
          `attribute "${name}" of type ${type} declares subAttributes`,
          'they are ignored',
          'subAttributes only on a complex attribute',
        );
        if (lenient !== true) valid = false;
      }
      return [];
    }
    if (ctx.depth >= 1 && !ctx.nestingSanctioned) {
      report(
        'SCIM205',
        pointer,
        `complex attribute "${name}" is nested inside a complex attribute`,
        'sub-attributes without sub-attributes of their own (RFC 7643 §2.3.8)',
      );
    }
    const nested = { ...ctx, depth: ctx.depth + 1, parents: [...(ctx.parents ?? []), name as string] };
    if (Array.isArray(rawSubs) && rawSubs.length > 0) return lintAttributes(rawSubs, at, nested);
    const rfcSubs = rfc?.['subAttributes'];
    repair(
      'SCIM108',
      rawSubs === undefined ? pointer : at,
      `complex attribute "${name}" has no subAttributes`,
      Array.isArray(rfcSubs) ? "RFC 7643's sub-attributes used" : 'read as an open object (any sub-attributes)',
      'a non-empty "subAttributes" array',
    );
    if (lenient !== true) valid = false;
    // The RFC's definitions are known to be clean: nothing to report about them.
    return Array.isArray(rfcSubs) ? lintAttributes(rfcSubs, at, { ...nested, diagnostics: [] }) : [];
  }

  function readEnum<T extends string>(obj: Raw, key: string, allowed: readonly T[], fallback: T): T | undefined {
    const value = obj[key];
    if (value === undefined) {
      // Uniqueness means nothing for a boolean or a complex value; its absence is not worth a warning.
      if (key !== 'uniqueness' || !['boolean', 'complex'].includes(String(obj['type']).toLowerCase()))
        missing.push(key);
      return fallback;
    }
    if (typeof value === 'string') {
      if ((allowed as readonly string[]).includes(value)) return value as T;
      const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
      if (match !== undefined) {
        report(
          'SCIM201',
          childPointer(pointer, key),
          `${key} ${JSON.stringify(value)} read as "${match}"`,
          `"${match}"`,
        );
        return match;
      }
    }
    const code: DiagnosticCode = key === 'type' ? 'SCIM106' : 'SCIM109';
    const respelled = typeof value === 'string' ? (respell(key, value, allowed) as T | undefined) : undefined;
    const meant = respelled !== undefined && lenient !== true ? ` (did you mean "${respelled}"?)` : '';
    repair(
      code,
      childPointer(pointer, key),
      `${key} ${describe(value)} is not allowed on attribute "${name}"${meant}`,
      respelled !== undefined ? `read as "${respelled}"` : `the RFC 7643 default "${fallback}" used`,
      `one of ${allowed.join(', ')}`,
    );
    return lenient === true ? (respelled ?? fallback) : undefined;
  }

  function readBoolean(obj: Raw, key: string, fallback: boolean): boolean | undefined {
    const value = obj[key];
    if (value === undefined) {
      if (key !== 'caseExact' || isTextual()) missing.push(key);
      return fallback;
    }
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
      report('SCIM210', childPointer(pointer, key), `${key} is the string ${JSON.stringify(value)}`, 'a JSON boolean');
      return value.toLowerCase() === 'true';
    }
    const truth = lenient === true ? looseBoolean(value) : undefined;
    repair(
      'SCIM109',
      childPointer(pointer, key),
      `${key} ${describe(value)} is not a boolean`,
      truth !== undefined ? `read as ${truth}` : `the RFC 7643 default ${fallback} used`,
      'true or false',
    );
    return lenient === true ? (truth ?? fallback) : undefined;
  }

  function readStringList(obj: Raw, key: string, code: DiagnosticCode): string[] | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      const strings = lenient === true ? scalarStrings(value) : [];
      const offending = Array.isArray(value) ? value.findIndex((v) => typeof v !== 'string') : -1;
      repair(
        code,
        childPointer(pointer, key),
        offending >= 0
          ? `${key} must be an array of strings; item ${offending} is ${describe((value as unknown[])[offending])}`
          : `${key} must be an array of strings, got ${describe(value)}`,
        `read as ${JSON.stringify(strings).slice(0, 120)}`,
        'an array of strings',
      );
      return lenient === true ? [...new Set(strings)] : undefined;
    }
    return [...new Set(value as string[])];
  }

  function isTextual(): boolean {
    const t = typeof raw === 'object' && raw !== null ? (raw as Raw)['type'] : undefined;
    return typeof t !== 'string' || ['string', 'reference', 'binary'].includes(t.toLowerCase());
  }
}

/** 1, 0, "yes", "no", "y", "n" as a boolean; undefined for anything else. */
function looseBoolean(value: unknown): boolean | undefined {
  if (value === 1 || (typeof value === 'string' && /^(1|yes|y)$/i.test(value.trim()))) return true;
  if (value === 0 || (typeof value === 'string' && /^(0|no|n)$/i.test(value.trim()))) return false;
  return undefined;
}

/** Strings, numbers and booleans found in a value, nested arrays flattened (two levels), as strings. */
function scalarStrings(value: unknown): string[] {
  const list = Array.isArray(value) ? value.flat(2) : [value];
  return list.flatMap((item) =>
    typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? [String(item)] : [],
  );
}

/** Short, bounded description of a JSON value for messages (never the whole value). */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}

/** A resource may carry extension data under a schema URN key (RFC 7643 §3.3); that is not an unknown key. */
export function isExtensionKey(key: string): boolean {
  return /^urn:/i.test(key);
}
