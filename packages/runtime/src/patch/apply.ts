import { foldCase } from '../fold.js';
import {
  findAttribute,
  findSubAttribute,
  knownSchema,
  memberListAttribute,
  type AttributeDescriptor,
  type ResourceTypeDescriptor,
} from '../descriptor.js';
import { badRequest, ScimError, UnknownAttributeError } from '../errors.js';
import { deepEqual, isObject, type Json } from '../json.js';
import type { Filter, PatchPath } from '../filter/ast.js';
import { compileValueFilter } from '../filter/compile.js';
import { parsePatchPath } from '../filter/parser.js';
import { printFilter } from '../filter/print.js';
import { resolvePath } from '../paths/resolve.js';
import { DeltaBuilder, idsOfValueFilter, type MemberDelta } from './deltas.js';
import { PATCH_PROFILES, type PatchNormalizations, type PatchProfileName } from './profiles.js';
import { coerceSingle, coerceValue, type ValueContext } from './values.js';

export const PATCH_OP_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface PatchOptions {
  /** Which IdP deviations to accept (default "rfc"). */
  readonly profile?: PatchProfileName | PatchNormalizations;
  /**
   * The multi-valued reference attribute whose changes are also reported as deltas; default the
   * resource type's member list (memberListAttribute), null for none.
   */
  readonly deltaAttribute?: string | null;
  /** Most operations in one request (default 1,000). */
  readonly maxOperations?: number;
}

export interface PatchResult {
  /** The patched resource: a new object sharing unchanged parts with the input, which is never modified. */
  readonly resource: Record<string, unknown>;
  readonly changed: boolean;
  /** Canonical names of the top-level attributes (or extension URNs) whose value changed. */
  readonly changedAttributes: readonly string[];
  /**
   * Member changes as deltas, when the request touched the delta attribute; undefined also when a
   * change cannot be put as deltas (a member's sub-attribute, a filtered add or replace): the
   * members of `resource` are then the list to write.
   */
  readonly members: MemberDelta | undefined;
  /**
   * The request changed the delta attribute only, and only in ways its current values do not
   * decide (adding, replacing or removing whole values; no sub-attribute, no filtered add or
   * replace), and the attribute is readWrite: applied to the resource without its member list,
   * it gives the same verdict and the same `members` delta, so a store never has to read the list.
   */
  readonly membersOnly: boolean;
  /** The IdP normalizations that were applied, for the audit log. */
  readonly normalizations: readonly string[];
}

type Op = 'add' | 'replace' | 'remove';

interface Target {
  readonly extension: string | undefined;
  readonly attribute: AttributeDescriptor;
  readonly filter: Filter | undefined;
  /** The filter compiled against one value of the attribute. */
  readonly matches: ((value: unknown) => boolean) | undefined;
  readonly sub: AttributeDescriptor | undefined;
  readonly text: string;
}

/**
 * Paths repeat across requests (every Entra ID update uses the same few), so each path is parsed,
 * resolved and its filter compiled once per resource type; the cache is bounded.
 */
const targetCache = new WeakMap<ResourceTypeDescriptor, Map<string, Target>>();
const TARGET_CACHE_SIZE = 512;
/** Top-level attributes by descriptor, then extension URN ("" for core), then name as written. */
const topCache = new WeakMap<ResourceTypeDescriptor, Map<string, Map<string, Target | null>>>();

function cachedTarget(descriptor: ResourceTypeDescriptor, path: string, build: () => Target): Target {
  let cache = targetCache.get(descriptor);
  if (cache === undefined) targetCache.set(descriptor, (cache = new Map()));
  let target = cache.get(path);
  if (target === undefined) {
    target = build();
    if (cache.size >= TARGET_CACHE_SIZE) cache.clear();
    cache.set(path, target);
  }
  return target;
}

/**
 * A copy of `original` with `changes` applied. V8 clones fastest by spread, but adding a key to a
 * spread clone is slow, so a copy that gains or loses keys is built key by key instead.
 */
function rebuild(original: Readonly<Json>, changes: ReadonlyMap<string, unknown>): Json {
  let reshaped = false;
  for (const [key, value] of changes) {
    if (value === REMOVED ? key in original : !(key in original)) {
      reshaped = true;
      break;
    }
  }
  if (!reshaped) {
    const copy: Json = { ...original };
    for (const [key, value] of changes) copy[key] = value;
    return copy;
  }
  const copy: Json = {};
  for (const key in original) {
    const value = changes.has(key) ? changes.get(key) : original[key];
    if (value !== REMOVED) copy[key] = value;
  }
  for (const [key, value] of changes) if (value !== REMOVED && !(key in original)) copy[key] = value;
  return copy;
}

/** Starts with "urn:" in any case, checked without allocating. */
function isUrn(key: string): boolean {
  return (
    key.length > 4 &&
    (key.charCodeAt(0) | 0x20) === 0x75 &&
    (key.charCodeAt(1) | 0x20) === 0x72 &&
    (key.charCodeAt(2) | 0x20) === 0x6e &&
    key.charCodeAt(3) === 0x3a
  );
}

/**
 * Applies a SCIM PATCH request (RFC 7644 §3.5.2) to a resource: add, replace and remove with
 * every path form, no-path operations, value filters, multi-valued merge without duplicates,
 * "primary" kept unique, mutability enforced. All operations apply or none: the input is never
 * modified and any error leaves nothing half-done. Throws ScimError (400 invalidSyntax,
 * invalidPath, invalidValue, noTarget, mutability).
 */
export function applyPatch(
  resource: Readonly<Json>,
  body: unknown,
  descriptor: ResourceTypeDescriptor,
  options: PatchOptions = {},
): PatchResult {
  const normalizations: PatchNormalizations =
    typeof options.profile === 'object' ? options.profile : PATCH_PROFILES[options.profile ?? 'rfc'];
  const applied: string[] = [];
  const context: ValueContext = { normalizations, normalized: (what) => applied.push(what) };
  const operations = readRequest(body, normalizations, context, options.maxOperations ?? 1000);
  const deltaAttribute =
    options.deltaAttribute === undefined
      ? memberListAttribute(descriptor)
      : options.deltaAttribute === null
        ? undefined
        : findAttribute(descriptor, undefined, options.deltaAttribute)?.attribute;
  const engine = new Engine(resource, descriptor, context, deltaAttribute);
  operations.forEach((operation, index) => engine.run(operation, index));
  return engine.finish(applied);
}

interface Operation {
  readonly op: Op;
  readonly path: string | undefined;
  readonly value: unknown;
}

function readRequest(
  body: unknown,
  normalizations: PatchNormalizations,
  context: ValueContext,
  maxOperations: number,
): Operation[] {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'the PATCH body must be a JSON object');
  const schemas = body['schemas'];
  const declared =
    Array.isArray(schemas) &&
    schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_URN.toLowerCase());
  if (!declared) {
    if (!normalizations.missingSchemas)
      throw badRequest('invalidSyntax', `the PATCH body must list "${PATCH_OP_URN}" in schemas`);
    context.normalized('missing PatchOp schema accepted');
  }
  const operations = body['Operations'] ?? body['operations'];
  if (!Array.isArray(operations) || operations.length === 0)
    throw badRequest('invalidSyntax', '"Operations" must be a non-empty array');
  if (operations.length > maxOperations)
    throw badRequest(
      'tooMany',
      `${operations.length} operations; at most ${maxOperations} are accepted in one request`,
    );
  return operations.map((raw: unknown, index) => {
    const where = `operation ${index + 1}`;
    if (!isObject(raw)) throw badRequest('invalidSyntax', `${where} must be an object`);
    let op = raw['op'];
    if (typeof op !== 'string') throw badRequest('invalidSyntax', `${where} has no "op"`);
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      const lower = op.toLowerCase();
      if (!normalizations.opCase || (lower !== 'add' && lower !== 'replace' && lower !== 'remove')) {
        throw badRequest(
          'invalidSyntax',
          `${where}: "op" must be "add", "replace" or "remove", got ${JSON.stringify(op.slice(0, 40))}`,
        );
      }
      context.normalized(`${where}: op ${JSON.stringify(op)} read as "${lower}"`);
      op = lower;
    }
    const path = raw['path'];
    if (path !== undefined && typeof path !== 'string')
      throw badRequest('invalidPath', `${where}: "path" must be a string`);
    if (op !== 'remove' && !('value' in raw))
      throw badRequest('invalidValue', `${where}: "${String(op)}" needs a "value"`);
    return { op: op as Op, path: path === '' ? undefined : path, value: raw['value'] };
  });
}

/** Marks a key a request removed, in the change maps below. */
const REMOVED = Symbol('removed');

class Engine {
  /**
   * Changed top-level attributes and, per extension URN, changed extension attributes. The input
   * is never written; finish() builds the result in one pass, sharing every unchanged value.
   */
  private readonly changes = new Map<string, unknown>();
  private readonly extensionChanges = new Map<string, Map<string, unknown>>();
  private deltaBuilder: DeltaBuilder | undefined;
  /** An operation targeted another attribute, or a member change depended on the current members. */
  private beyondMemberDeltas = false;

  constructor(
    private readonly original: Readonly<Json>,
    private readonly descriptor: ResourceTypeDescriptor,
    private readonly context: ValueContext,
    private readonly deltaAttribute: AttributeDescriptor | undefined,
  ) {}

  run(operation: Operation, index: number): void {
    try {
      if (operation.path === undefined) this.noPath(operation);
      else if (!this.wholeExtension(operation, index)) {
        const target = this.knownTarget(operation.path, `operation ${index + 1}`);
        if (target !== undefined) this.apply(operation.op, target, operation.value);
      }
    } catch (error) {
      if (error instanceof ScimError)
        throw new ScimError(error.status, `operation ${index + 1}: ${error.detail}`, error.scimType);
      throw error;
    }
  }

  /**
   * The target of a path; undefined, with a note, when it names an attribute the resource type
   * does not define and the profile skips those (nothing of the operation was applied yet).
   */
  private knownTarget(text: string, what: string): Target | undefined {
    try {
      return this.pathTarget(text);
    } catch (error) {
      if (!(error instanceof UnknownAttributeError && this.context.normalizations.unknownPaths)) throw error;
      this.context.normalized(`${what} skipped: ${error.detail}`);
      return undefined;
    }
  }

  private pathTarget(text: string): Target {
    return cachedTarget(this.descriptor, text, () => this.target(parsePatchPath(text)));
  }

  private target(path: PatchPath): Target {
    const resolved = resolvePath(this.descriptor, path.path, 'invalidPath');
    let sub = resolved.subAttribute;
    if (path.filter !== undefined) {
      if (
        resolved.subAttribute !== undefined ||
        resolved.attribute.type !== 'complex' ||
        !resolved.attribute.multiValued
      ) {
        throw badRequest(
          'invalidPath',
          `a filter needs a multi-valued complex attribute, and "${resolved.canonical}" is not one`,
        );
      }
      if (path.subAttribute !== undefined) {
        sub = findSubAttribute(resolved.attribute, path.subAttribute);
        if (sub === undefined)
          throw new UnknownAttributeError(
            'invalidPath',
            `unknown attribute "${resolved.attribute.name}.${path.subAttribute}"`,
          );
      }
    }
    const text = `${resolved.canonical}${path.filter === undefined ? '' : `[${printFilter(path.filter)}]`}${path.filter !== undefined && sub !== undefined ? `.${sub.name}` : ''}`;
    const matches =
      path.filter === undefined ? undefined : compileValueFilter(path.filter, resolved.attribute, this.descriptor);
    return { extension: resolved.extension, attribute: resolved.attribute, filter: path.filter, matches, sub, text };
  }

  /**
   * A path naming a whole extension (`"path": "urn:…:enterprise:2.0:User"`, as Python SCIM clients
   * send): add and replace set the attributes of the object value (a `schemas` key in it is
   * ignored), remove takes every attribute of the extension away. False when the path is not one.
   */
  private wholeExtension(operation: Operation, index: number): boolean {
    const path = operation.path!;
    if (!isUrn(path)) return false;
    const extension = knownSchema(this.descriptor, path);
    if (extension === undefined || extension === this.descriptor.schema.id) return false;
    this.context.normalized(`operation ${index + 1}: path ${JSON.stringify(path)} names the whole extension`);
    if (operation.op === 'remove') {
      const schema = this.descriptor.extensions.find((e) => e.schema.id === extension)!.schema;
      for (const attribute of schema.attributes)
        if (this.read(this.topTarget(extension, attribute.name)) !== undefined)
          this.apply('remove', this.topTarget(extension, attribute.name), undefined);
      return true;
    }
    if (!isObject(operation.value))
      throw badRequest('invalidValue', `"${operation.op}" of a whole extension needs an object value`);
    this.noPath({ op: operation.op, path: undefined, value: { [extension]: operation.value } });
    return true;
  }

  /** No-path add or replace: the value is a partial resource (RFC 7644 §3.5.2.1, §3.5.2.3). */
  private noPath(operation: Operation): void {
    if (operation.op === 'remove') throw badRequest('noTarget', 'remove needs a "path"');
    if (!isObject(operation.value))
      throw badRequest('invalidValue', `"${operation.op}" without a path needs an object value`);
    const partial = operation.value;
    for (const key in partial) {
      const value = partial[key];
      if (key.length === 7 && key.toLowerCase() === 'schemas') continue;
      const extension = isUrn(key) ? knownSchema(this.descriptor, key) : undefined;
      if (extension !== undefined && extension !== this.descriptor.schema.id && isObject(value)) {
        for (const name in value) {
          if (name.length === 7 && name.toLowerCase() === 'schemas') continue;
          if (this.skipsUnknown(extension, name)) continue;
          this.apply(operation.op, this.topTarget(extension, name), value[name]);
        }
        continue;
      }
      const target = this.findTop(undefined, key);
      if (target !== null) {
        // Clients echo id (Okta) or meta back; unchanged readOnly values are not a change.
        if (target.attribute.mutability === 'readOnly' && deepEqual(this.read(target), value)) continue;
        this.apply(operation.op, target, value);
        continue;
      }
      if (this.context.normalizations.pathKeys && /[.:]/.test(key)) {
        this.context.normalized(`key ${JSON.stringify(key)} in a no-path ${operation.op} read as a path`);
        const keyed = this.knownTarget(key, `key ${JSON.stringify(key)}`);
        if (keyed !== undefined) this.apply(operation.op, keyed, value);
        continue;
      }
      if (this.skipsUnknown(undefined, key)) continue;
      throw new UnknownAttributeError('invalidPath', `unknown attribute ${JSON.stringify(key)}`);
    }
  }

  /** True, with a note, when the attribute is not defined and the profile skips unknown attributes. */
  private skipsUnknown(extension: string | undefined, name: string): boolean {
    if (!this.context.normalizations.unknownPaths || this.findTop(extension, name) !== null) return false;
    const full = extension === undefined ? name : `${extension}:${name}`;
    this.context.normalized(`key ${JSON.stringify(full)} skipped: unknown attribute`);
    return true;
  }

  private topTarget(extension: string | undefined, name: string): Target {
    const target = this.findTop(extension, name);
    if (target === null)
      throw new UnknownAttributeError(
        'invalidPath',
        `unknown attribute ${JSON.stringify(extension === undefined ? name : `${extension}:${name}`)}`,
      );
    return target;
  }

  /** A top-level attribute as a target, or null when the resource type has no such attribute. */
  private findTop(extension: string | undefined, name: string): Target | null {
    let byScope = topCache.get(this.descriptor);
    if (byScope === undefined) topCache.set(this.descriptor, (byScope = new Map()));
    const scope = extension ?? '';
    let byName = byScope.get(scope);
    if (byName === undefined) byScope.set(scope, (byName = new Map()));
    let target = byName.get(name);
    if (target === undefined) {
      const found = findAttribute(this.descriptor, extension, name);
      const text =
        found === undefined
          ? ''
          : extension === undefined
            ? found.attribute.name
            : `${extension}:${found.attribute.name}`;
      target =
        found === undefined
          ? null
          : { extension, attribute: found.attribute, filter: undefined, matches: undefined, sub: undefined, text };
      if (byName.size >= TARGET_CACHE_SIZE) byName.clear();
      byName.set(name, target);
    }
    return target;
  }

  private read(target: Target): unknown {
    const name = target.attribute.name;
    if (target.extension === undefined) {
      const changed = this.changes.get(name);
      if (changed !== undefined) return changed === REMOVED ? undefined : changed;
      return this.original[name];
    }
    const changed = this.extensionChanges.get(target.extension)?.get(name);
    if (changed !== undefined) return changed === REMOVED ? undefined : changed;
    const holder = this.original[target.extension];
    return isObject(holder) ? holder[name] : undefined;
  }

  private write(target: Target, value: unknown): void {
    if (value === this.read(target)) return;
    const stored = value === undefined ? REMOVED : value;
    if (target.extension === undefined) {
      this.changes.set(target.attribute.name, stored);
      return;
    }
    let changes = this.extensionChanges.get(target.extension);
    if (changes === undefined) this.extensionChanges.set(target.extension, (changes = new Map()));
    changes.set(target.attribute.name, stored);
  }

  private deltas(): DeltaBuilder {
    return (this.deltaBuilder ??= new DeltaBuilder());
  }

  private checkMutability(target: Target, op: Op, current: unknown, next: unknown): void {
    const attribute = target.sub ?? target.attribute;
    if (target.attribute.mutability === 'readOnly' || attribute.mutability === 'readOnly') {
      throw badRequest('mutability', `"${target.text}" is readOnly`);
    }
    if (attribute.mutability === 'immutable' && current !== undefined && !deepEqual(current, next)) {
      throw badRequest('mutability', `"${target.text}" is immutable and already has a value`);
    }
    if (op === 'remove' && target.filter === undefined && target.sub === undefined && target.attribute.required) {
      throw badRequest('invalidValue', `"${target.text}" is required and cannot be removed`);
    }
  }

  private apply(op: Op, target: Target, value: unknown): void {
    const { attribute } = target;
    if (
      attribute !== this.deltaAttribute ||
      target.sub !== undefined ||
      (target.filter !== undefined && op !== 'remove')
    )
      this.beyondMemberDeltas = true;
    if (op === 'remove' && value !== undefined && target.filter === undefined && target.sub === undefined) {
      this.removeWithValue(target, value);
      return;
    }
    if (attribute === this.deltaAttribute) this.recordDelta(op, target, value);
    const current = this.read(target);
    if (target.filter !== undefined) {
      this.applyFiltered(op, target, current, value);
      return;
    }
    if (target.sub !== undefined) {
      this.applySub(op, target, current, value);
      return;
    }
    if (op === 'remove') {
      this.checkMutability(target, op, current, undefined);
      this.write(target, undefined);
      return;
    }
    const coerced = coerceValue(attribute, value, target.text, this.context);
    if (attribute.multiValued) {
      const next =
        op === 'add'
          ? this.union(attribute, Array.isArray(current) ? current : [], coerced as unknown[])
          : (coerced as unknown[]);
      this.checkMutability(target, op, current, next);
      this.write(target, nonEmpty(keepOnePrimary(attribute, next, coerced as unknown[])));
      return;
    }
    // A complex value merges: sub-attributes not given are left as they are (RFC 7644 §3.5.2.1, §3.5.2.3).
    const next = attribute.type === 'complex' && isObject(current) ? { ...current, ...(coerced as Json) } : coerced;
    this.checkMutability(target, op, current, next);
    this.write(target, next);
  }

  /** Values of a multi-valued attribute selected by a filter: change or remove them, or their sub-attribute. */
  private applyFiltered(op: Op, target: Target, current: unknown, value: unknown): void {
    const matches = target.matches!;
    const list = Array.isArray(current) ? current : [];
    const hits = list.map((item) => matches(item));
    const any = hits.includes(true);
    if (op === 'remove') {
      if (!any) return;
      this.checkMutability(target, op, current, undefined);
      if (target.sub === undefined) {
        this.write(target, nonEmpty(list.filter((_, i) => !hits[i])));
      } else {
        const sub = target.sub;
        this.write(
          target,
          list.map((item, i) => (hits[i] && isObject(item) ? withoutKey(item, sub.name) : item)),
        );
      }
      return;
    }
    if (!any) {
      const seed = op === 'add' ? equalityTerms(target.filter!, target.attribute) : undefined;
      if (seed === undefined)
        throw badRequest('noTarget', `no value of "${target.attribute.name}" matches ${printFilter(target.filter!)}`);
      // add to `emails[type eq "work"].value` with no work email creates one (what Entra ID expects).
      const created =
        target.sub !== undefined
          ? { ...seed, [target.sub.name]: value }
          : { ...seed, ...(isObject(value) ? value : {}) };
      const coerced = coerceSingle(target.attribute, created, target.text, this.context);
      this.checkMutability(target, op, undefined, coerced);
      this.write(target, keepOnePrimary(target.attribute, [...list, coerced], [coerced]));
      return;
    }
    let replacement: (item: Json) => Json;
    if (target.sub !== undefined) {
      const sub = target.sub;
      const coerced = coerceValue(sub, value, target.text, this.context);
      replacement = (item) => ({ ...item, [sub.name]: coerced });
    } else {
      const coerced = coerceSingle(target.attribute, value, target.text, this.context) as Json;
      replacement = op === 'replace' ? () => coerced : (item) => ({ ...item, ...coerced });
    }
    const next = list.map((item, i) => (hits[i] && isObject(item) ? replacement(item) : item));
    this.checkMutability(target, op, undefined, next);
    const changed = next.filter((_, i) => hits[i]);
    this.write(target, keepOnePrimary(target.attribute, next, changed));
  }

  /** A sub-attribute without a filter: of a single complex value, or of every value of a multi-valued one. */
  private applySub(op: Op, target: Target, current: unknown, value: unknown): void {
    const sub = target.sub!;
    const coerced = op === 'remove' ? undefined : coerceValue(sub, value, target.text, this.context);
    const update = (item: Json): Json =>
      coerced === undefined ? withoutKey(item, sub.name) : { ...item, [sub.name]: coerced };
    if (target.attribute.multiValued) {
      const list = Array.isArray(current) ? current : [];
      this.checkMutability(target, op, undefined, coerced);
      this.write(
        target,
        list.map((item) => (isObject(item) ? update(item) : item)),
      );
      return;
    }
    const item = isObject(current) ? current : undefined;
    this.checkMutability(target, op, item?.[sub.name], coerced);
    if (item === undefined && coerced === undefined) return;
    const next = update(item ?? {});
    this.write(target, Object.keys(next).length === 0 ? undefined : next);
  }

  /**
   * `remove` with a value is not RFC 7644, but Entra ID sends it on members to name the members to
   * remove; under a profile that allows it, the values listed are removed and nothing else.
   */
  private removeWithValue(target: Target, value: unknown): void {
    if (!this.context.normalizations.removeWithValue) {
      throw badRequest(
        'invalidValue',
        `remove takes no "value"; select values with a filter such as ${target.attribute.name}[value eq "…"]`,
      );
    }
    this.context.normalized(`remove on "${target.text}" with a value read as removing the values listed`);
    const current = this.read(target);
    this.checkMutability(target, 'remove', current, undefined);
    if (!target.attribute.multiValued) {
      this.write(target, undefined);
      return;
    }
    const listed = coerceValue(target.attribute, value, target.text, this.context) as unknown[];
    if (target.attribute === this.deltaAttribute) this.deltas().remove(this.idsOf(listed, target));
    const key = unionKey(target.attribute);
    const drop = new Set(listed.map(key));
    if (Array.isArray(current)) this.write(target, nonEmpty(current.filter((v) => !drop.has(key(v)))));
  }

  private idsOf(value: unknown, target: Target): string[] {
    const list = Array.isArray(value) ? value : [value];
    return list.map((v) => {
      const id = isObject(v) ? v['value'] : undefined;
      if (typeof id !== 'string')
        throw badRequest('invalidValue', `each value of "${target.text}" needs a string "value"`);
      return id;
    });
  }

  private recordDelta(op: Op, target: Target, value: unknown): void {
    const values = () =>
      (coerceValue(target.attribute, value, target.text, this.context) as Json[]).filter(
        (v) => typeof v['value'] === 'string',
      );
    // A member's sub-attribute, or values merged into or replacing the members a filter selects:
    // what that does depends on the members there, so only the whole list can carry it.
    if (target.sub !== undefined || (target.filter !== undefined && op !== 'remove')) {
      this.deltas().wholeList();
      return;
    }
    if (op === 'add' && target.filter === undefined) {
      this.deltas().add(values());
    } else if (op === 'replace' && target.filter === undefined) {
      this.deltas().removeAll();
      this.deltas().add(values());
    } else if (op === 'remove' && target.filter === undefined) {
      this.deltas().removeAll();
    } else {
      const ids = idsOfValueFilter(target.filter!);
      if (ids !== undefined) this.deltas().remove(ids);
      else this.deltas().removeMatching(target.filter!);
    }
  }

  /** Adds values not already present: references compare by "value", everything else by content. */
  private union(attribute: AttributeDescriptor, current: readonly unknown[], added: readonly unknown[]): unknown[] {
    const key = unionKey(attribute);
    const seen = new Set(current.map(key));
    const next = [...current];
    for (const v of added) {
      const k = key(v);
      if (seen.has(k)) continue;
      seen.add(k);
      next.push(v);
    }
    return next;
  }

  private membersOnly(): boolean {
    return (
      !this.beyondMemberDeltas && this.deltaBuilder?.touched === true && this.deltaAttribute?.mutability === 'readWrite'
    );
  }

  finish(normalizations: string[]): PatchResult {
    // Extensions: merge their changes; an extension left without data is dropped with its URN.
    for (const [id, changes] of this.extensionChanges) {
      const before = this.original[id];
      const merged = rebuild(isObject(before) ? before : {}, changes);
      this.changes.set(id, Object.keys(merged).length > 0 ? merged : REMOVED);
    }
    this.syncSchemas();
    const changedAttributes: string[] = [];
    for (const [key, value] of this.changes) {
      if (!deepEqual(this.original[key], value === REMOVED ? undefined : value)) changedAttributes.push(key);
    }
    changedAttributes.sort();
    if (changedAttributes.length === 0) {
      return {
        resource: { ...this.original },
        changed: false,
        changedAttributes,
        members: this.deltaBuilder?.build(),
        membersOnly: this.membersOnly(),
        normalizations,
      };
    }
    return {
      resource: rebuild(this.original, this.changes),
      changed: true,
      changedAttributes,
      members: this.deltaBuilder?.build(),
      membersOnly: this.membersOnly(),
      normalizations,
    };
  }

  /** Extensions with data are listed in schemas; ones a request emptied lose their URN. */
  private syncSchemas(): void {
    if (this.extensionChanges.size === 0 && Array.isArray(this.original['schemas'])) return;
    const current = this.original['schemas'];
    const schemas = Array.isArray(current)
      ? current.filter((s): s is string => typeof s === 'string')
      : [this.descriptor.schema.id];
    let next = schemas;
    for (const id of this.extensionChanges.keys()) {
      const listed = next.some((s) => s.toLowerCase() === id.toLowerCase());
      const present = this.changes.get(id) !== REMOVED;
      if (present && !listed) next = [...next, id];
      if (!present && listed) next = next.filter((s) => s.toLowerCase() !== id.toLowerCase());
    }
    if (next !== schemas || !Array.isArray(current)) this.changes.set('schemas', next);
  }
}

function equalityTerms(filter: Filter, attribute: AttributeDescriptor): Json | undefined {
  if (filter.kind === 'and') {
    const left = equalityTerms(filter.left, attribute);
    const right = equalityTerms(filter.right, attribute);
    return left === undefined || right === undefined ? undefined : { ...left, ...right };
  }
  if (
    filter.kind !== 'compare' ||
    filter.op !== 'eq' ||
    filter.value === null ||
    filter.path.uri !== undefined ||
    filter.path.segments.length !== 1
  )
    return undefined;
  const sub = findSubAttribute(attribute, filter.path.segments[0]!);
  return sub === undefined ? undefined : { [sub.name]: filter.value };
}

/** Identity of a value within a multi-valued attribute: references by "value", strings by case rules, the rest by content. */
function unionKey(attribute: AttributeDescriptor): (v: unknown) => string {
  const byReference =
    attribute.type === 'complex' &&
    findSubAttribute(attribute, '$ref') !== undefined &&
    findSubAttribute(attribute, 'value') !== undefined;
  return (v) => {
    if (byReference && isObject(v) && typeof v['value'] === 'string') return `v:${v['value']}`;
    if (typeof v === 'string' && !attribute.caseExact) return `s:${foldCase(v)}`;
    return `j:${JSON.stringify(v)}`;
  };
}

function withoutKey(item: Json, key: string): Json {
  const rest = { ...item };
  delete rest[key];
  return rest;
}

/** A multi-valued attribute with no values left is unassigned (RFC 7644 §3.5.2.2). */
function nonEmpty(list: unknown[]): unknown[] | undefined {
  return list.length === 0 ? undefined : list;
}

/**
 * Setting "primary" to true on a value makes every other value non-primary (RFC 7644 §3.5.2,
 * RFC 7643 §2.4): the values just written win.
 */
function keepOnePrimary(attribute: AttributeDescriptor, list: unknown[], written: readonly unknown[]): unknown[] {
  if (attribute.type !== 'complex' || findSubAttribute(attribute, 'primary') === undefined) return list;
  const winner = written.find((v) => isObject(v) && v['primary'] === true);
  const primaries = list.filter((v) => isObject(v) && v['primary'] === true);
  if (primaries.length <= 1) return list;
  const keep = winner !== undefined ? winner : primaries[0];
  return list.map((v) => (isObject(v) && v['primary'] === true && v !== keep ? { ...v, primary: false } : v));
}
