// How late a plain setTimeout fires in this process, with nothing of ours involved. No
// middleware can reply earlier than its timers fire, so the scaling and deadline figures are
// read against these.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarize } from './stats.mjs';

/**
 * `chains` loops run side by side, each waiting `delayMs` again and again, `waits` in all:
 * several chains started together fall due together, as the deadline part's connections do.
 */
export async function measureTimerWaits({ delayMs, waits, chains = 1 }) {
  const durations = [];
  const perChain = Math.ceil(waits / chains);
  await Promise.all(
    Array.from({ length: chains }, async () => {
      for (let i = 0; i < perChain; i += 1) {
        const startedAt = performance.now();
        await sleep(delayMs);
        durations.push(performance.now() - startedAt);
      }
    }),
  );
  return { delayMs, chains, waitMs: summarize(durations), lateMs: summarize(durations.map((d) => d - delayMs)) };
}
