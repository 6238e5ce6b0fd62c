import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, type Running, type ServerProfile } from './app.js';

/** The limits a scaffolded server runs with: @scimgen/server's defaults. */
export const SKELETON_PROFILE: ServerProfile = {
  limits: { maxBodyBytes: 1024 * 1024, bulkMaxOperations: 1000, bulkMaxPayload: 1024 * 1024, maxCount: 1000 },
  me: false,
  token: 'skeleton-token',
};

/**
 * Starts a generated package's compiled server entry (dist/server/main.js) as its own process,
 * configured the way its README says: PORT and SCIM_BEARER_TOKEN.
 */
export async function startSkeleton(packageDir: string, env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  // A server on SQL storage gets an empty database of its own (one in memory ignores it).
  const data = mkdtempSync(path.join(os.tmpdir(), 'scimgen-skeleton-'));
  const child = spawn(process.execPath, [path.join(packageDir, 'dist/server/main.js')], {
    cwd: packageDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SCIM_BEARER_TOKEN: SKELETON_PROFILE.token,
      DATABASE_URL: `sqlite:${path.join(data, 'scim.db')}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('SCIM service provider at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
  return {
    base: `http://127.0.0.1:${port}/scim/v2`,
    close: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => {
          rmSync(data, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
