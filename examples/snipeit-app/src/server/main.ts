import { createServer } from 'node:http';
import { serveInWorkers } from '@scimgen/server';
import { createNodeListener, scimClientError } from '@scimgen/server/node';
import { createScim, settingsFromEnvironment } from './registry.js';

// Scaffolded by scimgen and yours to edit: later runs never overwrite this file.
const settings = settingsFromEnvironment(process.env);
// SCIM_WORKERS=N (or auto): N processes share the port, each running what follows.
await serveInWorkers(settings.workers ?? 1, async () => {
  const scim = createScim(settings);
  const server = createServer(createNodeListener(scim, { basePath: settings.basePath }));
  // Requests node:http refuses before any listener (headers too large) are answered as SCIM errors too.
  server.on('clientError', scimClientError);
  server.listen(settings.port, settings.host, () => {
    process.stdout.write(`SCIM service provider at ${settings.baseUrl}\n`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => server.close(() => process.exit(0)));
});
