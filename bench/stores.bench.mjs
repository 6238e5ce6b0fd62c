// The SQL stores at scale, in one run: SQLite with 1,000,000 users and PostgreSQL with 100,000
// (BENCH_SQLITE_USERS, BENCH_POSTGRES_USERS), against evaluating the same filter in process
// over the same users. PostgreSQL: BENCH_POSTGRES_URL, else a throwaway cluster on 127.0.0.1.
// Usage: npm run bench:stores
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { listResources, parseFilter, parseAttrPath } from '@scimgen/runtime';
import { openSqliteStore } from '@scimgen/stores/sqlite';
import { openPostgresStore } from '@scimgen/stores/postgres';
import { postgresCluster } from './postgres-cluster.mjs';
import { userResourceType, groupResourceType } from '@scimgen-examples/acme-models';

const SQLITE_USERS = Number(process.env.BENCH_SQLITE_USERS ?? 1_000_000);
const POSTGRES_USERS = Number(process.env.BENCH_POSTGRES_USERS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000);
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const CONTEXT = { resourceType: 'User' };

/** A realistic user: core, enterprise and acme attributes, about 700 bytes of JSON. */
function user(i) {
  return {
    schemas: [USER, ENTERPRISE, ACME],
    userName: `User${i}@Example.com`,
    externalId: `ext-${i}`,
    name: {
      givenName: `Given${i % 1000}`,
      familyName: `Family${i % 5000}`,
      formatted: `Given${i % 1000} Family${i % 5000}`,
    },
    displayName: `Given${i % 1000} Family${i % 5000}`,
    active: i % 10 !== 0,
    emails: [
      { value: `user${i}@example.com`, type: 'work', primary: true },
      { value: `user${i}@home.example`, type: 'home' },
    ],
    [ENTERPRISE]: { employeeNumber: String(i), department: `Dept ${i % 40}`, manager: { value: `m-${i % 100}` } },
    [ACME]: { custom_field1: `value ${i % 7}`, custom_field3: i % 1000, custom_field5: i % 2 === 0 },
  };
}

const query = (overrides = {}) => ({
  filter: undefined,
  sortBy: undefined,
  sortOrder: 'ascending',
  pagination: { kind: 'index', startIndex: 1, count: 100 },
  attributes: [],
  excludedAttributes: [],
  ...overrides,
});

function percentiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p99: at(99) };
}

async function timed(samples, run) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return percentiles(times);
}

const ms = (n) => `${n.toFixed(n < 1 ? 3 : 2)} ms`;
const rows = [];
const row = (store, what, result, note = '') => {
  rows.push({ store, what, result, note });
  process.stdout.write(`${store.padEnd(22)} ${what.padEnd(52)} ${result.padEnd(28)} ${note}\n`);
};

async function load(handler, count, label) {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    await handler.create(user(i), CONTEXT);
    if (i > 0 && i % 200_000 === 0) process.stdout.write(`  ${label}: ${i} users\n`);
  }
  return count / ((performance.now() - start) / 1000);
}

async function measure(label, store, count) {
  const handler = store.handler(userResourceType);
  const rate = await load(handler, count, label);
  row(
    label,
    `create (one transaction each, ${count.toLocaleString('en')} users)`,
    `${Math.round(rate).toLocaleString('en')}/s`,
  );
  // What autovacuum does after a bulk load (counts become index-only scans), done now rather than waited for.
  if (label === 'PostgreSQL') await store.driver.pool.query('VACUUM ANALYZE');
  const random = (i) => (i * 7919) % count;
  const eqName = await timed(SAMPLES, async (i) => {
    const page = await handler.list(
      query({ filter: parseFilter(`userName eq "USER${random(i)}@example.COM"`) }),
      CONTEXT,
    );
    if (page.totalResults !== 1) throw new Error('userName eq found no user');
  });
  row(label, 'filter userName eq "…" (case-insensitive)', `p50 ${ms(eqName.p50)}, p99 ${ms(eqName.p99)}`);
  const eqExternal = await timed(SAMPLES, async (i) => {
    const page = await handler.list(query({ filter: parseFilter(`externalId eq "ext-${random(i)}"`) }), CONTEXT);
    if (page.totalResults !== 1) throw new Error('externalId eq found no user');
  });
  row(label, 'filter externalId eq "…"', `p50 ${ms(eqExternal.p50)}, p99 ${ms(eqExternal.p99)}`);
  const sortBy = parseAttrPath('userName');
  const first = await timed(Math.min(SAMPLES, 500), async () => {
    const page = await handler.list(query({ sortBy }), CONTEXT);
    if (page.resources.length !== 100) throw new Error('short page');
  });
  row(
    label,
    'page of 100, sortBy=userName, startIndex=1 (with totalResults)',
    `p50 ${ms(first.p50)}, p99 ${ms(first.p99)}`,
  );
  let cursor;
  const cursors = await timed(Math.min(SAMPLES, 500), async () => {
    const page = await handler.list(query({ sortBy, pagination: { kind: 'cursor', cursor, count: 100 } }), CONTEXT);
    cursor = page.nextCursor;
  });
  row(
    label,
    'page of 100, sortBy=userName, next cursor (with totalResults)',
    `p50 ${ms(cursors.p50)}, p99 ${ms(cursors.p99)}`,
  );
  const scan = await timed(5, async () => {
    await handler.list(query({ filter: parseFilter('name.familyName eq "family42"') }), CONTEXT);
  });
  row(label, 'filter name.familyName eq "…" (no index: a scan in SQL)', `p50 ${ms(scan.p50)}, p99 ${ms(scan.p99)}`);

  // Walking every user page by page: memory stays what one page needs.
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let seen = 0;
  cursor = undefined;
  do {
    const page = await handler.list(query({ pagination: { kind: 'cursor', cursor, count: 1000 } }), CONTEXT);
    seen += page.resources.length;
    cursor = page.nextCursor;
    peak = Math.max(peak, process.memoryUsage().rss);
  } while (cursor !== undefined);
  if (seen !== count) throw new Error(`walked ${seen} of ${count}`);
  row(
    label,
    `list all ${count.toLocaleString('en')} users in pages of 1000`,
    `RSS +${((peak - before) / 2 ** 20).toFixed(0)} MiB`,
    `(${(before / 2 ** 20).toFixed(0)} MiB before)`,
  );
  return handler;
}

/** The same filters evaluated in process over the same users, held in memory. */
function inMemory(count) {
  const label = `in memory (${count.toLocaleString('en')})`;
  const users = Array.from({ length: count }, (_, i) => ({ ...user(i), id: `id-${i}` }));
  const eq = percentiles(
    Array.from({ length: 20 }, (_, i) => {
      const start = performance.now();
      listResources(
        users,
        userResourceType,
        query({ filter: parseFilter(`userName eq "USER${(i * 7919) % count}@example.COM"`) }),
        { project: false },
      );
      return performance.now() - start;
    }),
  );
  row(
    label,
    'filter userName eq "…" (listResources: compiled filter, full scan)',
    `p50 ${ms(eq.p50)}, p99 ${ms(eq.p99)}`,
  );
  const sorted = percentiles(
    Array.from({ length: 5 }, () => {
      const start = performance.now();
      listResources(users, userResourceType, query({ sortBy: parseAttrPath('userName') }), { project: false });
      return performance.now() - start;
    }),
  );
  row(label, 'page of 100, sortBy=userName (sorts all)', `p50 ${ms(sorted.p50)}, p99 ${ms(sorted.p99)}`);
}

process.stdout.write(`node ${process.version}, ${os.cpus().length} cores\n`);
const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-sqlite-'));
try {
  const store = await openSqliteStore(path.join(dir, 'scim.db'), [userResourceType, groupResourceType], {
    synchronous: 'normal',
  });
  await measure('SQLite (normal sync)', store, SQLITE_USERS);
  await store.close();
  const durable = await openSqliteStore(path.join(dir, 'durable.db'), [userResourceType, groupResourceType]);
  const rate = await load(durable.handler(userResourceType), 5000, 'SQLite (full sync)');
  row(
    'SQLite (full sync)',
    'create (one transaction each, 5,000 users)',
    `${Math.round(rate).toLocaleString('en')}/s`,
    'the default',
  );
  await durable.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const cluster = process.env.BENCH_POSTGRES_URL === undefined ? postgresCluster() : undefined;
try {
  const store = await openPostgresStore(process.env.BENCH_POSTGRES_URL ?? cluster.url, [
    userResourceType,
    groupResourceType,
  ]);
  await measure('PostgreSQL', store, POSTGRES_USERS);
  await store.close();
} finally {
  cluster?.stop();
}
inMemory(SQLITE_USERS);
