// One-member PATCHes on large groups, through the server core on the SQLite store: the full path
// (the group read with every member, patched, validated and answered with 200), the same with
// excludedAttributes=members, and the members-only path (204, the member list never read).
// Usage: npm run bench:members (BENCH_MEMBERS sizes, BENCH_SAMPLES PATCHes per size and path).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { scimOnStore } from './scim-on-store.mjs';
import { openSqliteStore } from '@scimgen/stores/sqlite';
import { resourceTypeDefinitions, groupResourceType } from '@scimgen-examples/acme-models';

const SIZES = (process.env.BENCH_MEMBERS ?? '1000,10000,100000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const PATHS = [
  ['full: 200 with the group', '', {}],
  ['full: 200, excludedAttributes=members', '?excludedAttributes=members', {}],
  ['members only: 204 (Prefer: return=minimal)', '', { prefer: 'return=minimal' }],
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-members-'));
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (x) => `${x.toFixed(2)} ms`;
try {
  const store = await openSqliteStore(
    path.join(dir, 'scim.db'),
    resourceTypeDefinitions.map((d) => d.descriptor),
  );
  const scim = scimOnStore(store);
  const groups = store.handler(groupResourceType);
  const lines = [
    `Node ${process.version}, SQLite (synchronous full), ${SAMPLES} PATCHes per size and path, interleaved`,
    '',
    '| members | path | median | p99 | PATCHes/s |',
    '| ------: | ---- | -----: | --: | --------: |',
  ];
  for (const size of SIZES) {
    const members = Array.from({ length: size }, (_, i) => ({ value: `user-${i}`, type: 'User' }));
    const group = await groups.create(
      { schemas: [GROUP], displayName: `Size ${size}`, members },
      { resourceType: 'Group' },
    );
    const times = PATHS.map(() => []);
    for (let i = 0; i < SAMPLES; i++) {
      for (const [k, [, query, headers]] of PATHS.entries()) {
        // Add a member, then take it out again: the group keeps its size.
        for (const op of ['add', 'remove']) {
          const Operations =
            op === 'add'
              ? [{ op, path: 'members', value: [{ value: `new-${k}-${i}`, type: 'User' }] }]
              : [{ op, path: `members[value eq "new-${k}-${i}"]` }];
          const started = performance.now();
          const answer = await scim.handle({
            method: 'PATCH',
            url: `/Groups/${group.id}${query}`,
            headers: { 'content-type': 'application/scim+json', ...headers },
            body: JSON.stringify({ schemas: [PATCH_OP], Operations }),
          });
          times[k].push(performance.now() - started);
          if (answer.status !== 200 && answer.status !== 204)
            throw new Error(`PATCH answered ${answer.status}: ${answer.body}`);
        }
      }
    }
    for (const [k, [name]] of PATHS.entries()) {
      const sorted = times[k].sort((a, b) => a - b);
      const median = quantile(sorted, 0.5);
      lines.push(
        `| ${size.toLocaleString('en-US')} | ${name} | ${ms(median)} | ${ms(quantile(sorted, 0.99))} | ${Math.round(1000 / median).toLocaleString('en-US')} |`,
      );
    }
    await groups.delete(group.id, { resourceType: 'Group' });
  }
  await store.close();
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
