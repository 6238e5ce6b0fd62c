/**
 * Every problem the loader and linter can report. Codes are stable: users grep for them and
 * suppress them by code, so never renumber; add new ones at the end of their range.
 * SCIM0xx are input errors, SCIM1xx schema errors, SCIM2xx tolerated deviations (warnings),
 * SCIM3xx resource type problems.
 */
export const DIAGNOSTIC_CODES = {
  SCIM001: { severity: 'error', title: 'malformed JSON' },
  SCIM002: { severity: 'error', title: 'input too large' },
  SCIM003: { severity: 'error', title: 'nesting too deep' },
  SCIM004: { severity: 'error', title: 'unrecognized document' },
  SCIM005: { severity: 'error', title: 'cannot read input' },
  SCIM006: { severity: 'error', title: 'no schemas found' },
  SCIM007: { severity: 'error', title: 'generator failure' },
  SCIM101: { severity: 'error', title: 'invalid schema id' },
  SCIM102: { severity: 'error', title: 'duplicate schema id' },
  SCIM103: { severity: 'error', title: 'invalid attributes list' },
  SCIM104: { severity: 'error', title: 'invalid attribute name' },
  SCIM105: { severity: 'error', title: 'duplicate attribute name' },
  SCIM106: { severity: 'error', title: 'unknown attribute type' },
  SCIM107: { severity: 'error', title: 'subAttributes on a non-complex attribute' },
  SCIM108: { severity: 'error', title: 'complex attribute without subAttributes' },
  SCIM109: { severity: 'error', title: 'invalid characteristic value' },
  SCIM110: { severity: 'error', title: 'contradictory characteristics' },
  SCIM111: { severity: 'error', title: 'invalid canonicalValues' },
  SCIM112: { severity: 'error', title: 'too many attributes' },
  SCIM201: { severity: 'warning', title: 'non-canonical spelling' },
  SCIM202: { severity: 'warning', title: 'missing characteristics' },
  SCIM203: { severity: 'warning', title: 'common attribute declared in a schema' },
  SCIM204: { severity: 'warning', title: 'unknown key ignored' },
  SCIM205: { severity: 'warning', title: 'complex attribute nested in a complex attribute' },
  SCIM206: { severity: 'warning', title: 'attribute name outside the RFC 7643 grammar' },
  SCIM207: { severity: 'warning', title: 'schema name missing' },
  SCIM208: { severity: 'warning', title: 'characteristic ignored for this type' },
  SCIM209: { severity: 'warning', title: 'unused extension schema' },
  SCIM210: { severity: 'warning', title: 'boolean given as a string' },
  SCIM211: { severity: 'warning', title: 'reference without referenceTypes' },
  SCIM212: { severity: 'warning', title: 'unknown optional extension left out' },
  SCIM213: { severity: 'warning', title: 'repaired (--lenient)' },
  SCIM301: { severity: 'error', title: 'invalid resource type' },
  SCIM302: { severity: 'error', title: 'unknown schema in resource type' },
  SCIM303: { severity: 'error', title: 'duplicate resource type' },
  SCIM401: { severity: 'error', title: 'invalid mapping' },
  SCIM402: { severity: 'warning', title: 'required attribute not mapped' },
  SCIM403: { severity: 'error', title: 'invalid server attribute rule' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type Severity = 'error' | 'warning';
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Path of the input file as given (relative paths stay relative). */
  readonly file: string;
  /** RFC 6901 JSON pointer into that file; "" is the whole document. */
  readonly pointer: string;
  /** What is wrong. */
  readonly message: string;
  /** What was expected instead, when there is something to say. */
  readonly expected?: string;
  /**
   * 1-based line and column in the file of what the pointer names (or of its nearest enclosing
   * value that exists, for something missing); absent where the file is not JSON text scimgen read.
   */
  readonly line?: number;
  readonly column?: number;
}

export function diagnostic(
  code: DiagnosticCode,
  file: string,
  pointer: string,
  message: string,
  expected?: string,
): Diagnostic {
  const base = { code, severity: DIAGNOSTIC_CODES[code].severity, file, pointer, message };
  return expected === undefined ? base : { ...base, expected };
}

/**
 * An error, or under --lenient the SCIM213 warning that it was repaired: the message, then what
 * the repair did ("read as readOnly", "skipped").
 */
export function repairable(
  lenient: boolean | undefined,
  code: DiagnosticCode,
  file: string,
  pointer: string,
  message: string,
  repair: string,
  expected?: string,
): Diagnostic {
  return lenient === true
    ? diagnostic('SCIM213', file, pointer, `${message}; ${repair}`, expected)
    : diagnostic(code, file, pointer, message, expected);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * `file:line:column #/pointer: error SCIM106 message; expected …` — one line, greppable, and
 * clickable in editors and terminals (without a position: `file#/pointer`).
 */
export function formatDiagnostic(d: Diagnostic): string {
  const at = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const where = d.pointer === '' ? at : d.line === undefined ? `${at}#${d.pointer}` : `${at} #${d.pointer}`;
  const expected = d.expected === undefined ? '' : `; expected ${d.expected}`;
  return `${where}: ${d.severity} ${d.code} ${d.message}${expected}`;
}

/** Stable order for reports: by file, then pointer, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareStrings(a.file, b.file) || comparePointers(a.pointer, b.pointer) || compareStrings(a.code, b.code);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numeric segments compare as numbers so /attributes/10 sorts after /attributes/9. */
function comparePointers(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] ?? '';
    const y = bs[i] ?? '';
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return compareStrings(x, y);
  }
  return as.length - bs.length;
}
