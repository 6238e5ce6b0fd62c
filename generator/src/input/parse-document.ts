import { diagnostic, type Diagnostic } from './diagnostics.js';
import { scanJson } from './json-scan.js';
import type { InputLimits } from './limits.js';
import { lineIndex } from './locate.js';
import type { SourceDocument } from './sources.js';

/** Parses one document within the limits; on failure the diagnostic says where and why. */
export function parseDocument(
  doc: SourceDocument,
  limits: InputLimits,
): { ok: true; value: unknown; text: string } | { ok: false; diagnostic: Diagnostic } {
  const size = Buffer.byteLength(doc.text, 'utf8');
  if (size > limits.maxFileBytes) {
    return {
      ok: false,
      diagnostic: diagnostic(
        'SCIM002',
        doc.file,
        '',
        `document is ${size} bytes`,
        `at most ${limits.maxFileBytes} bytes`,
      ),
    };
  }
  // A UTF-8 byte order mark is common in files saved by Windows tools; it is not an error.
  const text = doc.text.charCodeAt(0) === 0xfeff ? doc.text.slice(1) : doc.text;
  const scan = scanJson(text, limits.maxDepth);
  if (!scan.ok) {
    const { line, column } = lineIndex(text)(scan.offset);
    const code = scan.tooDeep ? 'SCIM003' : 'SCIM001';
    const expected = scan.tooDeep ? `at most ${limits.maxDepth} levels of nesting` : 'valid JSON (RFC 8259)';
    return {
      ok: false,
      diagnostic: {
        ...diagnostic(code, doc.file, '', `${scan.message} at line ${line}, column ${column}`, expected),
        line,
        column,
      },
    };
  }
  return { ok: true, value: JSON.parse(text) as unknown, text };
}
