import { badRequest, type AppFilter } from '@scimgen/runtime';

/** A WHERE clause over the users table, every value a parameter, columns from a fixed list. */
export function whereClause(filter: AppFilter, columns: ReadonlySet<string>, params: unknown[]): string {
  const column = (field: string) => {
    if (!columns.has(field)) throw badRequest('invalidFilter', `no column for ${field}`);
    return `"${field}"`;
  };
  switch (filter.kind) {
    case 'true':
      return '1 = 1';
    case 'and':
    case 'or':
      return `(${whereClause(filter.left, columns, params)} ${filter.kind.toUpperCase()} ${whereClause(filter.right, columns, params)})`;
    case 'not':
      // A comparison with a NULL column is NULL; "not" of it must be true, as SCIM's is.
      return `(NOT COALESCE(${whereClause(filter.filter, columns, params)}, 0))`;
    case 'present':
      return `(${column(filter.field)} IS NOT NULL AND ${column(filter.field)} <> '')`;
    case 'compare': {
      const c = column(filter.field);
      if (filter.value === null) return filter.op === 'ne' ? `${c} IS NOT NULL` : `${c} IS NULL`;
      const value = typeof filter.value === 'boolean' ? (filter.value ? 1 : 0) : filter.value;
      // Text compares as the SCIM attribute says: case-insensitive unless caseExact.
      const nocase = typeof value === 'string' && !filter.caseExact ? ' COLLATE NOCASE' : '';
      params.push(value);
      switch (filter.op) {
        case 'eq':
          return `${c} = ?${nocase}`;
        case 'ne':
          return `(${c} IS NULL OR ${c} <> ?${nocase})`;
        case 'co':
          return `instr(${nocase ? `lower(${c})` : c}, ${nocase ? 'lower(?)' : '?'}) > 0`;
        case 'sw':
        case 'ew':
          params.push(value);
          return filter.op === 'sw'
            ? `substr(${nocase ? `lower(${c})` : c}, 1, length(?)) = ${nocase ? 'lower(?)' : '?'}`
            : `substr(${nocase ? `lower(${c})` : c}, -length(?)) = ${nocase ? 'lower(?)' : '?'}`;
        default:
          return `${c} ${{ gt: '>', ge: '>=', lt: '<', le: '<=' }[filter.op]} ?${nocase}`;
      }
    }
  }
}
