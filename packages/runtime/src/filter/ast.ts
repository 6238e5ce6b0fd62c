/** Offsets into the source text: start inclusive, end exclusive, 0-based. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * An attribute path as written (RFC 7644 §3.4.2.2 attrPath): an optional schema URN and one to
 * three name segments. Three segments only occur in the legacy form that joins an extension URN
 * to its attribute with "." instead of ":"; resolving against a descriptor sorts that out.
 */
export interface AttrPath extends Span {
  readonly uri: string | undefined;
  readonly segments: readonly string[];
}

export const COMPARE_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

export type FilterValue = string | number | boolean | null;

export interface CompareFilter extends Span {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly path: AttrPath;
  readonly value: FilterValue;
}

export interface PresentFilter extends Span {
  readonly kind: 'present';
  readonly path: AttrPath;
}

export interface LogicalFilter extends Span {
  readonly kind: 'and' | 'or';
  readonly left: Filter;
  readonly right: Filter;
}

export interface NotFilter extends Span {
  readonly kind: 'not';
  readonly filter: Filter;
}

/** `emails[type eq "work"]`: the inner filter applies to each value of the attribute. */
export interface ValuePathFilter extends Span {
  readonly kind: 'valuePath';
  readonly path: AttrPath;
  readonly filter: Filter;
}

export type Filter = CompareFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;

/** A PATCH operation path (RFC 7644 §3.5.2): attrPath, or valuePath with an optional sub-attribute. */
export interface PatchPath extends Span {
  readonly path: AttrPath;
  readonly filter: Filter | undefined;
  readonly subAttribute: string | undefined;
}

export interface FilterLimits {
  /** Longest filter text, in characters. */
  readonly maxLength: number;
  /** Deepest nesting of parentheses, "not" and value paths. */
  readonly maxDepth: number;
  /** Most attribute expressions in one filter. */
  readonly maxTerms: number;
}

export const DEFAULT_FILTER_LIMITS: FilterLimits = { maxLength: 4096, maxDepth: 32, maxTerms: 100 };
