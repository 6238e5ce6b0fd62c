import * as prettier from 'prettier';

/** The one formatting configuration for generated files, so output never depends on the user's prettier config. */
const OPTIONS: prettier.Options = {
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  endOfLine: 'lf',
};

const PARSERS: Record<string, string> = {
  '.ts': 'typescript',
  '.json': 'json',
  '.md': 'markdown',
};

/** Formats one file by its extension; other files pass through with normalized line endings. */
export async function formatFile(path: string, contents: string): Promise<string> {
  const extension = path.slice(path.lastIndexOf('.'));
  const parser = PARSERS[extension];
  const normalized = contents.replace(/\r\n?/g, '\n');
  if (parser === undefined) return normalized.endsWith('\n') ? normalized : `${normalized}\n`;
  return prettier.format(normalized, { ...OPTIONS, parser });
}
