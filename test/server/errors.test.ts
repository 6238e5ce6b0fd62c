import { describe, expect, it } from 'vitest';
import { resourceTypeDefinitions } from '../../examples/acme-models/src/index.js';
import { MemoryResourceHandler } from '../../packages/server/src/index.js';
import { acmeServer, TEST_PROFILE } from './app.js';

const headers = { authorization: `Bearer ${TEST_PROFILE.token}` };

/** A handler whose reads fail the way a broken database connection does. */
class BrokenHandler extends MemoryResourceHandler {
  override get(): never {
    throw new Error('connect ECONNREFUSED 10.0.0.7:5432 at Pool.connect (/srv/app/node_modules/pg/lib/pool.js:45)');
  }
}

describe('an unexpected exception', () => {
  it('is a 500 with a fixed detail: no message, no stack; the error goes to onError', async () => {
    const seen: unknown[] = [];
    const server = acmeServer('http://127.0.0.1/scim/v2', {
      resourceTypes: resourceTypeDefinitions.map((definition) => ({
        definition,
        handler: new BrokenHandler(definition.descriptor),
      })),
      onError: (error) => seen.push(error),
    });
    const answer = await server.handle({ method: 'GET', url: '/Users/any', headers });
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body!)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '500',
      detail: 'the server failed to answer this request',
    });
    expect(seen).toHaveLength(1);
    expect((seen[0] as Error).message).toContain('ECONNREFUSED');
  });
});
