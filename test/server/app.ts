import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { resourceTypeDefinitions, schemaDocuments } from '../../examples/acme-models/src/index.js';
import { createNodeListener, scimClientError } from '../../packages/server/src/adapters/node.js';
import { scimExpress } from '../../packages/server/src/adapters/express.js';
import { scimFastify, scimFastifyOptions } from '../../packages/server/src/adapters/fastify.js';
import {
  bearerTokenAuthentication,
  createScimServer,
  MemoryResourceHandler,
  MemorySpace,
  type ScimServer,
  type ScimServerOptions,
} from '../../packages/server/src/index.js';

export const BASE_PATH = '/scim/v2';

/** What a server under the contract suite is configured with, which the suite checks against. */
export interface ServerProfile {
  readonly limits: {
    readonly maxBodyBytes: number;
    readonly bulkMaxOperations: number;
    readonly bulkMaxPayload: number;
    readonly maxCount: number;
  };
  /** Whether /Me resolves the subject from SUBJECT_HEADER (else it answers 501). */
  readonly me: boolean;
  /** The bearer token every request needs, when the server checks one. */
  readonly token: string | undefined;
}

/** Limits small enough for the contract suite to cross them. */
export const TEST_PROFILE: ServerProfile = {
  limits: { maxBodyBytes: 64 * 1024, bulkMaxOperations: 5, bulkMaxPayload: 128 * 1024, maxCount: 50 },
  me: true,
  token: 'contract-suite-token',
};
const LIMITS = TEST_PROFILE.limits;

/** The header the test /Me resolver reads the subject from. */
export const SUBJECT_HEADER = 'x-test-subject';

export function acmeServer(baseUrl: string, overrides: Partial<ScimServerOptions> = {}): ScimServer {
  const space = new MemorySpace();
  return createScimServer({
    baseUrl,
    schemas: schemaDocuments,
    resourceTypes: resourceTypeDefinitions.map((definition) => ({
      definition,
      handler: new MemoryResourceHandler(definition.descriptor, { space }),
    })),
    maxBodyBytes: LIMITS.maxBodyBytes,
    bulk: { maxOperations: LIMITS.bulkMaxOperations, maxPayloadSize: LIMITS.bulkMaxPayload },
    list: { maxCount: LIMITS.maxCount, defaultCount: 20 },
    ...bearerTokenAuthentication([TEST_PROFILE.token!]),
    me: (request) => {
      const subject = request.headers[SUBJECT_HEADER];
      return typeof subject === 'string' ? { resourceType: 'User', id: subject } : undefined;
    },
    ...overrides,
  });
}

/** A running server: its SCIM base URL and how to stop it. */
export interface Running {
  readonly base: string;
  close(): Promise<void>;
}

/** A port nothing listens on now (loopback). */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function listen(server: Server, port: number): Promise<Running> {
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        base: `http://127.0.0.1:${port}${BASE_PATH}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

export type Adapter = 'node:http' | 'express' | 'fastify';

/** Starts the acme server on loopback behind the given adapter. */
export async function start(adapter: Adapter, overrides: Partial<ScimServerOptions> = {}): Promise<Running> {
  const port = await freePort();
  const scim = acmeServer(`http://127.0.0.1:${port}${BASE_PATH}`, overrides);
  switch (adapter) {
    case 'node:http':
      return listen(
        createHttpServer(createNodeListener(scim, { basePath: BASE_PATH })).on('clientError', scimClientError),
        port,
      );
    case 'express': {
      const app = express();
      app.use(BASE_PATH, scimExpress(scim));
      return listen(createHttpServer(app).on('clientError', scimClientError), port);
    }
    case 'fastify': {
      const app = Fastify(scimFastifyOptions);
      await app.register(scimFastify(scim), { prefix: BASE_PATH });
      await app.listen({ port, host: '127.0.0.1' });
      return { base: `http://127.0.0.1:${port}${BASE_PATH}`, close: () => app.close() };
    }
  }
}
