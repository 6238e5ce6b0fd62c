import Fastify from 'fastify';
import { scimFastify, scimFastifyOptions } from '@scimgen/server/fastify';
import { createScim, settingsFromEnvironment } from './registry.js';

// Scaffolded by scimgen and yours to edit: later runs never overwrite this file.
const settings = settingsFromEnvironment(process.env);
const app = Fastify(scimFastifyOptions);
await app.register(scimFastify(createScim(settings)), { prefix: settings.basePath });
await app.listen({ port: settings.port, host: settings.host });
process.stdout.write(`SCIM service provider at ${settings.baseUrl}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void app.close().then(() => process.exit(0)));
