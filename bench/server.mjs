// One server variant in its own process, so the load generator never competes with it for the
// same event loop. Usage (from bench/server-process.mjs): node --expose-gc bench/server.mjs
// <variant> [<config JSON>]. It listens on 127.0.0.1, on a port the OS picks, and reports that
// port and answers questions (CPU time, heap after GC) over the IPC channel.
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import { createCountingLogger } from './counting-logger.mjs';
import { createVariant } from './server-variants.mjs';
import { measureTimerWaits } from './timer-floor.mjs';

if (typeof process.send !== 'function') {
  console.error('bench/server.mjs is started by bench/run.mjs, which talks to it over IPC.');
  process.exit(2);
}

const [variantName, configJson = '{}'] = process.argv.slice(2);
const { logger, summary: logSummary } = createCountingLogger();
const variant = createVariant(variantName, { logger, config: JSON.parse(configJson) });

function heapAfterGc() {
  if (typeof globalThis.gc !== 'function') throw new Error('start the server with --expose-gc');
  // Twice: the first pass can leave objects that only a second one finds unreachable.
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, heapTotal, rss, external, arrayBuffers } = process.memoryUsage();
  return { heapUsed, heapTotal, rss, external, arrayBuffers };
}

// The CPU profiler, started and stopped over IPC so a profile leaves out start-up and warm-up.
let profiler;

async function startProfile({ samplingIntervalMicros }) {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: samplingIntervalMicros });
  await profiler.post('Profiler.start');
}

async function stopProfile() {
  const { profile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  return profile;
}

const queries = {
  cpu: () => process.cpuUsage(),
  heap: () => heapAfterGc(),
  log: () => logSummary(),
  'timer-waits': (options) => measureTimerWaits(options),
  'profile-start': startProfile,
  'profile-stop': stopProfile,
  ...variant.queries,
};

process.on('message', async (message) => {
  const query = queries[message?.type];
  try {
    if (!query) throw new Error(`unknown query ${JSON.stringify(message?.type)}`);
    process.send({ id: message.id, value: await query(message.payload ?? {}) });
  } catch (error) {
    process.send({ id: message.id, error: String(error?.stack ?? error) });
  }
});

// The parent going away (normally or not) ends this process; exiting normally, rather than
// being killed, also lets --cpu-prof write its profile.
process.on('disconnect', () => process.exit(0));

const server = http.createServer(variant.handler);
server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'listening', port: server.address().port });
});
