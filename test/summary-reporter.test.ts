import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/fs.js';

const exec = promisify(execFile);

describe('the summary line', () => {
  it('counts a failed beforeAll and a file that cannot load as failures', async () => {
    const root = path.join(REPO_ROOT, 'test/fixtures/reporter');
    const result = await exec(process.execPath, [path.join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], {
      cwd: root,
      env: { ...process.env, CI: 'true' },
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    // One passed; the hook's error and the module's error are two failures; the test behind the hook is skipped.
    expect(lines[lines.length - 1]).toBe('Tests: 1 passed, 2 failed, 1 skipped');
  }, 60_000);
});
