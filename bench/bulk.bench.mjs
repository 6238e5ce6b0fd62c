// /Bulk of 1,000 creates on the SQL stores, side by side in one run: in one transaction (the
// server's `transaction` option: optimistic, as generated servers run it, and with a savepoint per
// operation), with a commit per operation (as before), and the same creates sent as single requests, one at a time and 16 at once.
// SQLite with synchronous=FULL (the default), PostgreSQL with fsync on (BENCH_POSTGRES_URL, else
// a throwaway cluster). Usage: npm run bench:bulk (BENCH_BULK_OPERATIONS, BENCH_ROUNDS).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { scimOnStore } from './scim-on-store.mjs';
import { openSqliteStore } from '@scimgen/stores/sqlite';
import { openPostgresStore } from '@scimgen/stores/postgres';
import { resourceTypeDefinitions } from '@scimgen-examples/acme-models';
import { postgresCluster } from './postgres-cluster.mjs';

const OPERATIONS = Number(process.env.BENCH_BULK_OPERATIONS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const headers = { 'content-type': 'application/scim+json' };

const user = (tag, i) => ({
  schemas: [USER],
  userName: `${tag}-${i}@example.com`,
  name: { givenName: 'Bulk', familyName: `User ${i}` },
  emails: [{ value: `${tag}-${i}@example.com`, type: 'work', primary: true }],
  active: true,
});

/** The server core on the store: a /Bulk request with a commit per operation, or in one transaction. */
function server(store, unit) {
  return scimOnStore(store, {
    bulk: { maxOperations: OPERATIONS, maxPayloadSize: 16 * 1024 * 1024 },
    ...(unit === 'none'
      ? {}
      : { transaction: (work) => store.transaction(work, { optimistic: unit === 'optimistic' }) }),
  });
}

async function bulk(scim, tag) {
  const body = JSON.stringify({
    schemas: [BULK],
    Operations: Array.from({ length: OPERATIONS }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `b${i}`,
      data: user(tag, i),
    })),
  });
  const answer = await scim.handle({ method: 'POST', url: '/Bulk', headers, body });
  const operations = JSON.parse(answer.body).Operations;
  if (answer.status !== 200 || operations.some((o) => o.status !== '201'))
    throw new Error(`the bulk request failed: ${answer.body.slice(0, 300)}`);
}

async function singles(scim, tag, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next < OPERATIONS) {
      const i = next++;
      const answer = await scim.handle({ method: 'POST', url: '/Users', headers, body: JSON.stringify(user(tag, i)) });
      if (answer.status !== 201) throw new Error(`POST answered ${answer.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const CONTENDERS = [
  ['/Bulk, one transaction (optimistic: savepoints only when needed)', (stores, tag) => bulk(stores.optimistic, tag)],
  ['/Bulk, one transaction (savepoint per operation)', (stores, tag) => bulk(stores.transactional, tag)],
  ['/Bulk, a commit per operation (before)', (stores, tag) => bulk(stores.plain, tag)],
  ['single POSTs, one at a time', (stores, tag) => singles(stores.plain, tag, 1)],
  ['single POSTs, 16 at once', (stores, tag) => singles(stores.plain, tag, 16)],
];

async function measure(label, store) {
  const stores = {
    optimistic: server(store, 'optimistic'),
    transactional: server(store, 'savepoints'),
    plain: server(store, 'none'),
  };
  const best = CONTENDERS.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++)
    for (const [k, [, run]] of CONTENDERS.entries()) {
      const started = performance.now();
      await run(stores, `${label.slice(0, 2)}-${round}-${k}`);
      best[k] = Math.min(best[k], performance.now() - started);
    }
  // Against a commit per operation: how /Bulk ran before it had a transaction.
  const base = best[2];
  for (const [k, [name]] of CONTENDERS.entries())
    process.stdout.write(
      `| ${label} | ${name} | ${Math.round(best[k]).toLocaleString('en-US')} ms | ${Math.round((OPERATIONS * 1000) / best[k]).toLocaleString('en-US')} | ${(base / best[k]).toFixed(1)}× |\n`,
    );
}

process.stdout.write(
  `Node ${process.version}, ${os.availableParallelism()} cores, ${OPERATIONS} creates, best of ${ROUNDS} interleaved rounds\n\n`,
);
process.stdout.write(
  '| store | how | time | creates/s | against a commit per operation |\n| --- | --- | --: | --: | --: |\n',
);
const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-bulk-'));
try {
  const store = await openSqliteStore(
    path.join(dir, 'scim.db'),
    resourceTypeDefinitions.map((d) => d.descriptor),
  );
  await measure('SQLite (synchronous full)', store);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const cluster = process.env.BENCH_POSTGRES_URL === undefined ? postgresCluster() : undefined;
try {
  const store = await openPostgresStore(
    process.env.BENCH_POSTGRES_URL ?? cluster.url,
    resourceTypeDefinitions.map((d) => d.descriptor),
  );
  await measure('PostgreSQL (fsync on)', store);
  await store.close();
} finally {
  cluster?.stop();
}
