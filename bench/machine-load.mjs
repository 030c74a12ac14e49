// How busy the whole machine was during a part of the run (all processes, all cores), from
// /proc/stat. Someone else's build or tests on the same cores would show here, and would
// explain figures that do not repeat. Undefined where /proc/stat does not exist.
import { readFileSync } from 'node:fs';

function cpuTicks() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal ...; idle and iowait are the not-busy ones.
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { total, idle: fields[3] + fields[4], steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

export function startMachineLoadWindow() {
  const before = cpuTicks();
  return function finish() {
    const after = cpuTicks();
    if (!before || !after || after.total === before.total) return undefined;
    const total = after.total - before.total;
    return {
      busyShare: 1 - (after.idle - before.idle) / total,
      stealShare: (after.steal - before.steal) / total,
    };
  };
}
