import cluster from 'node:cluster';
import os from 'node:os';

/**
 * The number of server processes SCIM_WORKERS asks for: a positive integer, or "auto" for one
 * per core this process may use. Unset means one process (no workers).
 */
export function readWorkerCount(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  if (value === 'auto') return os.availableParallelism();
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 1 || count > 256)
    throw new Error(`SCIM_WORKERS is a number of processes (1 to 256) or "auto", not ${JSON.stringify(value)}`);
  return count;
}

/**
 * Runs `serve` in `count` worker processes sharing one listening port (node:cluster), so every
 * core answers requests; with a count of 1, or inside a worker, runs it here. Each worker opens
 * its own store: PostgreSQL and SQLite (WAL, busy timeout) both take writers from several
 * processes, and every write is checked against the version it read. A worker that dies is
 * replaced; SIGINT or SIGTERM stops them all, and then the primary.
 */
export async function serveInWorkers(count: number, serve: () => Promise<void>): Promise<void> {
  if (count <= 1 || !cluster.isPrimary) return serve();
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(`SCIM worker ${worker.process.pid} stopped (${signal ?? code}); starting another\n`);
    fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) process.exit(0);
      for (const worker of workers) worker?.process.kill(signal);
    });
}
