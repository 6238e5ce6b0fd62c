import { JS_RESERVED_WORDS } from '../ir/naming.js';

/**
 * The only ways schema text may enter generated code. Each function makes its input inert in
 * the one position it is meant for; nothing else from a schema is ever concatenated into code.
 */

/** Text for the inside of a block comment: cannot close it, cannot start a TSDoc tag. */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/(^|\s)@/g, '$1\\@')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim();
}

/** A TypeScript string literal for any string, including U+2028/2029 and lone surrogates. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Throws unless the name is a plain identifier that is safe to declare. */
export function assertIdentifier(name: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) || JS_RESERVED_WORDS.has(name)) {
    throw new Error(`internal error: ${JSON.stringify(name)} is not a safe identifier`);
  }
  return name;
}

/** Text for Markdown inline code: a backtick in the value cannot end the span. */
export function markdownCode(value: string): string {
  // A pipe would end a table cell even inside a code span (GitHub Flavored Markdown).
  const clean = value.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const fence = clean.includes('`') ? '``' : '`';
  return `${fence}${clean.includes('`') ? ` ${clean} ` : clean}${fence}`;
}
