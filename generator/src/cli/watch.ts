import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from './logger.js';

/**
 * Re-runs `onChange` after inputs change, debounced so an editor's save burst causes one run,
 * and never two runs at once. Resolves when the process receives SIGINT or SIGTERM.
 */
export function watchInputs(
  paths: readonly string[],
  logger: Logger,
  onChange: () => Promise<void>,
  debounceMs = 100,
): Promise<void> {
  return new Promise((resolve) => {
    const watchers: FSWatcher[] = [];
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let again = false;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        await onChange();
      } catch (error) {
        logger.error((error as Error).message);
      } finally {
        running = false;
        if (again) {
          again = false;
          void run();
        }
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), debounceMs);
    };
    for (const p of paths) {
      try {
        watchers.push(watch(p, { recursive: true }, schedule));
      } catch (error) {
        logger.error(`cannot watch ${p}: ${(error as Error).message}`);
      }
    }
    logger.info(`watching ${paths.length} path(s) for changes; Ctrl-C to stop`);
    const stop = () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
