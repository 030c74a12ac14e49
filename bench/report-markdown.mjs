// Renders one run's results as BENCHMARKS.md. Everything in it comes from results.json, so the
// page can never disagree with the raw figures.
import { RATIO_FIGURES, measuredText } from './goals.mjs';
import { THROUGHPUT_VARIANTS } from './scenarios/throughput.mjs';

const MB = 1e6;
// Above this, someone else's work on the machine may have slowed a round noticeably.
const DISTURBED_ROUND_CORES = 0.15;

function fixed(value, digits = 2) {
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

function whole(value) {
  return Math.round(value).toLocaleString('en-US');
}

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function verdict(met) {
  if (met === undefined) return 'not measured';
  return met ? 'met' : '**NOT MET**';
}

function machineLoadLine(section) {
  const load = section.machineCpu;
  if (!load) return [];
  return [
    '',
    `Whole machine during this part: ${fixed(load.busyShare * 100, 0)} % busy (all processes, all cores; ` +
      `hypervisor steal ${fixed(load.stealShare * 100, 1)} %).`,
  ];
}

function goalsSection(goals) {
  const rows = goals.map((goal) => [goal.id, goal.description, goal.target, measuredText(goal), verdict(goal.met)]);
  const missed = goals.filter((goal) => goal.met === false);
  const plainly =
    missed.length === 0
      ? 'Every goal measured in this run was met.'
      : `**${missed.length} goal(s) not met in this run:** ${missed
          .map((goal) => `${goal.id} measured ${measuredText(goal)}, target ${goal.target}`)
          .join('; ')}.`;
  return ['## Goals', '', table(['Goal', 'What', 'Target', 'Measured', 'Result'], rows), '', plainly].join('\n');
}

function machineSection(meta) {
  const { machine, pinning } = meta;
  const rows = [
    ['Date', meta.date],
    ['Command', `\`${meta.command}\``],
    ['Run time', `${meta.durationSeconds} s`],
    ['CPU', `${machine.cpuModel}, ${machine.cores} cores (as reported by the OS)`],
    ['Memory', `${machine.totalMemoryGiB} GiB`],
    ['OS', machine.os],
    ['Node.js', machine.node],
    ...Object.entries(machine.packages).map(([name, version]) => [name, version]),
    [
      'Commit',
      `${machine.commit}${machine.libHasUncommittedChanges === true ? ' (lib/ had uncommitted changes)' : ''}`,
    ],
  ];
  return [
    '## Machine and versions',
    '',
    table(['', ''], rows),
    '',
    `Each server runs in its own process, apart from the load generator (autocannon, in the parent process). ` +
      (pinning === 'off'
        ? `They were not pinned to cores, so they shared the machine's ${machine.cores} cores as the scheduler saw fit.`
        : `The load generator was pinned to core ${pinning.loadGeneratorCore} and every server to core ` +
          `${pinning.serverCore} (taskset), so each had a core of its own (the kernel's loopback work runs on both).`) +
      ' Absolute figures depend on the machine; the ratios are what the goals are about.',
  ].join('\n');
}

function variantsTable(variants) {
  const rows = variants.map((variant) => [
    String(variant.number),
    variant.label,
    variant.what,
    whole(variant.median.reqPerSec),
    fixed(variant.median.p50Ms),
    fixed(variant.median.p99Ms),
    fixed(variant.median.serverCpuMicrosPerRequest, 1),
    fixed(variant.median.serverUserMicrosPerRequest, 1),
    fixed(variant.median.serverSystemMicrosPerRequest, 1),
    `${fixed(variant.median.serverCpuShare * 100, 0)} %`,
  ]);
  return table(
    ['#', 'Server', 'What it does', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'user', 'system', 'server busy'],
    rows,
  );
}

/** `4/11`'s servers by name: `this package, bare node:http / hand-checked node:http`. */
function comparedServers(ratio, variants) {
  const labelOf = (id) => variants.find((variant) => variant.id === id)?.label ?? id;
  return ratio.numerator === undefined ? '–' : `${labelOf(ratio.numerator)} / ${labelOf(ratio.denominator)}`;
}

/**
 * One row per ratio of the case, with the servers it compares (which anchor it is over) and the
 * goals set on it (bench/goals.mjs).
 */
function ratiosTable(ratios, variants, goals) {
  const rows = Object.entries(ratios).map(([key, ratio]) => {
    const onThis = goals.filter((goal) => goal.ratio === key);
    const goalText =
      onThis.length === 0
        ? 'no goal'
        : onThis
            .map((goal) => `goal: ${goal.figures.map((figure) => RATIO_FIGURES[figure]).join(' and ')} ${goal.target}`)
            .join(', ');
    return [
      `${key} (${goalText})`,
      comparedServers(ratio, variants),
      fixed(ratio.reqPerSec),
      fixed(ratio.pairedPerRound),
      fixed(ratio.serverCpu),
    ];
  });
  return table(
    [
      'Ratio',
      'Servers compared (this / anchor)',
      'req/s (ratio of medians)',
      'req/s (median of per-round ratios)',
      'server CPU per request (inverse ratio)',
    ],
    rows,
  );
}

function perRoundTable(variants) {
  const rows = variants.map((variant) => [
    `${variant.number}. ${variant.label}`,
    ...variant.rounds.map((round) => whole(round.reqPerSec)),
  ]);
  return table(['Server', ...variants[0].rounds.map((round) => `round ${round.round}`)], rows);
}

/** Whether the servers were the limit, and whether anything else disturbed a round. */
function roundsNotes(variants) {
  const unsaturated = variants.filter((variant) => variant.median.serverCpuShare < 0.9);
  const saturationNote =
    unsaturated.length === 0
      ? 'Every server was busy at least 90 % of the time: req/s measures the server, not the load generator.'
      : `Server(s) ${unsaturated.map((v) => v.number).join(', ')} were busy less than 90 % of the time: there the load ` +
        'generator was the limit, so req/s understates the gap between variants and ' +
        '**server CPU per request is the fairer comparison**.';
  const disturbed = variants.flatMap((variant) =>
    variant.rounds
      .filter((round) => round.otherCores !== undefined && round.otherCores > DISTURBED_ROUND_CORES)
      .map((round) => `${variant.number} in round ${round.round} (${fixed(round.otherCores, 2)} of a core)`),
  );
  const interferenceNote =
    disturbed.length === 0
      ? `No round saw other processes keep more than ${DISTURBED_ROUND_CORES} of a core busy.`
      : `Other processes (not this benchmark) kept more than ${DISTURBED_ROUND_CORES} of a core busy during: ` +
        `${disturbed.join(', ')}; those rounds may be low, which is why medians are reported.`;
  return `${saturationNote} ${interferenceNote}`;
}

function loggedLines(variants) {
  const logged = variants
    .filter((variant) => variant.loggedByMiddleware.counts.error + variant.loggedByMiddleware.counts.warn > 0)
    .map((variant) => `${variant.number}: ${JSON.stringify(variant.loggedByMiddleware)}`);
  return logged.length > 0 ? ['', `The middleware logged during the rounds: ${logged.join('; ')}.`] : [];
}

/** What every case of the throughput part shows below its servers' table. */
function ratiosAndRounds(throughputCase, goals) {
  return [
    ratiosTable(throughputCase.ratios, throughputCase.variants, goals),
    '',
    roundsNotes(throughputCase.variants),
    '',
    'req/s per round:',
    '',
    perRoundTable(throughputCase.variants),
    ...loggedLines(throughputCase.variants),
  ];
}

function largestRequestSubsection(largest, goals) {
  return [
    `### The largest request: ${largest.subscribers} subscribers, ${largest.variants.length} servers`,
    '',
    `${largest.subscribers} subscribers is the most one add_subscriber call sends (${largest.requestBodyBytes} bytes). ` +
      `Servers ${largest.variants.map((variant) => variant.number).join(', ')} only, to keep the run's length ` +
      `reasonable, started afresh after the case above: ${largest.rounds} rounds of ${largest.roundSeconds} s per ` +
      `server after a ${largest.warmupSeconds} s warm-up each, otherwise measured and checked as above. Its ratios ` +
      'compare servers measured in its own rounds.',
    '',
    variantsTable(largest.variants),
    '',
    ...ratiosAndRounds(largest, goals),
  ];
}

function throughputSection(throughput, goals) {
  return [
    `## 1. Overhead: one request, ${throughput.variants.length} servers`,
    '',
    `The same ${throughput.subscribers}-subscriber request (${throughput.requestBodyBytes} bytes) with a valid Sign, ` +
      `${throughput.connections} keep-alive connections, ${throughput.rounds} rounds of ${throughput.roundSeconds} s per ` +
      `server after a ${throughput.warmupSeconds} s warm-up each; rounds alternate between servers in a rotating order. ` +
      'Figures are medians over rounds. Every reply of every round was checked: 200 and the exact expected body ' +
      '(the run stops otherwise). Latency is measured by the load generator, to a fraction of a millisecond.',
    '',
    variantsTable(throughput.variants),
    '',
    "Server CPU is the server process's user + system time per reply (`process.cpuUsage()`), so it measures the " +
      'work per request whether or not the load generator kept the server busy. "Server busy" is that CPU time over ' +
      "the round's wall time (helper threads can take it past 100 %).",
    '',
    ...ratiosAndRounds(throughput, goals),
    ...(throughput.largestRequest ? ['', ...largestRequestSubsection(throughput.largestRequest, goals)] : []),
    ...machineLoadLine(throughput),
  ].join('\n');
}

function scalingSection(scaling) {
  const rows = scaling.cases.map((row) =>
    row.skipped
      ? [
          String(row.subscribers),
          String(row.concurrency),
          String(row.idealMs),
          '–',
          '–',
          '–',
          '–',
          `skipped: ${row.skipped}`,
        ]
      : [
          String(row.subscribers),
          String(row.concurrency),
          String(row.idealMs),
          fixed(row.timerFloorMs, 1),
          fixed(row.p50Ms, 1),
          `${fixed(row.p50OverIdeal, 3)}x`,
          fixed(row.maxMs, 1),
          String(row.requests),
        ],
  );
  return [
    '## 2. Scaling: a `decide` that waits 5 ms',
    '',
    `\`decide\` waits ${scaling.delayMs} ms (a setTimeout, standing in for a database call) for each subscriber; ` +
      "*c* is the middleware's `concurrency` option (decide calls in flight per request). Requests are sent one " +
      `at a time on one connection. \`timeoutMs\` is raised to ${scaling.timeoutMs} for this part only, because ` +
      '1000 subscribers at c = 1 take 5 s, beyond the default 1500 ms; `bodyLimitBytes` stays at its default ' +
      `${scaling.bodyLimitBytes} (the 1000-subscriber body is ${scaling.cases.find((c) => c.bodyBytes && c.subscribers === 1000)?.bodyBytes ?? '–'} bytes).`,
    '',
    `The ideal is ceil(N/c) × ${scaling.delayMs} ms. A ${scaling.delayMs} ms setTimeout itself takes ` +
      `${fixed(scaling.timerWaitMs.p50)} ms at p50 in the server process, so "timer floor" = ceil(N/c) × that: ` +
      'the best any code could do with these timers.',
    '',
    table(['N', 'c', 'ideal ms', 'timer floor ms', 'p50 ms', 'p50 / ideal', 'max ms', 'requests'], rows),
    ...machineLoadLine(scaling),
  ].join('\n');
}

function deadlineSection(deadline) {
  const client = deadline.overshootMs;
  const server = deadline.serverOvershootMs;
  return [
    '## 3. Deadline precision',
    '',
    `\`decide\` never settles and \`timeoutMs\` is ${deadline.timeoutMs}, so every reply is sent by the deadline ` +
      `(all subscribers refused, the default \`onTimeout\`). ${deadline.connections} connections for ` +
      `${deadline.durationSeconds} s, ${deadline.requests} replies. Overshoot = reply time − ${deadline.timeoutMs} ms. ` +
      `The load generator's figures leave out each connection's first reply (${deadline.requests - deadline.sampledReplies} in all), ` +
      'whose time includes opening the connection. All connections start together, so their deadlines fall due in ' +
      'the same millisecond and their replies go out in one burst: the worst case for the last reply of each burst.',
    '',
    table(
      ['Measured by', 'p50 ms', 'p99 ms', 'max ms'],
      [
        ['load generator (reply time − timeoutMs)', fixed(client.p50), fixed(client.p99), fixed(client.max)],
        ['middleware (`onDecision` durationMs − timeoutMs)', fixed(server.p50), fixed(server.p99), fixed(server.max)],
        [
          `control: plain setTimeout(${deadline.timeoutMs}) in ${deadline.connections} parallel chains, same process, same time, no HTTP`,
          fixed(deadline.plainTimerLateMs.p50),
          fixed(deadline.plainTimerLateMs.p99),
          fixed(deadline.plainTimerLateMs.max),
        ],
      ],
    ),
    '',
    'The control row is how late this machine fires timers at all, measured in the server process while the load ran, ' +
      'with nothing of this package involved. The middleware cannot reply before its timer fires, so its overshoot ' +
      "is that lateness plus its own work (and the load generator adds its own process's lateness on top).",
    ...machineLoadLine(deadline),
  ].join('\n');
}

function memorySection(memory) {
  const mb = (bytes) => fixed(bytes / MB, 3);
  return [
    '## 4. Memory',
    '',
    `${whole(memory.requests)} requests through the middleware on bare node:http (after ${whole(memory.warmupRequests)} ` +
      'warm-up requests); heap measured in the server process after two forced GCs (`--expose-gc`). MB = 10⁶ bytes.',
    '',
    table(
      ['', 'start', 'end', 'growth'],
      [
        ['heap used (MB)', mb(memory.start.heapUsed), mb(memory.end.heapUsed), mb(memory.heapGrowthBytes)],
        [
          'heap total (MB)',
          mb(memory.start.heapTotal),
          mb(memory.end.heapTotal),
          mb(memory.end.heapTotal - memory.start.heapTotal),
        ],
        ['RSS (MB)', mb(memory.start.rss), mb(memory.end.rss), mb(memory.rssGrowthBytes)],
      ],
    ),
    '',
    'The goal is about heap used: what stays reachable. Heap total and RSS grow because V8 enlarges its heap ' +
      '(chiefly the young generation) under a steady stream of allocations, and keeps the space after the GC.',
    ...machineLoadLine(memory),
  ].join('\n');
}

const OWN_CODE_FLOOR_MICROS = 0.3;

/** The two servers' own functions side by side, largest first: the names differ, the ranks align. */
function ownCodeTable(pair, ours, anchor, micros) {
  const [oursRows, anchorRows] = [pair.ownCode.ours, pair.ownCode.anchor].map((rows) =>
    rows.filter((row) => row.micros >= OWN_CODE_FLOOR_MICROS),
  );
  const cell = (row) => (row ? [`\`${row.name}\``, micros(row.micros)] : ['', '']);
  return table(
    [`${ours}: function`, 'µs/req', `${anchor}: function`, 'µs/req'],
    Array.from({ length: Math.max(oursRows.length, anchorRows.length) }, (_, index) => [
      ...cell(oursRows[index]),
      ...cell(anchorRows[index]),
    ]),
  );
}

function profileSection(profile) {
  const micros = (value) => value.toFixed(2);
  const numberOf = (id) => THROUGHPUT_VARIANTS.find((variant) => variant.id === id).number;
  const pairNames = profile.pairs.map((pair) => `${numberOf(pair.ours)} against ${numberOf(pair.anchor)}`);
  const parts = [
    `## 5. Where the time goes: a profile of ${pairNames.join(' and ')}`,
    '',
    `V8's CPU profiler (a sample every ${profile.samplingIntervalMicros} µs, started after a warm-up) in the server ` +
      "processes of this package on node:http and of the hand-checked handler it is measured against (part 1's " +
      `rows), ${profile.requests} requests of ${profile.subscribers} subscribers each; each function's self time ` +
      'divided by the requests served. The profiler slows what it watches, so read shares and differences, not speed.',
  ];
  for (const pair of profile.pairs) {
    const [ours, anchor] = [numberOf(pair.ours), numberOf(pair.anchor)];
    const labels = Object.keys(pair.groups.ours);
    parts.push(
      '',
      `### ${ours} against ${anchor}: ${pair.decide} decide`,
      '',
      table(
        ['', `${anchor} hand-checked (µs/req)`, `${ours} this package (µs/req)`],
        [
          ...labels.map((label) => [label, micros(pair.groups.anchor[label]), micros(pair.groups.ours[label])]),
          ['**busy in all**', micros(pair.busyMicrosPerRequest.anchor), micros(pair.busyMicrosPerRequest.ours)],
          [
            '**busy without writev**',
            micros(pair.busyWithoutWritevMicrosPerRequest.anchor),
            micros(pair.busyWithoutWritevMicrosPerRequest.ours),
          ],
        ],
      ),
      '',
      `The ${pair.top.length} functions of ${ours} with the most self time, and the same function in ${anchor}:`,
      '',
      table(
        ['function', `${ours} (µs/req)`, `${anchor} (µs/req)`],
        pair.top.map((row) => [`\`${row.name}\``, micros(row.oursMicros), micros(row.anchorMicros)]),
      ),
      '',
      `The code under test alone, function by function (those of at least ${OWN_CODE_FLOOR_MICROS} µs/req):`,
      '',
      ownCodeTable(pair, ours, anchor, micros),
    );
  }
  parts.push(
    '',
    "JSON.parse and JSON.stringify run inside the function that calls them (the handler's in the hand-checked " +
      "servers, parseBodyBytes and send in this package). writev is the reply's system call; on loopback it also " +
      'delivers the bytes to the load generator and wakes it, which costs more when the load generator was ' +
      'waiting, so it is larger for the slower server although both write the same bytes.',
    ...machineLoadLine(profile),
  );
  return parts.join('\n');
}

function coldStartSection(coldstart, goals, pinning) {
  const [all, officialAccount] = ['all', 'officialAccount'].map((id) => coldstart.cases.find((each) => each.id === id));
  const ms = (value) => fixed(value, 1);
  const spreadText = (figure) => `${ms(figure.min)} / ${ms(figure.median)} / ${ms(figure.max)}`;
  const rows = coldstart.cases.map((each) => [
    each.label,
    spreadText(each.workMs),
    each.requireMs ? ms(each.requireMs.median) : '–',
    each.createMs ? ms(each.createMs.median) : '–',
    spreadText(each.wallMs),
  ]);
  const goal = goals.find((each) => each.id === 'cold start');
  const ratioRows = [
    [
      `${all.handlers} handlers / require('express')${goal ? ` (goal: ${goal.target})` : ''}`,
      coldstart.ratios.allOverExpress,
    ],
    [`${officialAccount.handlers} handlers / require('express')`, coldstart.ratios.officialAccountOverExpress],
    [`${all.handlers} handlers / ${officialAccount.handlers} handlers`, coldstart.ratios.allOverOfficialAccount],
  ].map(([label, ratio]) => [label, fixed(ratio.work), fixed(ratio.workPairedPerRound), fixed(ratio.wall)]);
  return [
    '## 6. Cold start',
    '',
    'What a serverless function (Tencent SCF, Lambda) pays on every new instance. Each run is a fresh `node` ' +
      "process that times exactly its work with `performance.now()`: `require('express')`, or requiring this " +
      `package (its CommonJS build) and creating \`callbackRouter({ token, logger, on })\` with a handler for ` +
      `every one of the registry's ${all.handlers} commands, or for the ${officialAccount.handlers} commands of ` +
      `the Official Account family only (what the router had before the registry). ${coldstart.runs} runs of ` +
      `each after ${coldstart.warmupRuns} uncounted run(s) of each (the files are then in the OS cache, as on ` +
      'any instance but the very first), alternating in a rotating order. "Whole process" is timed from outside, ' +
      "spawn to exit: node's own start-up, loading the measuring script, the work and the exit. " +
      (pinning === 'off'
        ? `The processes were not pinned (${coldstart.coresAvailable} cores available).`
        : `The processes inherit the load generator's pinning to core ${pinning.loadGeneratorCore} (it waits ` +
          'idle while each runs), so each had one core, as a small serverless instance has.'),
    '',
    table(
      [
        'Case',
        'work in the process, ms (min / median / max)',
        'of which require, ms (median)',
        'of which callbackRouter(), ms (median)',
        'whole process, ms (min / median / max)',
      ],
      rows,
    ),
    '',
    table(
      ['Ratio', 'work (ratio of medians)', 'work (median of per-round ratios)', 'whole process (ratio of medians)'],
      ratioRows,
    ),
    '',
    `Creating the router with ${all.handlers} handlers takes ${fixed(coldstart.ratios.allOverOfficialAccount.create)}× ` +
      `as long as with ${officialAccount.handlers}: ` +
      `about ${fixed(coldstart.createMsPerExtraCommand, 2)} ms for each command beyond the Official Account family. ` +
      'Requiring the package loads the whole registry whatever `on` holds, so the two cases differ only in ' +
      'callbackRouter(); a difference in their require column is noise.',
    ...machineLoadLine(coldstart),
  ].join('\n');
}

// Issue 20's rule: a second code path keeps its place if it saves at least this share of server
// CPU per request at 10 subscribers.
const SECOND_PATH_MIN_SHARE = 0.02;

/** Server 4's CPU per request in part 1, for `subscribers` (the usual case or the largest request). */
function serverFourCpuMicros(throughput, subscribers) {
  if (!throughput) return undefined;
  const throughputCase = [throughput, throughput.largestRequest].find((each) => each?.subscribers === subscribers);
  return throughputCase?.variants.find((variant) => variant.id === 'node-ours')?.median.serverCpuMicrosPerRequest;
}

function secondPathsSection(secondPaths, throughput) {
  const percent = (share) => (share === undefined ? '–' : `${fixed(share * 100, 1)} %`);
  const rows = secondPaths.paths.flatMap((path) =>
    path.cases.map((each) => {
      const saved = each.sparedMicros - each.keptMicros;
      const cpu = serverFourCpuMicros(throughput, each.subscribers);
      return [
        path.label,
        String(each.subscribers),
        fixed(each.keptMicros, 2),
        fixed(each.sparedMicros, 2),
        fixed(saved, 2),
        cpu === undefined ? '–' : fixed(cpu, 1),
        percent(cpu === undefined ? undefined : saved / cpu),
      ];
    }),
  );
  return [
    '## 7. Second code paths: what each saves',
    '',
    `Each path the hot path keeps beside a general one, timed against the path it spares on the bench's request, ` +
      `in the bench process: the two called alternately, ${secondPaths.batches} batches of ${secondPaths.callsPerBatch} ` +
      "calls each, each one's fastest batch counting. The saving is put against server 4's CPU per request in part 1 " +
      `of this run. A path stays if it saves at least ${percent(SECOND_PATH_MIN_SHARE)} of it at 10 subscribers, or, ` +
      'as an exception said here, where the 100-subscriber goals bind.',
    '',
    table(
      [
        'Path kept',
        'subscribers',
        'kept path µs',
        'spared path µs',
        'saved µs',
        "server 4's CPU µs/req",
        'saved, of server CPU',
      ],
      rows,
    ),
    '',
    'What each spares: ' + secondPaths.paths.map((path) => `${path.label}: ${path.spares}`).join('; ') + '.',
    ...machineLoadLine(secondPaths),
  ].join('\n');
}

// How long a full run takes: this run's time when it was one, else the last estimate.
const FULL_RUN_ESTIMATE = 'about 10 minutes';

function howToRun(meta) {
  const fullRun = meta.published ? `${fixed(meta.durationSeconds / 60, 1)} minutes in this run` : FULL_RUN_ESTIMATE;
  return [
    '## Running it',
    '',
    '```sh',
    `npm run bench                 # build, then the full run (${fullRun}); rewrites this file`,
    'BENCH_QUICK=1 npm run bench   # smoke run in about 1½ minutes; writes to bench/.bench-tmp/ instead',
    '```',
    '',
    '`BENCH_SECTIONS=throughput,scaling,deadline,memory,profile,coldstart,secondpaths` runs only some parts (also written to ' +
      'bench/.bench-tmp/). `BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles the server processes; ' +
      '`BENCH_PIN=0` leaves the processes unpinned. ' +
      'Only 127.0.0.1 is ever contacted.',
  ].join('\n');
}

/** `jsonLink`: where results.json lies, relative to the Markdown file. */
export function renderBenchmarksMarkdown(results, jsonLink) {
  const { meta } = results;
  const parts = [
    '# Benchmarks',
    '',
    `Written by \`${meta.command}\` (bench/run.mjs) on ${meta.date}; raw figures in [${jsonLink}](${jsonLink}). ` +
      'Do not edit by hand: run the benchmark again.' +
      (meta.quick
        ? '\n\n**This is a smoke run (BENCH_QUICK=1): its rounds are too short for the figures to mean much.**'
        : ''),
    '',
    goalsSection(results.goals),
    '',
    machineSection(meta),
  ];
  if (results.throughput) parts.push('', throughputSection(results.throughput, results.goals));
  if (results.scaling) parts.push('', scalingSection(results.scaling));
  if (results.deadline) parts.push('', deadlineSection(results.deadline));
  if (results.memory) parts.push('', memorySection(results.memory));
  if (results.profile) parts.push('', profileSection(results.profile));
  if (results.coldstart) parts.push('', coldStartSection(results.coldstart, results.goals, meta.pinning));
  if (results.secondpaths) parts.push('', secondPathsSection(results.secondpaths, results.throughput));
  parts.push('', howToRun(meta), '');
  return parts.join('\n');
}
