import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, loadConfig } from '../../generator/src/index.js';
import { REPO_ROOT } from '../helpers/fs.js';

/**
 * Every example server is driven by its config alone: its main.ts is the scaffold scimgen writes
 * for a new project, byte for byte, so nothing a seed needs is left to hand edits.
 */
const config = await loadConfig(path.join(REPO_ROOT, 'scimgen.config.ts'));
const servers = config.targets.filter((t) => t.server !== undefined).map((t) => [t.name!, t] as const);

describe.each(servers)('the %s example', (_name, target) => {
  it('keeps src/server/main.ts as the fresh scaffold', async () => {
    const result = await generate({ ...target, cwd: REPO_ROOT });
    const scaffold = result.files.find((f) => f.path === 'src/server/main.ts');
    expect(scaffold?.ownership).toBe('scaffold');
    const committed = await readFile(path.join(REPO_ROOT, target.out, 'src/server/main.ts'), 'utf8');
    expect(committed).toBe(scaffold!.contents);
  });
});
