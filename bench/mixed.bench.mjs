// Mixed load on the generated example server (examples/acme-server, npm start's), in one run: 50
// concurrent connections for BENCH_SECONDS (default 60) cycling through get, filter, create,
// patch, put, list, search and delete, on SQLite (synchronous full) and PostgreSQL (fsync on), with
// one process and with SCIM_WORKERS=2. Reports requests/s, errors (any answer but the one the
// operation expects), p50/p99 latency and the server's resident memory (all its processes). The
// load comes from autocannon in this process, on the same cores as the server.
// Usage: npm run bench:mixed (BENCH_SECONDS, BENCH_CLIENTS, BENCH_USERS, BENCH_POSTGRES_URL).
import { spawn, execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { postgresCluster } from './postgres-cluster.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const USERS = Number(process.env.BENCH_USERS ?? 2000);
const MAIN = new URL('../examples/acme-server/dist/server/main.js', import.meta.url).pathname;
const TOKEN = 'mixed-bench-token';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' };

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(databaseUrl, workers) {
  const port = await freePort();
  const data = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-mixed-'));
  const child = spawn(process.execPath, [MAIN], {
    cwd: data,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SCIM_BEARER_TOKEN: TOKEN,
      SCIM_CURSOR_KEY: 'mixed-bench-cursor-key',
      SCIM_WORKERS: String(workers),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      if (output.split('SCIM service provider at').length > workers) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}/scim/v2`,
    pids: () => [child.pid, ...childrenOf(child.pid)],
    stop: () =>
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

function childrenOf(pid) {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

function rssMiB(pids) {
  let kib = 0;
  for (const pid of pids) {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match) kib += Number(match[1]);
  }
  return kib / 1024;
}

async function call(base, method, url, body, expected) {
  const started = performance.now();
  const response = await fetch(base + url, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  return {
    ok: expected.includes(response.status),
    status: response.status,
    ms,
    json: text ? JSON.parse(text) : undefined,
  };
}

async function seed(base, tag) {
  const ids = [];
  const batch = 100;
  for (let i = 0; i < USERS; i += batch) {
    const answer = await call(
      base,
      'POST',
      '/Bulk',
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: Array.from({ length: Math.min(batch, USERS - i) }, (_, k) => ({
          method: 'POST',
          path: '/Users',
          bulkId: `u${k}`,
          data: {
            schemas: [USER],
            userName: `${tag}-seed-${i + k}`,
            name: { givenName: 'Seed', familyName: `${i + k}` },
          },
        })),
      },
      [200],
    );
    for (const op of answer.json.Operations) ids.push(op.location.split('/').pop());
  }
  return ids;
}

/**
 * One connection's cycle: what an IdP and an admin console send. Each connection creates its own
 * user, changes it and deletes it, so every answer has one right status.
 */
function cycle(ids, tag) {
  let created = 0;
  const seeded = () => ids[Math.floor(Math.random() * ids.length)];
  const json = (body) => JSON.stringify(body);
  return [
    { method: 'GET', setupRequest: (r) => ({ ...r, path: `/scim/v2/Users/${seeded()}` }), expect: 200 },
    {
      method: 'GET',
      setupRequest: (r) => ({
        ...r,
        path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${tag}-seed-${Math.floor(Math.random() * USERS)}"`)}`,
      }),
      expect: 200,
    },
    {
      method: 'POST',
      path: '/scim/v2/Users',
      setupRequest: (r) => ({
        ...r,
        body: json({ schemas: [USER], userName: `${tag}-c-${created++}-${Math.random()}` }),
      }),
      onResponse: (status, body, context) => {
        if (status === 201) context.id = JSON.parse(body).id;
      },
      expect: 201,
    },
    {
      method: 'PATCH',
      setupRequest: (r, context) => ({
        ...r,
        path: `/scim/v2/Users/${context.id}`,
        body: json({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'changed' }] }),
      }),
      expect: 200,
    },
    {
      method: 'PUT',
      setupRequest: (r, context) => ({
        ...r,
        path: `/scim/v2/Users/${context.id}`,
        body: json({ schemas: [USER], userName: `${tag}-put-${context.id}`, title: 'x' }),
      }),
      expect: 200,
    },
    { method: 'GET', setupRequest: (r) => ({ ...r, path: `/scim/v2/Users/${seeded()}` }), expect: 200 },
    { method: 'GET', path: '/scim/v2/Users?count=20&sortBy=userName', expect: 200 },
    {
      method: 'POST',
      path: '/scim/v2/Users/.search',
      body: json({ schemas: [SEARCH], filter: 'name.familyName sw "1"', count: 10 }),
      expect: 200,
    },
    {
      method: 'DELETE',
      setupRequest: (r, context) => ({ ...r, path: `/scim/v2/Users/${context.id}` }),
      expect: 204,
    },
  ];
}

/** The load: autocannon over the cycle; an answer other than the one expected is an error. */
async function load(base, ids, tag) {
  const requests = cycle(ids, tag);
  let errors = 0;
  const url = new URL(base);
  const result = await autocannon({
    url: `${url.protocol}//${url.host}`,
    connections: CLIENTS,
    duration: SECONDS,
    headers,
    requests: requests.map(({ expect, onResponse, ...request }) => ({
      ...request,
      onResponse: (status, body, context) => {
        if (status !== expect) errors++;
        onResponse?.(status, body, context);
      },
    })),
  });
  return {
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: errors + result.errors,
  };
}

async function measure(label, databaseUrl, workers) {
  const server = await startServer(databaseUrl, workers);
  try {
    const tag = `${label.slice(0, 2)}${workers}`.toLowerCase();
    const ids = await seed(server.base, tag);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(server.pids()))), 500);
    const { rate, p50, p99, errors } = await load(server.base, ids, tag);
    clearInterval(sampler);
    process.stdout.write(
      `| ${label} | ${workers === 1 ? 'one process' : `SCIM_WORKERS=${workers}`} | ${Math.round(rate).toLocaleString('en-US')} | ${errors} | ${p50} ms | ${p99} ms | ${peakRss.toFixed(0)} MiB |\n`,
    );
    return rate;
  } finally {
    await server.stop();
  }
}

process.stdout.write(
  `Node ${process.version}, ${os.availableParallelism()} cores, ${CLIENTS} clients, ${SECONDS} s each, ${USERS} users seeded\n\n`,
);
process.stdout.write(
  '| store | processes | requests/s | errors | p50 | p99 | peak RSS |\n| --- | --- | --: | --: | --: | --: | --: |\n',
);
const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-mixed-sqlite-'));
const cluster = process.env.BENCH_POSTGRES_URL === undefined ? postgresCluster() : undefined;
try {
  const ratios = [];
  for (const [label, url] of [
    ['SQLite', (w) => `sqlite:${path.join(dir, `scim-${w}.db`)}`],
    ['PostgreSQL', () => process.env.BENCH_POSTGRES_URL ?? cluster.url],
  ]) {
    const one = await measure(label, url(1), 1);
    const two = await measure(label, url(2), 2);
    ratios.push(`${label} ${(two / one).toFixed(2)}×`);
  }
  process.stdout.write(`\nSCIM_WORKERS=2 against one process: ${ratios.join(', ')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  cluster?.stop();
}
