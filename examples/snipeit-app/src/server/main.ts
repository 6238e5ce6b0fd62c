import { createServer } from 'node:http';
import { bind } from '@scimgen/server';
import { createNodeListener } from '@scimgen/server/node';
import { userDefinition } from '../definitions/index.js';
import { UserHandler } from './handlers/user.js';
import { createScim, settingsFromEnvironment } from './registry.js';

// Scaffolded by scimgen and yours to edit: later runs never overwrite this file. Edited for
// Snipe-IT's rules: users live in the application's tables (SNIPEIT_DATABASE, default
// data/snipeit.db), and DELETE is not supported.
const settings = settingsFromEnvironment(process.env);
const scim = createScim(settings, {
  resourceTypes: [bind(userDefinition, new UserHandler(), { delete: false })],
});
const server = createServer(createNodeListener(scim, { basePath: settings.basePath }));
server.listen(settings.port, settings.host, () => {
  process.stdout.write(`SCIM service provider at ${settings.baseUrl}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
