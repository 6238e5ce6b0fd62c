import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userResourceType } from '../../examples/acme-models/src/index.js';
import { ScimError } from '../../packages/runtime/src/index.js';
import type { SqlResourceHandler, SqlStore } from '../../packages/stores/src/index.js';
import { ACME_DESCRIPTORS } from './serve.js';
import { BACKENDS } from './backends.js';
import { USER } from './data.js';

const context = { resourceType: 'User' } as never;

for (const make of BACKENDS) {
  const backend = make();
  afterAll(() => backend.drop());

  describe(`an optimistic unit of work on ${backend.name}`, () => {
    let store: SqlStore;
    let users: SqlResourceHandler;
    // PostgreSQL leaves the savepoints out and runs the unit again when one was needed; SQLite's
    // savepoints cost no round trip, so it always has them and runs each unit once.
    const againWhenNeeded = backend.name === 'PostgreSQL' ? 2 : 1;
    beforeAll(async () => {
      store = await backend.open(ACME_DESCRIPTORS);
      users = store.handler(userResourceType);
    });

    /**
     * Runs `step` as a nested unit (a /Bulk operation), giving its SCIM error back as the server
     * does; anything else (the store asking to run the unit again) goes on up.
     */
    const operation = (step: () => Promise<unknown>) =>
      store.transaction(step).then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof ScimError) return error;
          throw error;
        },
      );

    const userNamed = async (userName: string) =>
      (
        await users.list({
          filter: { kind: 'compare', op: 'eq', path: { segments: ['userName'] }, value: userName },
          sortBy: undefined,
          sortOrder: 'ascending',
          pagination: { kind: 'index', startIndex: 1, count: 10 },
          attributes: [],
          excludedAttributes: [],
        } as never)
      ).resources;

    it('runs once when nothing has to be undone, and a create of a taken value is a 409 that needs no undoing', async () => {
      let runs = 0;
      const failures = await store.transaction(
        async () => {
          runs++;
          const first = await operation(() => users.create({ schemas: [USER], userName: 'opt-a' }));
          const taken = await operation(() => users.create({ schemas: [USER], userName: 'OPT-A' }));
          const second = await operation(() => users.create({ schemas: [USER], userName: 'opt-b' }));
          return [first, taken, second];
        },
        { optimistic: true },
      );
      expect(runs).toBe(1);
      expect(failures[0]).toBeUndefined();
      expect(failures[1]).toBeInstanceOf(ScimError);
      expect((failures[1] as ScimError).status).toBe(409);
      expect((failures[1] as ScimError).message).toContain('userName "OPT-A" is already taken');
      expect(failures[2]).toBeUndefined();
      expect((await userNamed('opt-a')).length + (await userNamed('opt-b')).length).toBe(2);
    });

    it('runs again with savepoints when an operation wrote and then failed, undoing only that operation', async () => {
      let runs = 0;
      await store.transaction(
        async () => {
          runs++;
          await operation(() => users.create({ schemas: [USER], userName: 'opt-kept' }));
          const undone = await operation(async () => {
            await users.create({ schemas: [USER], userName: 'opt-undone' });
            throw new ScimError(400, 'this operation fails after writing');
          });
          expect(undone).toBeInstanceOf(ScimError);
        },
        { optimistic: true },
      );
      expect(runs).toBe(againWhenNeeded);
      expect(await userNamed('opt-kept')).toHaveLength(1);
      expect(await userNamed('opt-undone')).toHaveLength(0);
    });

    it('runs again when a statement failed (a unique index refusing an update), and commits what the rest did', async () => {
      const [holder, mover] = [
        await users.create({ schemas: [USER], userName: 'opt-holder' }),
        await users.create({ schemas: [USER], userName: 'opt-mover' }),
      ];
      let runs = 0;
      await store.transaction(
        async () => {
          runs++;
          const refused = await operation(() =>
            users.replace(mover.id, { schemas: [USER], userName: 'opt-holder' } as never, context),
          );
          expect((refused as ScimError).status).toBe(409);
          await operation(() => users.create({ schemas: [USER], userName: 'opt-after' }));
        },
        { optimistic: true },
      );
      expect(runs).toBe(againWhenNeeded);
      expect((await users.get(holder.id))?.['userName']).toBe('opt-holder');
      expect((await users.get(mover.id))?.['userName']).toBe('opt-mover');
      expect(await userNamed('opt-after')).toHaveLength(1);
    });

    it('without optimistic, runs once with a savepoint per operation', async () => {
      let runs = 0;
      await store.transaction(async () => {
        runs++;
        await operation(async () => {
          await users.create({ schemas: [USER], userName: 'plain-undone' });
          throw new ScimError(400, 'fails after writing');
        });
      });
      expect(runs).toBe(1);
      expect(await userNamed('plain-undone')).toHaveLength(0);
    });
  });
}
