import { cp } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../generator/src/cli/logger.js';
import { main } from '../../generator/src/cli/main.js';
import { REPO_ROOT, tempDir } from './fs.js';

/**
 * Runs the CLI in process from a directory and captures what it says: the logger's lines and
 * anything written straight to the process streams (commander's help and usage errors, --json).
 */
export async function run(cwd: string, ...args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stderr += chunk.toString();
      done();
    },
  });
  const writeStdout = process.stdout.write.bind(process.stdout);
  const writeStderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(['node', 'scimgen', ...args], createLogger(logStream, {}));
    return { code, stderr, stdout };
  } finally {
    process.chdir(previous);
    process.stdout.write = writeStdout;
    process.stderr.write = writeStderr;
  }
}

/** A temporary directory holding a copy of the repository's schemas/. */
export async function projectWithSchemas(): Promise<string> {
  const dir = await tempDir();
  await cp(path.join(REPO_ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  return dir;
}
