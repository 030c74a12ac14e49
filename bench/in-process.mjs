// A quick A/B of builds in one process, for choosing between two versions of a change before a
// full `npm run bench`. On a shared, noisy machine, two server processes measured minutes apart
// can differ by more than the change; two builds called alternately in one process cannot drift
// apart that way. It leaves out the socket, node's HTTP parser and the reply's system call, so its
// figures are smaller than BENCHMARKS.md's and never go there; only the difference between builds
// means something.
//
//   [IN_PROCESS_DECIDE=async] node bench/in-process.mjs [subscribers] [build directory ...]
//
// A build directory is a copy of dist/ (`cp -r dist /tmp/before`, change, `npm run build`, then
// `node bench/in-process.mjs 10 /tmp/before dist`). With no directory, dist/ is measured.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  COMMAND,
  SDK_APP_ID,
  TOKEN,
  callbackBody,
  expectedReplyFor,
  isAllowed,
  signedUrl,
} from './callback-request.mjs';
import { createVariant } from './server-variants.mjs';

const require = createRequire(import.meta.url);
const BATCHES = 12;
const REQUESTS_PER_BATCH = 20_000;

const [subscriberArg = '10', ...buildArgs] = process.argv.slice(2);
const builds = buildArgs.length > 0 ? buildArgs : ['dist'];
const body = Buffer.from(callbackBody(Number(subscriberArg)));
const signed = new URL(signedUrl(1));
const url = signed.pathname + signed.search;
const silent = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * A request as node hands it over: its body comes in ticks after the handler has returned, once
 * the stream flows (a 'data' listener or resume() starts it, as with a real stream).
 */
function fakeRequest() {
  const req = new EventEmitter();
  Object.assign(req, { method: 'POST', url, headers: { 'content-length': String(body.length) } });
  Object.assign(req, { readableEnded: false, destroyed: false, complete: true, socket: { destroyed: false } });
  let flowing = false;
  req.pause = () => req;
  req.resume = () => {
    if (flowing) return req;
    flowing = true;
    process.nextTick(() => {
      req.emit('data', body);
      process.nextTick(() => req.emit('end'));
    });
    return req;
  };
  req.on = (event, listener) => {
    EventEmitter.prototype.on.call(req, event, listener);
    if (event === 'data') req.resume();
    return req;
  };
  return req;
}

/** Calls `replied` with the status and body of the reply. */
function fakeResponse(replied) {
  const res = new EventEmitter();
  let status = 0;
  const writeHead = (code) => {
    status = code;
    return res;
  };
  Object.assign(res, {
    headersSent: false,
    destroyed: false,
    writeHead,
    end: (payload) => replied({ status, payload }),
  });
  return res;
}

// IN_PROCESS_DECIDE=async: decide answers through an already resolved promise, as in servers 9 and 12.
const asyncDecide = process.env.IN_PROCESS_DECIDE === 'async';
const decide = asyncDecide ? (subscriber) => Promise.resolve(isAllowed(subscriber)) : isAllowed;

function middlewareOf(build) {
  const { beforeAddSubscriber } = require(path.resolve(build, 'cjs', 'index.js'));
  return beforeAddSubscriber({ token: TOKEN, sdkAppId: SDK_APP_ID, decide, logger: silent });
}

const variantHandler = (name) => createVariant(name, { logger: silent, config: {} }).handler;
const handlers = [
  // Servers 1 and 11 (or 12) of the bench, the same functions.
  { name: 'bare node:http handler', handle: variantHandler('node-bare') },
  { name: 'hand-checked handler', handle: variantHandler(asyncDecide ? 'node-checked-async' : 'node-checked') },
  ...builds.map((build) => ({ name: build, handle: middlewareOf(build) })),
];

// From setImmediate, a macrotask, as node calls a request handler: called from a microtask, the
// harness would hide the ticks in which node delivers the body.
const oneRequest = (handle) =>
  new Promise((resolve) =>
    setImmediate(() =>
      handle(fakeRequest(), fakeResponse(resolve), () => {
        throw new Error(`${COMMAND} was passed on: the build did not answer it`);
      }),
    ),
  );

// A handler that never replies leaves nothing for the event loop to wait on: say so, not exit quietly.
let finished = false;
process.on('beforeExit', () => {
  if (finished) return;
  console.error('in-process: a handler never replied to the request');
  process.exitCode = 1;
});

// Warm-up; every handler must give the bench's reply, or its figure would be of something else.
const expected = JSON.stringify(expectedReplyFor(Number(subscriberArg)));
for (const { name, handle } of handlers) {
  for (let index = 0; index < REQUESTS_PER_BATCH; index += 1) {
    const { status, payload } = await oneRequest(handle);
    if (status !== 200 || payload !== expected) throw new Error(`${name} replied ${status} ${payload}`);
  }
}
const fastest = handlers.map(() => Infinity);
for (let batch = 0; batch < BATCHES; batch += 1) {
  for (const [index, { handle }] of handlers.entries()) {
    const startedAt = performance.now();
    for (let request = 0; request < REQUESTS_PER_BATCH; request += 1) await oneRequest(handle);
    const microsPerRequest = ((performance.now() - startedAt) * 1000) / REQUESTS_PER_BATCH;
    fastest[index] = Math.min(fastest[index], microsPerRequest);
  }
}
console.log(`${body.length}-byte request, ${subscriberArg} subscribers; fastest of ${BATCHES} batches:`);
for (const [index, { name }] of handlers.entries()) {
  console.log(`  ${name.padEnd(24)} ${fastest[index].toFixed(2).padStart(7)} µs per request`);
}
finished = true;
