/**
 * Runs `work` over the items with at most `concurrency` at a time, and resolves with every
 * outcome in the items' order (settled, so one failure does not hide the others): bulk
 * provisioning at a pace the server takes.
 */
export async function inPool<T, U>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<U>,
): Promise<PromiseSettledResult<U>[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
  const results: PromiseSettledResult<U>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await work(items[index]!, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
