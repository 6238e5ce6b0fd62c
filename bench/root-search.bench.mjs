// Root POST /.search on the SQLite store with BENCH_USERS users (default 100,000): a page at the
// start, one in the middle and one at the end (100,000 resources in), through the server core.
// Usage: npm run bench:root-search.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { scimOnStore } from './scim-on-store.mjs';
import { openSqliteStore } from '@scimgen/stores/sqlite';
import { resourceTypeDefinitions, userResourceType } from '@scimgen-examples/acme-models';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-root-'));
try {
  const store = await openSqliteStore(
    path.join(dir, 'scim.db'),
    resourceTypeDefinitions.map((d) => d.descriptor),
    { synchronous: 'normal' },
  );
  const users = store.handler(userResourceType);
  await store.transaction(async () => {
    for (let i = 0; i < USERS; i++)
      await users.create({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `root-${i}` });
  });
  const scim = scimOnStore(store);
  const search = async (startIndex) => {
    const started = performance.now();
    const answer = await scim.handle({
      method: 'POST',
      url: '/.search',
      headers: { 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: [SEARCH], startIndex, count: 1 }),
    });
    if (answer.status !== 200 || JSON.parse(answer.body).Resources.length !== 1) throw new Error(answer.body);
    return performance.now() - started;
  };
  const middle = Math.floor(USERS / 2);
  const starts = [1, middle, USERS];
  const times = Object.fromEntries(starts.map((start) => [start, []]));
  for (let i = 0; i < SAMPLES; i++) for (const start of starts) times[start].push(await search(start));
  const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const rss = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(
    `Node ${process.version}, SQLite, ${USERS.toLocaleString('en-US')} users, median of ${SAMPLES}\n\n` +
      `| request | median |\n| --- | --: |\n` +
      starts
        .map(
          (start) =>
            `| POST /.search startIndex ${start.toLocaleString('en-US')}, count 1 | ${median(times[start]).toFixed(2)} ms |\n`,
        )
        .join('') +
      `\nend against start ${(median(times[USERS]) / median(times[1])).toFixed(1)}×, middle against start ${(median(times[middle]) / median(times[1])).toFixed(1)}×, process RSS ${rss.toFixed(0)} MiB\n`,
  );
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
