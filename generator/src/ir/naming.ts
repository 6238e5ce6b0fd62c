/**
 * Turns arbitrary schema text into TypeScript identifiers. Every generated name comes through
 * here; emitters never build names from raw strings. Type names are PascalCase ASCII letters and
 * digits, with a capital after each digit run, which is also the form json-schema-to-typescript
 * keeps unchanged.
 */

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN ' +
    'Infinity constructor prototype __proto__ any unknown never object string number boolean symbol bigint type'
  ).split(' '),
);

/** Global types a generated declaration must not shadow. */
const GLOBAL_TYPE_NAMES = new Set(
  (
    'Array ReadonlyArray Object String Number Boolean Symbol BigInt Date Error Function Promise PromiseLike RegExp ' +
    'Map Set WeakMap WeakSet Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType ' +
    'Parameters InstanceType Awaited Uppercase Lowercase Capitalize Uncapitalize JSON Math Intl Reflect Proxy ' +
    'ArrayBuffer SharedArrayBuffer DataView Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array ' +
    'Float32Array Float64Array Iterable Iterator IterableIterator AsyncIterable PropertyKey ThisType NoInfer ' +
    'ConstructorParameters TemplateStringsArray Buffer URL URLSearchParams Response Request Headers Event Blob File ' +
    'Element Node Document Window Console Atomics Generator'
  ).split(' '),
);

function words(raw: string): string[] {
  const ascii = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

function capitalize(word: string): string {
  // Upper-case the first letter and every letter that follows a digit run.
  return word
    .replace(/^[a-z]/, (c) => c.toUpperCase())
    .replace(/(\d)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());
}

/** PascalCase type-name fragment; may be empty when the text has no ASCII letters or digits. */
export function pascalFragment(raw: string): string {
  return words(raw).map(capitalize).join('');
}

/** A complete type name: never empty, never starting with a digit, never a global type. */
export function typeName(raw: string, fallback = 'Type'): string {
  let name = pascalFragment(raw) || fallback;
  if (/^\d/.test(name)) name = `Scim${name}`;
  if (GLOBAL_TYPE_NAMES.has(name)) name = `Scim${name}`;
  return name;
}

/** A camelCase value identifier that is never a reserved word. */
export function valueIdentifier(raw: string, fallback = 'attribute'): string {
  const pascal = pascalFragment(raw);
  let name = pascal ? pascal[0]!.toLowerCase() + pascal.slice(1) : fallback;
  if (/^\d/.test(name)) name = `_${name}`;
  if (RESERVED_WORDS.has(name)) name = `${name}_`;
  return name;
}

/** English singular of a plural attribute name, for element type names ("emails" → "email"). */
export function singular(name: string): string {
  if (/sses$/i.test(name) || /xes$/i.test(name)) return name.slice(0, -2);
  if (/ies$/i.test(name) && name.length > 4) return `${name.slice(0, -3)}y`;
  // "status", "analysis" and "class" are already singular.
  if (/[^siu]s$/i.test(name)) return name.slice(0, -1);
  return name;
}

/** Hands out names unique within one scope (case-insensitively, since file systems and users confuse case). */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r.toLowerCase());
  }

  claim(name: string): string {
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${name}${n}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

export const JS_RESERVED_WORDS: ReadonlySet<string> = RESERVED_WORDS;
