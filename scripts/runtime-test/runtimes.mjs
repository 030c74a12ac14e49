// How each runtime of the tier is started, and how its answers come back to Node: Bun and Deno as
// processes (the scenario printing JSON, a recipe's server answering HTTP), workerd through
// Miniflare (one workerd process, one Worker per configuration), Vercel's edge-runtime in a child
// Node process (edge-runtime.mjs). Every process here is started by this tier and stopped by it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Bun's executable, from the platform package in devDependencies. */
export function bunExecutable() {
  return path.join(path.dirname(require.resolve('@oven/bun-linux-x64/package.json')), 'bin', 'bun');
}

/** Deno's executable: the npm package's own lookup of its platform package. */
export function denoExecutable() {
  return require('deno/install_api.cjs').runInstall();
}

/** Environment for child runtimes: no colours, no update checks, caches inside the work folder. */
export function childEnv(workDir, extra = {}) {
  return {
    ...process.env,
    NO_COLOR: '1',
    DENO_NO_UPDATE_CHECK: '1',
    DENO_DIR: path.join(workDir, 'deno-dir'),
    BUN_INSTALL_CACHE_DIR: path.join(workDir, 'bun-cache'),
    ...extra,
  };
}

/**
 * Runs a process to its end; resolves to its stdout, rejects with its output if it fails or is
 * still running after `timeoutMs` (then it is ended).
 */
export function runToEnd(command, args, options, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(`${path.basename(command)} ${args.join(' ')} ended with ${code ?? signal}:\n${stdout}${stderr}`),
        );
    });
  });
}

/** Parses the last line of a process's output as JSON (the lines before are its own logging). */
export function lastJsonLine(output) {
  const lines = output.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/** A port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server process and waits until `origin` answers an HTTP request; resolves to a
 * `stop()` that ends the process. Rejects with the process's output if it exits or does not
 * answer within `timeoutMs`.
 */
export function startServer(command, args, options, origin, timeoutMs = 15_000) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited;
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exit = new Promise((resolve) => child.on('close', (code, signal) => resolve((exited = code ?? signal))));
  const stop = async () => {
    if (exited === undefined) child.kill();
    await exit;
  };
  const deadline = Date.now() + timeoutMs;
  return (async () => {
    while (exited === undefined) {
      try {
        await fetch(`${origin}/`, { signal: AbortSignal.timeout(1000) });
        return { stop, output: () => output };
      } catch {
        if (Date.now() > deadline) {
          await stop();
          throw new Error(`${path.basename(command)} did not answer on ${origin} within ${timeoutMs} ms:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${exited}:\n${output}`);
  })();
}

/** Runs a job of edge-runtime.mjs in a child Node process; resolves to its JSON result. */
export async function runEdgeJob(workDir, name, job) {
  const jobFile = path.join(workDir, `edge-job-${name}.json`);
  writeFileSync(jobFile, JSON.stringify(job));
  const output = await runToEnd(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', path.join(import.meta.dirname, 'edge-runtime.mjs'), jobFile],
    { env: childEnv(workDir) },
  );
  return JSON.parse(output);
}
