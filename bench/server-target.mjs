// One server under load for bench/server.bench.mjs, in its own process (pinned to one core by the
// caller). Usage: node bench/server-target.mjs <contender> <port> <users>
import { createServer } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { createScimServer, MemoryResourceHandler } from '../packages/server/dist/index.js';
import { createNodeListener } from '../packages/server/dist/adapters/node.js';
import { scimExpress } from '../packages/server/dist/adapters/express.js';
import { scimFastify, scimFastifyOptions } from '../packages/server/dist/adapters/fastify.js';
import { resourceTypeDefinitions, schemaDocuments } from '../examples/acme-models/dist/index.js';

const [contender, portText, countText] = process.argv.slice(2);
const port = Number(portText);
const count = Number(countText);
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** The same users for every contender: what an IdP creates for a new hire. */
const user = (i) => ({
  schemas: [CORE],
  userName: `user${i}@example.com`,
  name: { givenName: 'User', familyName: `Number ${i}` },
  displayName: `User ${i}`,
  active: true,
  emails: [{ value: `user${i}@example.com`, type: 'work', primary: true }],
});

function listen(server) {
  server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
}

/** scimgen's server on the acme definitions, users loaded through its own handler; prints the ids. */
function scimgen() {
  const handlers = new Map();
  const scim = createScimServer({
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    // The peers check no credentials either.
    auth: 'none',
    schemas: schemaDocuments,
    resourceTypes: resourceTypeDefinitions.map((definition) => {
      // Sequential ids, so every contender serves the same URLs.
      let next = 0;
      const handler = new MemoryResourceHandler(definition.descriptor, { newId: () => `id-${next++}` });
      handlers.set(definition.descriptor.name, handler);
      return { definition, handler };
    }),
  });
  for (let i = 0; i < count; i++) handlers.get('User').create(user(i));
  return scim;
}

switch (contender) {
  case 'bare': {
    // The floor: a Map lookup and JSON.stringify, no SCIM at all.
    const users = new Map();
    for (let i = 0; i < count; i++) users.set(`id-${i}`, { ...user(i), id: `id-${i}` });
    const byName = new Map([...users.values()].map((u) => [u.userName, u]));
    listen(
      createServer((request, response) => {
        const url = request.url;
        let body;
        if (url.startsWith('/scim/v2/Users/')) body = users.get(url.slice('/scim/v2/Users/'.length));
        else {
          const name = /userName eq "([^"]*)"/.exec(decodeURIComponent(url))?.[1];
          const found = byName.get(name);
          body = {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
            totalResults: found ? 1 : 0,
            Resources: found ? [found] : [],
          };
        }
        const text = JSON.stringify(body);
        response.writeHead(body === undefined ? 404 : 200, {
          'content-type': 'application/scim+json',
          'content-length': Buffer.byteLength(text ?? ''),
        });
        response.end(text);
      }),
    );
    break;
  }
  case 'bare-express': {
    // Express's own ceiling: the same Map lookup in an Express route.
    const users = new Map();
    for (let i = 0; i < count; i++) users.set(`id-${i}`, { ...user(i), id: `id-${i}` });
    const byName = new Map([...users.values()].map((u) => [u.userName, u]));
    const app = express();
    const send = (response, body) =>
      response
        .status(body === undefined ? 404 : 200)
        .type('application/scim+json')
        .send(JSON.stringify(body));
    app.get('/scim/v2/Users/:id', (request, response) => send(response, users.get(request.params.id)));
    app.get('/scim/v2/Users', (request, response) => {
      const found = byName.get(/userName eq "([^"]*)"/.exec(String(request.query.filter))?.[1]);
      send(response, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: found ? 1 : 0,
        Resources: found ? [found] : [],
      });
    });
    listen(createServer(app));
    break;
  }
  case 'scimgen-node':
    listen(createServer(createNodeListener(scimgen(), { basePath: '/scim/v2' })));
    break;
  case 'scimgen-express': {
    const app = express();
    app.use('/scim/v2', scimExpress(scimgen()));
    listen(createServer(app));
    break;
  }
  case 'scimgen-fastify': {
    const app = Fastify(scimFastifyOptions);
    await app.register(scimFastify(scimgen()), { prefix: '/scim/v2' });
    await app.listen({ port, host: '127.0.0.1' });
    process.stdout.write('ready\n');
    break;
  }
  case 'scimmy-routers': {
    const users = new Map();
    for (let i = 0; i < count; i++) users.set(`id-${i}`, { ...user(i), id: `id-${i}` });
    SCIMMY.Resources.declare(SCIMMY.Resources.User)
      .egress((resource) => {
        if (resource.id !== undefined) return users.get(resource.id);
        const all = [...users.values()];
        return resource.filter !== undefined ? resource.filter.match(all) : all;
      })
      .ingress(() => {
        throw new SCIMMY.Types.Error(501, null, 'read-only benchmark');
      })
      .degress(() => {
        throw new SCIMMY.Types.Error(501, null, 'read-only benchmark');
      });
    const app = express();
    app.use('/scim/v2', new SCIMMYRouters({ type: 'bearer', handler: () => 'bench', context: () => ({}) }));
    listen(createServer(app));
    break;
  }
  default:
    throw new Error(`unknown contender ${contender}`);
}
process.on('SIGTERM', () => process.exit(0));
