// One cold start in a fresh process, started by bench/scenarios/cold-start.mjs: node bench/cold-start-process.mjs
// <job JSON>. It times exactly the work of its job with performance.now() and prints one JSON line:
// - { "work": "express" }: require('express'), as an Express app's first line does;
// - { "work": "router", "packageEntry", "commands" }: require the package under test, then
//   callbackRouter({ token, logger, on }) with a handler for each `{ command, kind }` of `commands`.
// The `on` object is built before the clock starts: an app writes it as a literal.
import { createRequire } from 'node:module';
import { handlersFor } from './registry-handlers.mjs';

const require = createRequire(import.meta.url);
const TOKEN = 'bench-callback-token';

const job = JSON.parse(process.argv[2] ?? '{}');
// Silent, but a warning or an error while creating the router means the handlers are not what the
// package expects: the parent fails the run on any.
const logged = [];
const logger = {
  error: (message) => logged.push(`error: ${String(message)}`),
  warn: (message) => logged.push(`warn: ${String(message)}`),
  info() {},
  debug() {},
};

function timeExpress() {
  const startedAt = performance.now();
  const express = require('express');
  const doneAt = performance.now();
  if (typeof express !== 'function') throw new Error("require('express') did not give the express function");
  return { startedAtMs: startedAt, workMs: doneAt - startedAt };
}

function timeRouter() {
  const on = handlersFor(job.commands);
  const startedAt = performance.now();
  const { callbackRouter } = require(job.packageEntry);
  const requiredAt = performance.now();
  const router = callbackRouter({ token: TOKEN, logger, on });
  const createdAt = performance.now();
  if (typeof router !== 'function' || typeof router.fetch !== 'function') {
    throw new Error('callbackRouter did not give a middleware with fetch');
  }
  return {
    startedAtMs: startedAt,
    workMs: createdAt - startedAt,
    requireMs: requiredAt - startedAt,
    createMs: createdAt - requiredAt,
    handlers: Object.keys(on).length,
  };
}

const WORK = { express: timeExpress, router: timeRouter };
const work = WORK[job.work];
if (!work) throw new Error(`cold-start-process: unknown work ${JSON.stringify(job.work)}`);
const result = work();
// Exits once the line is out, so a timer the package may leave running cannot hold the process.
process.stdout.write(`${JSON.stringify({ ...result, logged })}\n`, () => process.exit(0));
