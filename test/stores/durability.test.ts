import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fs.js';
import { freePort } from '../server/app.js';
import { client } from '../server/client.js';
import { USER } from './data.js';

const MAIN = path.join(REPO_ROOT, 'examples/acme-server/dist/server/main.js');
const TOKEN = 'durability-token';

/** The generated example server (npm start's) as a process of its own, on the given database. */
async function serve(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SCIM_BEARER_TOKEN: TOKEN,
      SCIM_CURSOR_KEY: 'durability-suite-cursor-key',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  for (let i = 0; i < 200 && !output.includes('SCIM service provider at'); i++) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!output.includes('SCIM service provider at')) throw new Error(`the server did not start:\n${output}`);
  return { child, base: `http://127.0.0.1:${port}/scim/v2` };
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

async function writeKillRestartRead(databaseUrl: string): Promise<void> {
  const first = await serve(databaseUrl);
  const call = client(first.base, TOKEN);
  const created: string[] = [];
  for (let i = 0; i < 20; i++) {
    const answer = await call('POST', '/Users', { body: { schemas: [USER], userName: `durable-${i}` } });
    expect(answer.status).toBe(201);
    created.push(answer.json.id);
  }
  const group = await call('POST', '/Groups', {
    body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Kept', members: [] },
  });
  const patched = await call('PATCH', `/Groups/${group.json.id}`, {
    body: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: created.map((value) => ({ value })) }],
    },
  });
  expect(patched.status).toBe(200);
  // No shutdown: the process dies as in a crash, right after the last acknowledged write.
  await killed(first.child);

  const second = await serve(databaseUrl);
  try {
    const again = client(second.base, TOKEN);
    const users = await again('GET', '/Users?filter=userName sw "durable-"&count=100');
    expect(users.json.totalResults).toBe(20);
    expect(users.json.Resources.map((u: { id: string }) => u.id).sort()).toEqual([...created].sort());
    const read = await again('GET', `/Groups/${group.json.id}`);
    // The same group, members and version; only the location names the new server's port.
    expect(read.json.meta.location).toBe(`${second.base}/Groups/${group.json.id}`);
    expect({ ...read.json, meta: { ...read.json.meta, location: undefined } }).toEqual({
      ...patched.json,
      meta: { ...patched.json.meta, location: undefined },
    });
    expect(read.json.members).toHaveLength(20);
  } finally {
    await killed(second.child);
  }
}

describe('restart durability of the generated server', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps every acknowledged write in SQLite across a kill -9', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-durable-'));
    dirs.push(dir);
    await writeKillRestartRead(`sqlite:${path.join(dir, 'data', 'scim.db')}`);
  });

  it('keeps every acknowledged write in PostgreSQL across a kill -9', async () => {
    const admin = inject('postgresUrl');
    expect(admin, 'PostgreSQL is not installed: .ci/run installs it').not.toBe('');
    const name = `scimgen_${randomBytes(6).toString('hex')}`;
    const run = async (sql: string) => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(sql).finally(() => c.end());
    };
    await run(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(admin);
      url.pathname = `/${name}`;
      await writeKillRestartRead(url.toString());
    } finally {
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
