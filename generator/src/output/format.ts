import * as prettier from 'prettier';
import { TextCache } from './text-cache.js';

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

/**
 * Formats one file by its extension; other files pass through with normalized line endings.
 * With a cache, text formatted before is not formatted again.
 */
export async function formatFile(path: string, contents: string, cache?: TextCache): Promise<string> {
  const extension = path.slice(path.lastIndexOf('.'));
  const parser = PARSERS[extension];
  const normalized = contents.replace(/\r\n?/g, '\n');
  if (parser === undefined) return normalized.endsWith('\n') ? normalized : `${normalized}\n`;
  if (cache === undefined) return prettier.format(normalized, { ...OPTIONS, parser });
  const key = TextCache.key(JSON.stringify([prettier.version, OPTIONS, parser]), normalized);
  const remembered = await cache.get(key);
  if (remembered !== undefined) return remembered;
  const formatted = await prettier.format(normalized, { ...OPTIONS, parser });
  await cache.set(key, formatted);
  return formatted;
}
