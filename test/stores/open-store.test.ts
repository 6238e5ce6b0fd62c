import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupResourceType, userResourceType } from '../../examples/acme-models/src/index.js';
import { openStore, type StoreDatabase } from '../../packages/stores/src/index.js';

const DESCRIPTORS = [userResourceType, groupResourceType];

describe('openStore refuses what the application was not built for, saying what to set', () => {
  const cases: { url: string | undefined; database: StoreDatabase; message: string }[] = [
    {
      url: undefined,
      database: 'postgres',
      message: 'this server keeps its data in PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/database',
    },
    {
      url: '',
      database: 'postgres',
      message: 'this server keeps its data in PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/database',
    },
    {
      url: 'sqlite:data/x.db',
      database: 'postgres',
      message: 'this server keeps its data in PostgreSQL: DATABASE_URL must start with postgres:// or postgresql://',
    },
    {
      url: 'postgres://u:p@127.0.0.1:1/db',
      database: 'sqlite',
      message:
        'this server keeps its data in SQLite: DATABASE_URL names PostgreSQL, which it was not generated for (unset DATABASE_URL, or set sqlite:<file>)',
    },
    {
      url: 'mysql://127.0.0.1/db',
      database: 'sqlite',
      message: 'DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got mysql:…)',
    },
  ];
  it.each(cases)('$url with database $database', async ({ url, database, message }) => {
    await expect(openStore(url, DESCRIPTORS, { database })).rejects.toThrow(message);
  });

  const dir = mkdtemp(path.join(os.tmpdir(), 'scimgen-open-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));
  it('opens the database it was built for', async () => {
    const store = await openStore(`sqlite:${path.join(await dir, 'scim.db')}`, DESCRIPTORS, { database: 'sqlite' });
    await store.close();
  });
});
