import type { Filter } from '../filter/ast.js';

/**
 * Changes to a large multi-valued reference attribute (a Group's members) as deltas, so a store
 * can insert and delete membership rows without reading or rewriting the whole group.
 * Apply in this order: removedAll, removed, removeWhere, then added.
 */
export interface MemberDelta {
  /** Every existing member is removed first (remove without filter, or replace). */
  readonly removedAll: boolean;
  /** Member ids to remove. */
  readonly removed: readonly string[];
  /** Filters (other than `value eq`) selecting members to remove; evaluate against member rows. */
  readonly removeWhere: readonly Filter[];
  /** Member values to add (union: adding an existing member changes nothing). */
  readonly added: readonly Readonly<Record<string, unknown>>[];
}

/** Accumulates one request's member operations into a net delta. */
export class DeltaBuilder {
  private removedAll = false;
  private readonly removed = new Set<string>();
  private readonly added = new Map<string, Readonly<Record<string, unknown>>>();
  private readonly removeWhere: Filter[] = [];
  /** A change deltas cannot say (a member's sub-attribute, a filtered add or replace) was made. */
  private whole = false;
  touched = false;

  /** The request changed members in a way only the whole list can carry: no deltas are reported. */
  wholeList(): void {
    this.touched = true;
    this.whole = true;
  }

  add(values: readonly Record<string, unknown>[]): void {
    this.touched = true;
    for (const v of values) {
      const id = v['value'] as string;
      this.removed.delete(id);
      if (!this.added.has(id)) this.added.set(id, v);
    }
  }

  remove(ids: readonly string[]): void {
    this.touched = true;
    for (const id of ids) {
      this.added.delete(id);
      this.removed.add(id);
    }
  }

  removeMatching(filter: Filter): void {
    this.touched = true;
    this.removeWhere.push(filter);
  }

  removeAll(): void {
    this.touched = true;
    this.removedAll = true;
    this.removed.clear();
    this.added.clear();
    this.removeWhere.length = 0;
  }

  build(): MemberDelta | undefined {
    if (!this.touched || this.whole) return undefined;
    return {
      removedAll: this.removedAll,
      removed: [...this.removed],
      removeWhere: [...this.removeWhere],
      added: [...this.added.values()],
    };
  }
}

/** The ids a filter selects when it is only `value eq "…"` terms joined by "or"; otherwise undefined. */
export function idsOfValueFilter(filter: Filter): string[] | undefined {
  if (filter.kind === 'or') {
    const left = idsOfValueFilter(filter.left);
    const right = idsOfValueFilter(filter.right);
    return left === undefined || right === undefined ? undefined : [...left, ...right];
  }
  if (
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    typeof filter.value === 'string' &&
    filter.path.uri === undefined &&
    filter.path.segments.length === 1 &&
    filter.path.segments[0]!.toLowerCase() === 'value'
  ) {
    return [filter.value];
  }
  return undefined;
}
