import { parseFilter } from '@scimgen/runtime';
import type { PatchOperation } from './resources.js';

/** A filter built by FilterBuilder: its text is safe to send (every value JSON-quoted). */
export class ScimFilter {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Comparable = string | number | boolean;

/** Paths whose values are ordered (strings, numbers, dateTimes): the ones gt/ge/lt/le take. */
type OrderedPaths<P> = { [K in keyof P]: P[K] extends string | number ? K : never }[keyof P] & string;
type TextPaths<P> = { [K in keyof P]: P[K] extends string ? K : never }[keyof P] & string;

const literal = (value: Comparable | null): string => (value === null ? 'null' : JSON.stringify(value));

/** `emails[type eq "work"].value`: a multi-valued attribute, the filter picking values, a sub-attribute. */
const PICKED_SUB_ATTRIBUTE = /^([^[\]]+)\[(.+)\]\.([^.[\]]+)$/;

/**
 * A comparison as RFC 7644 filter grammar has it. `emails[type eq "work"].value eq "x"` is a
 * PATCH path followed by a comparison, which no filter may be (a server answers it 400, or 200
 * with nothing); the same condition in a filter is `emails[type eq "work" and value eq "x"]`.
 */
function comparison(path: string, condition: string): string {
  const picked = PICKED_SUB_ATTRIBUTE.exec(path);
  if (picked === null) return `${path} ${condition}`;
  const [, attribute, picker, sub] = picked as unknown as [string, string, string, string];
  return `${attribute}[${grouped(picker)} and ${sub} ${condition}]`;
}

/** The picking filter, in parentheses when "and" would otherwise bind into it. */
function grouped(filter: string): string {
  try {
    const kind = parseFilter(filter).kind;
    return kind === 'or' ? `(${filter})` : filter;
  } catch {
    // Whatever it is, parentheses keep it one operand; the server judges it.
    return `(${filter})`;
  }
}

/**
 * Builds filters over a resource type's attribute paths `P` (path → the type its values compare
 * as), as the generated client declares them: a path that does not exist, or a value of the wrong
 * type, does not compile. Values are always quoted by JSON.stringify, never pasted. A path that
 * picks values of a multi-valued attribute (`emails[type eq "work"].value`) is written as the
 * RFC 7644 value filter `emails[type eq "work" and value eq "…"]`.
 */
export class FilterBuilder<P> {
  private compare(path: string, op: string, value: Comparable | null): ScimFilter {
    return new ScimFilter(comparison(path, `${op} ${literal(value)}`));
  }
  eq<K extends keyof P & string>(path: K, value: P[K] | null): ScimFilter {
    return this.compare(path, 'eq', value as Comparable | null);
  }
  ne<K extends keyof P & string>(path: K, value: P[K] | null): ScimFilter {
    return this.compare(path, 'ne', value as Comparable | null);
  }
  co<K extends TextPaths<P>>(path: K, value: string): ScimFilter {
    return this.compare(path, 'co', value);
  }
  sw<K extends TextPaths<P>>(path: K, value: string): ScimFilter {
    return this.compare(path, 'sw', value);
  }
  ew<K extends TextPaths<P>>(path: K, value: string): ScimFilter {
    return this.compare(path, 'ew', value);
  }
  gt<K extends OrderedPaths<P>>(path: K, value: P[K]): ScimFilter {
    return this.compare(path, 'gt', value as Comparable);
  }
  ge<K extends OrderedPaths<P>>(path: K, value: P[K]): ScimFilter {
    return this.compare(path, 'ge', value as Comparable);
  }
  lt<K extends OrderedPaths<P>>(path: K, value: P[K]): ScimFilter {
    return this.compare(path, 'lt', value as Comparable);
  }
  le<K extends OrderedPaths<P>>(path: K, value: P[K]): ScimFilter {
    return this.compare(path, 'le', value as Comparable);
  }
  pr(path: keyof P & string): ScimFilter {
    return new ScimFilter(comparison(path, 'pr'));
  }
  and(...filters: readonly ScimFilter[]): ScimFilter {
    return new ScimFilter(filters.map((f) => `(${f.text})`).join(' and '));
  }
  or(...filters: readonly ScimFilter[]): ScimFilter {
    return new ScimFilter(filters.map((f) => `(${f.text})`).join(' or '));
  }
  not(filter: ScimFilter): ScimFilter {
    return new ScimFilter(`not (${filter.text})`);
  }
}

/** Builds PATCH operations over a resource type's paths `P` (path → the value it takes). */
export class PatchBuilder<P> {
  add<K extends keyof P & string>(path: K, value: P[K]): PatchOperation {
    return { op: 'add', path, value };
  }
  replace<K extends keyof P & string>(path: K, value: P[K]): PatchOperation {
    return { op: 'replace', path, value };
  }
  remove(path: (keyof P & string) | `${keyof P & string}[${string}]`): PatchOperation {
    return { op: 'remove', path };
  }
}
