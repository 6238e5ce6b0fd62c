import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fs.js';
import { client, type Answer, type Call } from '../server/client.js';
import { SKELETON_PROFILE, startSkeleton, type Skeleton } from '../server/skeleton.js';
import { BACKENDS, postgresBackend, type Backend } from './backends.js';
import { GROUP, USER } from './data.js';

const ACME_SERVER = path.join(REPO_ROOT, 'examples/acme-server');
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const statuses = (answers: readonly Answer[]) => answers.map((a) => a.status).sort((a, b) => a - b);
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/**
 * The concurrency suite between servers: `calls` are clients of different server processes on one
 * database (or of one server's workers); requests alternate between them.
 */
function concurrencySuite(label: string, clients: () => readonly Call[]): void {
  describe(label, () => {
    const on = (i: number) => clients()[i % clients().length]!;

    it('32 creates of one userName: exactly one 201, the rest 409 uniqueness', async () => {
      const answers = await Promise.all(
        times(32, (i) => on(i)('POST', '/Users', { body: { schemas: [USER], userName: `${label}-one-name` } })),
      );
      expect(statuses(answers)).toEqual([201, ...times(31, () => 409)]);
      expect(answers.filter((a) => a.status === 409).every((a) => a.json.scimType === 'uniqueness')).toBe(true);
    });

    it('32 If-Match PATCHes of one version: exactly one 200, the rest 412', async () => {
      const user = await on(0)('POST', '/Users', { body: { schemas: [USER], userName: `${label}-if-match` } });
      const etag = user.headers.get('etag')!;
      const answers = await Promise.all(
        times(32, (i) =>
          on(i)('PATCH', `/Users/${user.json.id}`, {
            headers: { 'if-match': etag },
            body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: `v${i}` }] },
          }),
        ),
      );
      expect(statuses(answers)).toEqual([200, ...times(31, () => 412)]);
    });

    it('32 member adds without If-Match: all 200, and the group holds all 32', async () => {
      const group = await on(0)('POST', '/Groups', { body: { schemas: [GROUP], displayName: `${label}-crowd` } });
      const members: string[] = [];
      for (let i = 0; i < 32; i++)
        members.push(
          (await on(i)('POST', '/Users', { body: { schemas: [USER], userName: `${label}-member-${i}` } })).json.id,
        );
      const answers = await Promise.all(
        members.map((value, i) =>
          on(i)('PATCH', `/Groups/${group.json.id}`, {
            body: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value }] }] },
          }),
        ),
      );
      expect(statuses(answers)).toEqual(times(32, () => 200));
      const read = await on(1)('GET', `/Groups/${group.json.id}`);
      expect((read.json.members as { value: string }[]).map((m) => m.value).sort()).toEqual([...members].sort());
    });

    it('a cursor one process issued is accepted by the other', async () => {
      const first = await on(0)('GET', '/Users?count=2&cursor=&sortBy=userName');
      expect(typeof first.json.nextCursor).toBe('string');
      const next = await on(1)(
        'GET',
        `/Users?count=2&sortBy=userName&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      );
      expect(next.status).toBe(200);
      const again = await on(0)(
        'GET',
        `/Users?count=2&sortBy=userName&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      );
      // The same page from either process (meta.location names each one's own port).
      const ids = (a: Answer) => (a.json.Resources as { id: string }[]).map((r) => r.id);
      expect(ids(next)).toEqual(ids(again));
      expect(ids(next)).toHaveLength(2);
      expect(ids(next)).not.toContain(ids(first)[0]);
    });
  });
}

describe('two server processes on one PostgreSQL database', () => {
  const backend = postgresBackend();
  const servers: Skeleton[] = [];
  let url: string;

  beforeAll(async () => {
    url = await backend.databaseUrl();
    // One after the other: the second finds the migrations applied.
    servers.push(await startSkeleton(ACME_SERVER, { DATABASE_URL: url }));
    servers.push(await startSkeleton(ACME_SERVER, { DATABASE_URL: url }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await backend.drop();
  });

  concurrencySuite('between the two', () => servers.slice(0, 2).map((s) => client(s.base, SKELETON_PROFILE.token)));

  it('kill -9 of one process during writes loses nothing it acknowledged', async () => {
    const victim = await startSkeleton(ACME_SERVER, { DATABASE_URL: url });
    const call = client(victim.base, SKELETON_PROFILE.token);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const answer = await call('POST', '/Users', { body: { schemas: [USER], userName: `crash-${w}-${i}` } });
          if (answer.status === 201) acknowledged.push(answer.json.id);
        } catch {
          return; // The connection died with the process: that write was never acknowledged.
        }
      }
    };
    const writers = times(4, writer);
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 5));
    await victim.kill();
    stop = true;
    await Promise.all(writers);
    const survivor = client(servers[0]!.base, SKELETON_PROFILE.token);
    const found = await survivor('GET', '/Users?filter=userName sw "crash-"&count=1000&attributes=id');
    const stored = new Set((found.json.Resources as { id: string }[]).map((r) => r.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
  });
});

for (const make of BACKENDS) {
  describe(`SCIM_WORKERS=2 on ${make().name}`, () => {
    let backend: Backend;
    let server: Skeleton;

    beforeAll(async () => {
      backend = make();
      server = await startSkeleton(ACME_SERVER, { DATABASE_URL: await backend.databaseUrl(), SCIM_WORKERS: '2' });
      // Both workers listen (each says so) before the suite runs.
      for (let i = 0; i < 200 && server.output().split('SCIM service provider at').length < 3; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(server.output().split('SCIM service provider at').length).toBe(3);
    });
    afterAll(async () => {
      await server.close();
      await backend.drop();
    });

    concurrencySuite('across the workers', () => [client(server.base, SKELETON_PROFILE.token)]);
  });
}
