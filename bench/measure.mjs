// Shared timing for the side-by-side benchmarks: interleaved rounds, best round kept.
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** Calls per second of fn, run for about SECONDS after a short warm-up. */
export function rate(fn) {
  for (const end = performance.now() + 200; performance.now() < end;) fn();
  let n = 0;
  const start = performance.now();
  for (const end = start + SECONDS * 1000; performance.now() < end; n++) fn();
  return n / ((performance.now() - start) / 1000);
}

/**
 * Measures every entry `rounds` times (ROUNDS unless given), interleaved (A B C A B C …), and keeps each one's best
 * round: on a shared, noisy machine the best of interleaved rounds is the fairest comparison.
 * An entry is [name, fn, scale]: scale multiplies calls/s (items per call).
 */
export function measure(entries, rounds = ROUNDS) {
  const best = entries.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    entries.forEach(([, fn, scale = 1], k) => {
      best[k] = Math.max(best[k], rate(fn) * scale);
    });
  }
  return entries.map(([name], k) => [name, best[k]]);
}

export const fmt = (x) =>
  x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(1);

/** A Markdown table of results with each row's ratio to the reference row. */
export function table(title, unit, results, reference) {
  const base = results.find(([name]) => name === reference)[1];
  return [
    `\n### ${title}\n`,
    `| implementation | ${unit} | vs ${reference} |`,
    '| --- | ---: | ---: |',
    ...results.map(([name, value]) => `| ${name} | ${fmt(value)} | ${(value / base).toFixed(2)}× |`),
  ].join('\n');
}
