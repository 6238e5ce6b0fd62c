import type { PatchOperation } from './resources.js';

type Json = Record<string, unknown>;

export interface DiffOptions {
  /**
   * Multi-valued attributes whose values have a "value" id (a group's members): changed as
   * add and remove deltas instead of a replacement of the whole list, or replaced when the
   * server wants that (`memberChanges: 'replace'`).
   */
  readonly memberAttributes?: readonly string[];
  readonly memberChanges?: 'delta' | 'replace';
}

const NOT_PATCHED = new Set(['id', 'meta', 'schemas']);

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => equal(v, (b as unknown[])[i]));
  const ka = Object.keys(a as Json);
  const kb = Object.keys(b as Json);
  return ka.length === kb.length && ka.every((k) => equal((a as Json)[k], (b as Json)[k]));
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const memberId = (v: unknown) => (isObject(v) && typeof v['value'] === 'string' ? v['value'] : undefined);

/**
 * The PATCH operations (RFC 7644 §3.5.2) that turn `before` into `after`: removals first, then
 * replacements and additions, each attribute in the order `after` lists it. Single-valued complex
 * attributes and extension objects change sub-attribute by sub-attribute; a group's members by
 * the members added and removed; other multi-valued attributes are replaced whole (their values
 * have no identity to patch by). No operation when nothing changed.
 */
export function diffOperations(before: Json, after: Json, options: DiffOptions = {}): PatchOperation[] {
  const removals: PatchOperation[] = [];
  const writes: PatchOperation[] = [];
  const members = new Set((options.memberAttributes ?? ['members']).map((m) => m.toLowerCase()));
  const walk = (old: Json, next: Json, prefix: string, nested: boolean) => {
    for (const key of Object.keys(old))
      if (!(key in next) && !(nested ? false : NOT_PATCHED.has(key)) && old[key] !== undefined)
        removals.push({ op: 'remove', path: `${prefix}${key}` });
    for (const key of Object.keys(next)) {
      if (!nested && NOT_PATCHED.has(key)) continue;
      const a = old[key];
      const b = next[key];
      if (b === undefined) {
        if (a !== undefined) removals.push({ op: 'remove', path: `${prefix}${key}` });
        continue;
      }
      if (equal(a, b)) continue;
      const path = `${prefix}${key}`;
      // An extension's object: its attributes, as urn:…:User:department.
      if (!nested && key.startsWith('urn:') && isObject(a) && isObject(b)) {
        walk(a, b, `${key}:`, false);
        continue;
      }
      if (isObject(a) && isObject(b) && !key.startsWith('urn:')) {
        walk(a, b, `${path}.`, true);
        continue;
      }
      if (members.has(key.toLowerCase()) && options.memberChanges !== 'replace' && Array.isArray(b)) {
        const was = new Set((Array.isArray(a) ? a : []).map(memberId));
        const now = new Set(b.map(memberId));
        const gone = [...was].filter((v): v is string => v !== undefined && !now.has(v));
        const added = b.filter((v) => !was.has(memberId(v)));
        for (const v of gone) removals.push({ op: 'remove', path: `${path}[value eq ${JSON.stringify(v)}]` });
        if (added.length > 0) writes.push({ op: 'add', path, value: added });
        continue;
      }
      writes.push({ op: a === undefined ? 'add' : 'replace', path, value: b });
    }
  };
  walk(before, after, '', false);
  return [...removals, ...writes];
}
