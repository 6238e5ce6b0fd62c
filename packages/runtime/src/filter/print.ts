import type { AttrPath, Filter, FilterValue } from './ast.js';

/** Prints an attribute path as written: the URN (if any), a colon, then the dotted names. */
export function printAttrPath(path: Pick<AttrPath, 'uri' | 'segments'>): string {
  return `${path.uri !== undefined ? `${path.uri}:` : ''}${path.segments.join('.')}`;
}

function printValue(value: FilterValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return Object.is(value, -0) ? '-0' : String(value);
}

/**
 * Prints a filter back to text that parses to the same tree: parentheses exactly where
 * precedence or left-associativity would otherwise regroup it.
 */
export function printFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'compare':
      return `${printAttrPath(filter.path)} ${filter.op} ${printValue(filter.value)}`;
    case 'present':
      return `${printAttrPath(filter.path)} pr`;
    case 'not':
      return `not (${printFilter(filter.filter)})`;
    case 'valuePath':
      return `${printAttrPath(filter.path)}[${printFilter(filter.filter)}]`;
    case 'and': {
      const left = filter.left.kind === 'or' ? `(${printFilter(filter.left)})` : printFilter(filter.left);
      const right =
        filter.right.kind === 'or' || filter.right.kind === 'and'
          ? `(${printFilter(filter.right)})`
          : printFilter(filter.right);
      return `${left} and ${right}`;
    }
    case 'or': {
      const right = filter.right.kind === 'or' ? `(${printFilter(filter.right)})` : printFilter(filter.right);
      return `${printFilter(filter.left)} or ${right}`;
    }
  }
}
