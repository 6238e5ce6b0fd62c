/**
 * Case folding for attributes that are not caseExact: lower case, with the Greek final sigma (ς)
 * read as σ. JavaScript lower-cases a word-final Σ to ς, PostgreSQL's lower() to σ; folding both
 * to σ makes a filter mean the same in process, on SQLite (which calls this function) and on
 * PostgreSQL (whose fold replaces ς after lower()).
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ς') ? lower.replaceAll('ς', 'σ') : lower;
}
