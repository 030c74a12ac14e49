// Starts server variants as child processes and keeps track of every one, so that they can all
// be stopped however the run ends.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinProcess } from './cpu-pinning.mjs';

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.mjs');
const LISTEN_TIMEOUT_MS = 15_000;
const QUERY_TIMEOUT_MS = 120_000;
const EXIT_GRACE_MS = 5_000;

const running = new Set();
let serverCore;

/** Every server started from now on is pinned to this core (undefined: not pinned). */
export function pinServersTo(core) {
  serverCore = core;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Forks bench/server.mjs for one variant and resolves once it listens. BENCH_SERVER_FLAGS adds
 * node flags to the servers only (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them).
 */
export async function startServer(variant, config = {}, env = process.env) {
  const extraFlags = (env.BENCH_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const child = fork(serverScript, [variant, JSON.stringify(config)], {
    execArgv: ['--expose-gc', ...extraFlags],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  const pending = new Map();
  let nextId = 1;
  child.on('message', (message) => {
    const answer = pending.get(message?.id);
    if (!answer) return;
    pending.delete(message.id);
    if (message.error) answer.reject(new Error(`server ${variant}: ${message.error}`));
    else answer.resolve(message.value);
  });
  child.once('exit', (code, signal) => {
    for (const answer of pending.values()) answer.reject(new Error(`server ${variant} exited (${code ?? signal})`));
    pending.clear();
  });

  const listening = new Promise((resolve, reject) => {
    child.on('message', (message) => {
      if (message?.type === 'listening') resolve(message.port);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`server ${variant} exited before listening (${code ?? signal})`)),
    );
  });
  let port;
  try {
    port = await withTimeout(listening, LISTEN_TIMEOUT_MS, `starting server ${variant}`);
    if (serverCore !== undefined) pinProcess(child.pid, serverCore);
  } catch (error) {
    await stopChild(child);
    throw error;
  }

  return {
    variant,
    port,
    ask(type, payload) {
      const id = nextId++;
      const answered = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
      child.send({ id, type, payload });
      return withTimeout(answered, QUERY_TIMEOUT_MS, `query ${type} to server ${variant}`).finally(() =>
        pending.delete(id),
      );
    },
    stop: () => stopChild(child),
  };
}

/** Asks the child to exit by closing its IPC channel; kills it if it has not gone in time. */
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

export async function stopAllServers() {
  await Promise.all([...running].map(stopChild));
}

/** For process 'exit' handlers, where nothing asynchronous runs any more. */
export function killAllServersNow() {
  for (const child of running) child.kill('SIGKILL');
}
