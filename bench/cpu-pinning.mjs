// On a machine with few cores, the load generator and the server fight over them and the
// scheduler moves both around, which made rounds of the same server differ by 2x. Pinning the
// load generator to one core and every server to another gives each a core of its own.
// Linux only (taskset); BENCH_PIN=0 turns it off.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const LOAD_GENERATOR_CORE = 0;
const SERVER_CORE = 1;

/** Returns `{ loadGeneratorCore, serverCore }`, or undefined when pinning is off or impossible. */
export function planPinning(env = process.env) {
  if (env.BENCH_PIN === '0' || process.platform !== 'linux' || os.cpus().length < 2) return undefined;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { loadGeneratorCore: LOAD_GENERATOR_CORE, serverCore: SERVER_CORE };
}

/** Pins every thread of process `pid` (one of ours) to `core`. */
export function pinProcess(pid, core) {
  execFileSync('taskset', ['--all-tasks', '--pid', '--cpu-list', String(core), String(pid)], { stdio: 'ignore' });
}
