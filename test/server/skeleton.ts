import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { untilServing } from '../helpers/serving.js';
import { freePort, type Running, type ServerProfile } from './app.js';

/** The limits a scaffolded server runs with: @scimgen/server's defaults. */
export const SKELETON_PROFILE: ServerProfile = {
  limits: { maxBodyBytes: 1024 * 1024, bulkMaxOperations: 1000, bulkMaxPayload: 1024 * 1024, maxCount: 1000 },
  me: false,
  token: 'skeleton-token',
};

/** A generated server running as a process of its own. */
export interface Skeleton extends Running {
  /** Everything it printed so far. */
  output(): string;
  /** Ends it as a crash would (SIGKILL: no shutdown, nothing flushed). */
  kill(): Promise<void>;
}

/**
 * Starts a generated package's compiled server entry (dist/server/main.js) as its own process,
 * configured the way its README says: PORT and SCIM_BEARER_TOKEN.
 */
export async function startSkeleton(
  packageDir: string,
  env: Record<string, string | undefined> = {},
  /** The working directory, where the server keeps data/ (default the package's folder). */
  cwd = packageDir,
): Promise<Skeleton> {
  const port = await freePort();
  // A server on SQL storage gets an empty database of its own (one in memory ignores it).
  const data = mkdtempSync(path.join(os.tmpdir(), 'scimgen-skeleton-'));
  const child = spawn(process.execPath, [path.join(packageDir, 'dist/server/main.js')], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SCIM_BEARER_TOKEN: SKELETON_PROFILE.token,
      SCIM_CURSOR_KEY: 'skeleton-suite-cursor-key',
      DATABASE_URL: `sqlite:${path.join(data, 'scim.db')}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const printed = await untilServing(child, 15_000);
  return {
    base: `http://127.0.0.1:${port}/scim/v2`,
    output: printed,
    kill: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGKILL');
      }),
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

/**
 * Starts a generated server expecting it to refuse: the exit code and what it printed (it must
 * exit within 15 s; a server that starts instead fails the test).
 */
export async function refusedStart(
  packageDir: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const data = mkdtempSync(path.join(os.tmpdir(), 'scimgen-skeleton-'));
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    ...process.env,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    SCIM_CURSOR_KEY: 'skeleton-suite-cursor-key',
    DATABASE_URL: `sqlite:${path.join(data, 'scim.db')}`,
    ...env,
  }))
    if (value !== undefined) environment[name] = value;
  const child = spawn(process.execPath, [path.join(packageDir, 'dist/server/main.js')], {
    cwd: packageDir,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not exit:\n${output}`));
      }, 15_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('SCIM service provider at')) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          reject(new Error(`the server started:\n${output}`));
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}
