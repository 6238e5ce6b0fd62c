import type { ChildProcess } from 'node:child_process';

/**
 * Waits until a server process says it serves ("SCIM service provider at …") and gives back
 * how to read everything it printed; rejects, with that output, when it exits or takes too long.
 */
export async function untilServing(child: ChildProcess, timeoutMs: number): Promise<() => string> {
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('SCIM service provider at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
  return () => output;
}
