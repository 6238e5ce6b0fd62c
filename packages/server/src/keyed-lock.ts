/**
 * Runs work one at a time per key, in arrival order: writes to one resource inside one process
 * queue behind each other instead of racing to the database and failing its version check.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous === undefined ? mine : previous.then(() => mine);
    this.tails.set(key, tail);
    try {
      if (previous !== undefined) await previous;
      return await work();
    } finally {
      release();
      // The last in the queue leaves no entry behind.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work queued or running (for tests: nothing is left behind). */
  get size(): number {
    return this.tails.size;
  }
}
