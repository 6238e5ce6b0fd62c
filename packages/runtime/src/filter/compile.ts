import { foldCase } from '../fold.js';
import { FIRST_INSTANT, LAST_INSTANT } from '../datetime.js';
import type { AttributeDescriptor, ResourceTypeDescriptor } from '../descriptor.js';
import { badRequest } from '../errors.js';
import { findSubAttribute } from '../descriptor.js';
import { resolvePath, resolveSubPath } from '../paths/resolve.js';
import type { AttrPath, CompareFilter, Filter } from './ast.js';
import { at } from './lexer.js';
import { isPresent } from './present.js';

/** A compiled filter: true when the resource matches. Resources use canonical attribute names. */
export type Predicate = (resource: Readonly<Record<string, unknown>>) => boolean;

const TEXT_TYPES = new Set(['string', 'reference', 'binary']);
const ORDERING = new Set(['gt', 'ge', 'lt', 'le']);
const JS_OPERATOR: Record<string, string> = { eq: '===', gt: '>', ge: '>=', lt: '<', le: '<=' };

/** Every literal reaches generated code through JSON.stringify, so filter text cannot become code. */
const literal = (value: unknown): string => JSON.stringify(value);

/**
 * Compiles a filter into a predicate: each expression becomes a small specialized function with
 * its comparison, case folding and dateTime parsing decided once, here, instead of on every
 * resource. Comparisons follow the descriptor: caseExact, dateTime instants, numbers, booleans
 * (ordering on boolean or binary is a 400 invalidFilter). "ne" is exactly "not eq": true when the
 * attribute is absent or no value equals.
 */
export function compileFilter(filter: Filter, descriptor: ResourceTypeDescriptor): Predicate {
  const compiler = new Compiler(descriptor);
  const expression = compiler.node(filter, undefined, 'r');
  const source = `"use strict";\n${compiler.functions.join('\n')}\nreturn function matches(r) { return ${expression}; };`;
  return new Function('isPresent', 'foldCase', source)(isPresent, foldCase) as Predicate;
}

/**
 * Compiles the filter of a value path (`emails[type eq "work"]`) into a predicate over one value
 * of the complex attribute, as PATCH needs to pick the values it changes.
 */
export function compileValueFilter(
  filter: Filter,
  attribute: AttributeDescriptor,
  descriptor: ResourceTypeDescriptor,
): (value: unknown) => boolean {
  const compiler = new Compiler(descriptor);
  const expression = compiler.node(filter, attribute, 'v');
  const source = `"use strict";\n${compiler.functions.join('\n')}\nreturn function matches(v) { return v !== null && typeof v === 'object' && ${expression}; };`;
  return new Function('isPresent', 'foldCase', source)(isPresent, foldCase) as (value: unknown) => boolean;
}

/** A comparison as code: given an expression for one value, a boolean expression testing it. */
type Test = (value: string) => string;

class Compiler {
  readonly functions: string[] = [];

  constructor(private readonly descriptor: ResourceTypeDescriptor) {}

  private define(body: string): string {
    const name = `f${this.functions.length}`;
    this.functions.push(`function ${name}(v) {\n${body}\n}`);
    return name;
  }

  /**
   * Compiles a node to a boolean expression over `subject`: the resource, or inside a value path
   * one value of the complex attribute (`element` then describes it). Single-valued attributes are
   * tested inline; multi-valued ones get a small function with a loop.
   */
  node(filter: Filter, element: AttributeDescriptor | undefined, subject: string): string {
    switch (filter.kind) {
      case 'and':
        return `(${this.node(filter.left, element, subject)} && ${this.node(filter.right, element, subject)})`;
      case 'or':
        return `(${this.node(filter.left, element, subject)} || ${this.node(filter.right, element, subject)})`;
      case 'not':
        return `!${this.node(filter.filter, element, subject)}`;
      case 'present':
      case 'compare': {
        const target = this.target(filter.path, element);
        const test: Test =
          filter.kind === 'present' ? (x) => `isPresent(${x})` : this.comparison(filter, target.attribute);
        const negate = filter.kind === 'compare' && filter.op === 'ne';
        const [first, sub] = target.access(subject);
        const single = sub === undefined && !target.multiValued && filter.kind === 'compare';
        const expression = single
          ? test(first!)
          : `${this.any(target.access, test, filter.kind === 'present')}(${subject})`;
        return negate ? `!(${expression})` : expression;
      }
      case 'valuePath': {
        if (element !== undefined)
          throw badRequest('invalidFilter', `a value path cannot contain another value path ${at(filter.start)}`);
        const resolved = resolvePath(this.descriptor, filter.path, 'invalidFilter');
        if (resolved.subAttribute !== undefined || resolved.attribute.type !== 'complex') {
          throw badRequest('invalidFilter', `"${resolved.canonical}[…]" needs a complex attribute ${at(filter.start)}`);
        }
        const inner = this.node(filter.filter, resolved.attribute, 'e');
        const access = accessor(resolved.extension, resolved.attribute.name, 'v');
        return `${this.define(
          `const a = ${access};\nif (Array.isArray(a)) { for (let i = 0; i < a.length; i++) { const e = a[i]; if (e !== null && typeof e === 'object' && ${inner}) return true; } return false; }\nconst e = a;\nreturn e !== undefined && e !== null && typeof e === 'object' && ${inner};`,
        )}(${subject})`;
      }
    }
  }

  /** Where a path's values are, which attribute describes them, and whether there can be several. */
  private target(
    path: AttrPath,
    element: AttributeDescriptor | undefined,
  ): { access: (v: string) => string[]; attribute: AttributeDescriptor; multiValued: boolean } {
    if (element !== undefined) {
      const sub = resolveSubPath(element, path, 'invalidFilter');
      return { access: (v) => [`${v}[${literal(sub.name)}]`], attribute: sub, multiValued: sub.multiValued };
    }
    const resolved = resolvePath(this.descriptor, path, 'invalidFilter');
    const top = (v: string) => accessor(resolved.extension, resolved.attribute.name, v);
    if (resolved.subAttribute !== undefined) {
      const sub = resolved.subAttribute;
      return { access: (v) => [top(v), literal(sub.name)], attribute: sub, multiValued: true };
    }
    return { access: (v) => [top(v)], attribute: resolved.attribute, multiValued: resolved.attribute.multiValued };
  }

  /**
   * A function `(v) => boolean` that applies `test` to every value the access path reaches, true
   * if any passes: multi-valued attributes and multi-valued parents are searched element by element.
   */
  private any(access: (v: string) => string[], test: Test, presence: boolean): string {
    const [first, sub] = access('v');
    const step =
      sub === undefined
        ? ''
        : `\nif (a !== null && typeof a === 'object' && !Array.isArray(a)) a = a[${sub}];\nelse if (Array.isArray(a)) { for (let i = 0; i < a.length; i++) { const e = a[i]; if (e !== null && typeof e === 'object') { const x = e[${sub}]; if (${test('x')}) return true; } } return false; }`;
    const body = `let a = ${first};${step}\n${presence ? `return ${test('a')};` : `if (Array.isArray(a)) { for (let i = 0; i < a.length; i++) { const x = a[i]; if (${test('x')}) return true; } return false; }\nreturn ${test('a')};`}`;
    return this.define(body);
  }

  /** The comparison of one value, typed by the attribute, as inline code. */
  private comparison(filter: CompareFilter, attribute: AttributeDescriptor): Test {
    const fail = (message: string): never => {
      throw badRequest('invalidFilter', `${message} ${at(filter.start)}`);
    };
    if (attribute.type === 'complex') {
      // Comparing a complex attribute compares its "value" sub-attribute (emails eq "x" ≈ emails.value eq "x").
      const value = findSubAttribute(attribute, 'value');
      if (value === undefined) fail(`"${attribute.name}" is complex; compare one of its sub-attributes`);
      const inner = this.comparison(filter, value!);
      return (x) => `(${x} !== null && typeof ${x} === 'object' && ${inner(`${x}[${literal(value!.name)}]`)})`;
    }
    const target = attribute;
    const op = filter.op === 'ne' ? 'eq' : filter.op;
    const value = filter.value;
    if (value === null) {
      if (op !== 'eq') fail(`"${filter.op} null" is not a comparison; use "eq null", "ne null" or "pr"`);
      return (x) => `(${x} === undefined || ${x} === null)`;
    }
    const type = target.type;
    if (ORDERING.has(op) && (type === 'boolean' || type === 'binary'))
      fail(`"${filter.op}" cannot order ${type} attribute "${target.name}"`);
    if (type === 'boolean') {
      if (typeof value !== 'boolean') fail(`"${target.name}" is boolean; compare it with true or false`);
      if (op !== 'eq') fail(`"${filter.op}" does not apply to boolean attribute "${target.name}"`);
      return (x) => `(${x} === ${literal(value)})`;
    }
    if (type === 'integer' || type === 'decimal') {
      if (typeof value !== 'number') fail(`"${target.name}" is ${type}; compare it with a number`);
      if (!(op in JS_OPERATOR)) fail(`"${filter.op}" does not apply to ${type} attribute "${target.name}"`);
      return (x) => `(typeof ${x} === 'number' && ${x} ${JS_OPERATOR[op]} ${literal(value)})`;
    }
    if (typeof value !== 'string') fail(`"${target.name}" is ${type}; compare it with a quoted string`);
    const text = value as string;
    if (type === 'dateTime' && (op === 'eq' || ORDERING.has(op))) {
      const instant = Date.parse(text);
      if (Number.isNaN(instant)) fail(`${JSON.stringify(text)} is not a dateTime`);
      // Both databases order the instants of years 0001 to 9999 alike; beyond them they disagree or fail.
      if (instant < FIRST_INSTANT || instant > LAST_INSTANT)
        fail(`${JSON.stringify(text)} is outside the years 0001 to 9999 a dateTime may name`);
      // Instants, not text: "2011-05-13T04:42:34+02:00" equals "2011-05-13T02:42:34Z".
      return (x) => `(typeof ${x} === 'string' && Date.parse(${x}) ${JS_OPERATOR[op]} ${literal(instant)})`;
    }
    if (!TEXT_TYPES.has(type) && type !== 'dateTime')
      fail(`"${filter.op}" does not apply to ${type} attribute "${target.name}"`);
    const fold = !target.caseExact && type !== 'binary';
    const operand = literal(fold ? foldCase(text) : text);
    return (x) => {
      const subject = fold ? `foldCase(${x})` : x;
      const check =
        op === 'co'
          ? `${subject}.includes(${operand})`
          : op === 'sw'
            ? `${subject}.startsWith(${operand})`
            : op === 'ew'
              ? `${subject}.endsWith(${operand})`
              : `${subject} ${JS_OPERATOR[op]} ${operand}`;
      return `(typeof ${x} === 'string' && ${check})`;
    };
  }
}

/** Code reading a top-level attribute of `r`, through its extension object when it has one. */
function accessor(extension: string | undefined, name: string, r: string): string {
  if (extension === undefined) return `${r}[${literal(name)}]`;
  return `(${r}[${literal(extension)}] == null ? undefined : ${r}[${literal(extension)}][${literal(name)}])`;
}
