/**
 * The identity providers' provisioning flows (idp-corpus.ts), replayed over HTTP against a
 * server configured with each provider's profile.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { start, TEST_PROFILE, type Running } from './app.js';
import { client, type Call } from './client.js';
import { FLOWS, replayStep } from './idp-corpus.js';

describe.each(FLOWS)('$provider provisioning flow, with its profile', (flow) => {
  let running: Running;
  let call: Call;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    running = await start('node:http', { profile: flow.profile });
    call = client(running.base, TEST_PROFILE.token);
  });
  afterAll(() => running.close());

  it.each(flow.steps)('$what', (step) => replayStep(call, step, ids));
});
