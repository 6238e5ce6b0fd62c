/**
 * The identity providers' provisioning flows (idp-corpus.ts), every one replayed over HTTP
 * against the server `npm start` runs (examples/acme-server, SQLite, its default settings):
 * lenient in by default, it answers each as the provider expects.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fs.js';
import { client, type Call } from './client.js';
import { FLOWS, replayStep } from './idp-corpus.js';
import { SKELETON_PROFILE, startSkeleton, type Skeleton } from './skeleton.js';

let running: Skeleton;
let call: Call;
beforeAll(async () => {
  running = await startSkeleton(path.join(REPO_ROOT, 'examples/acme-server'));
  call = client(running.base, SKELETON_PROFILE.token);
});
afterAll(() => running.close());

describe.each(FLOWS)('$provider against the default npm start server', (flow) => {
  const ids = new Map<string, string>();
  it.each(flow.steps)('$what', (step) => replayStep(call, step, ids));
});
