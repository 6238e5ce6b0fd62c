import Fastify from 'fastify';
import { serveInWorkers } from '@scimgen/server';
import { scimFastify, scimFastifyOptions } from '@scimgen/server/fastify';
import { createScim, openResourceStore, settingsFromEnvironment } from './registry.js';

// Scaffolded by scimgen and yours to edit: later runs never overwrite this file.
const settings = settingsFromEnvironment(process.env);
// SCIM_WORKERS=N (or auto): N processes share the port, each running what follows.
await serveInWorkers(settings.workers ?? 1, async () => {
  const store = await openResourceStore(process.env);
  const app = Fastify(scimFastifyOptions);
  await app.register(scimFastify(createScim(settings, store)), { prefix: settings.basePath });
  await app.listen({ port: settings.port, host: settings.host });
  process.stdout.write(`SCIM service provider at ${settings.baseUrl}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(
      signal,
      () =>
        void app
          .close()
          .then(() => store.close())
          .then(() => process.exit(0)),
    );
});
