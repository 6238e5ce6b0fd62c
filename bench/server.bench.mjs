// The server side by side with a bare node:http server and scimmy-routers, in one run: each
// server in its own process on core 0, autocannon here on core 1, over loopback.
// Usage: npm run bench:server (BENCH_SECONDS per measurement, BENCH_ROUNDS interleaved rounds).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const USERS = 1000;
const CONNECTIONS = 32;
const TARGET = new URL('./server-target.mjs', import.meta.url).pathname;
const TASKSET = existsSync('/usr/bin/taskset') ? '/usr/bin/taskset' : undefined;

const CONTENDERS = [
  ['bare node:http (Map lookup + JSON.stringify)', 'bare'],
  ['@scimgen/server on node:http', 'scimgen-node'],
  ['@scimgen/server on Fastify', 'scimgen-fastify'],
  ['bare Express (the same Map lookup in an Express route)', 'bare-express'],
  ['@scimgen/server on Express', 'scimgen-express'],
  ['scimmy-routers on Express', 'scimmy-routers'],
];
const REQUESTS = [
  ['GET /Users/{id}', '/scim/v2/Users/id-500'],
  [
    'GET /Users?filter=userName eq "…"',
    `/scim/v2/Users?filter=${encodeURIComponent('userName eq "user500@example.com"')}`,
  ],
];

if (TASKSET !== undefined) execFileSync(TASKSET, ['-cp', '1', String(process.pid)], { stdio: 'ignore' });

async function startServer(kind, port) {
  const command = TASKSET ?? process.execPath;
  const args = [
    ...(TASKSET !== undefined ? ['-c', '0', process.execPath] : []),
    TARGET,
    kind,
    String(port),
    String(USERS),
  ];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  return child;
}

/** Checks the answer before timing it: the same user, as SCIM JSON, from every contender. */
async function check(base, path) {
  const response = await fetch(base + path, { headers: { authorization: 'Bearer bench' } });
  const body = await response.json();
  const found = body.Resources?.[0] ?? body;
  if (response.status !== 200 || found.userName !== 'user500@example.com')
    throw new Error(`${base}${path} answered ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
}

const WRK = existsSync('/usr/bin/wrk') ? '/usr/bin/wrk' : undefined;

/** wrk's text report as { requests: { average }, latency: { p50, p99 }, non2xx, errors }, as autocannon gives it. */
function parseWrk(text) {
  const number = (pattern) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  const millis = (label) => {
    const match = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(text);
    if (match === null) return Number.NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  return {
    requests: { average: number(/Requests\/sec:\s+([\d.]+)/) },
    latency: { p50: millis('50'), p99: millis('99') },
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/) || 0,
    // Connections refused or broken; a slow answer is measured, not an error (wrk waits --timeout for it).
    errors: (() => {
      const match = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
      return match === null ? 0 : Number(match[1]) + Number(match[2]) + Number(match[3]) + Number(match[4]);
    })(),
  };
}

/**
 * One measurement. wrk (C, from Debian's packages) when installed: autocannon runs in JavaScript
 * and tops out near the rate of a bare node:http server on one core, which would hide the
 * difference being measured; autocannon otherwise.
 */
function load(url) {
  if (WRK !== undefined) {
    const text = execFileSync(
      WRK,
      [
        '-t1',
        `-c${CONNECTIONS}`,
        `-d${SECONDS}s`,
        '--timeout',
        '30s',
        '--latency',
        '-H',
        'authorization: Bearer bench',
        url,
      ],
      { encoding: 'utf8' },
    );
    return parseWrk(text);
  }
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: 'Bearer bench' } });
}

const servers = [];
let port = 19400;
for (const [, kind] of CONTENDERS) {
  const base = `http://127.0.0.1:${++port}`;
  servers.push({ kind, base, child: await startServer(kind, port) });
  for (const [, path] of REQUESTS) await check(base, path);
}

// However the measurement ends, the servers go with it.
process.on('exit', () => {
  for (const server of servers) server.child.kill();
});
const best = new Map();
for (let round = 0; round < ROUNDS; round++) {
  for (const [request, path] of REQUESTS) {
    for (const server of servers) {
      const result = await load(server.base + path);
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${server.kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      const key = `${request}\n${server.kind}`;
      const previous = best.get(key);
      if (previous === undefined || result.requests.average > previous.requests.average) best.set(key, result);
    }
  }
}

const lines = [
  `Node ${process.version}, ${USERS} users, ${CONNECTIONS} connections, best of ${ROUNDS} interleaved rounds of ${SECONDS}s; server on core 0, ${WRK === undefined ? 'autocannon' : 'wrk'} on core 1${TASKSET === undefined ? ' (taskset missing: not pinned)' : ''}`,
];
for (const [request] of REQUESTS) {
  const bare = best.get(`${request}\nbare`).requests.average;
  lines.push(
    `\n### ${request}\n`,
    '| server | req/s | p50 | p99 | vs bare node:http |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const [name, kind] of CONTENDERS) {
    const r = best.get(`${request}\n${kind}`);
    lines.push(
      `| ${name} | ${Math.round(r.requests.average).toLocaleString('en-US')} | ${r.latency.p50.toFixed(2)} ms | ${r.latency.p99.toFixed(2)} ms | ${(r.requests.average / bare).toFixed(2)}× |`,
    );
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
