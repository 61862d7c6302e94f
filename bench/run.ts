// `npm run bench`: latency next to the bare frameworks, fan-out against rate-limited fakes, and the
// footprint on a full database. Prints a table and writes bench/results.json. Not part of `npm test`:
// these are measurements on a shared machine, compared with targets, not pass/fail tests.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runFanOut, PACING_FLOOR_DEFINITION, type FanOutResult } from './fan-out.js';
import { runFootprint, type FootprintResult } from './footprint.js';
import { runLatency, CONCURRENCY, type LatencyCell, type LatencyResult } from './latency.js';
import { BOT_ENTRY, ROOT } from './spawn-server.js';
import { median } from './stats.js';
import type { SubmitWork } from './submit-work.js';

const TARGETS = { p50Ratio: 1.3, p99At50Ms: 150, fanOutRatio: 1.15, rssMb: 200, readyAfterMigrationsMs: 2000 } as const;

const START_COMMAND = ['node', ...BOT_ENTRY.nodeArgs, BOT_ENTRY.file].join(' ');
const args = new Set(process.argv.slice(2));
const only = (part: string) => !['--latency', '--fan-out', '--footprint'].some((flag) => args.has(flag)) || args.has(`--${part}`);
const log = (line: string) => console.error(`[bench] ${line}`);

const ms = (value: number) => (Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const ms3 = (value: number) => value.toFixed(2);
const ratio = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(2)}×`);
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

interface LatencyRow {
  platform: string;
  flow: string;
  concurrency: number;
  bot: LatencyCell;
  baseline: LatencyCell;
  p50Ratio: number;
  p95Ratio: number;
  p99Ratio: number;
}

function latencyRows(result: LatencyResult): LatencyRow[] {
  const rows: LatencyRow[] = [];
  for (const bot of result.cells.filter((cell) => cell.target === 'samverkansbot')) {
    const baseline = result.cells.find((cell) => cell.target === 'baseline' && cell.platform === bot.platform && cell.flow === bot.flow && cell.concurrency === bot.concurrency)!;
    rows.push({ platform: bot.platform, flow: bot.flow, concurrency: bot.concurrency, bot, baseline, p50Ratio: bot.p50 / baseline.p50, p95Ratio: bot.p95 / baseline.p95, p99Ratio: bot.p99 / baseline.p99 });
  }
  return rows;
}

const FLOW_NAMES: Record<string, string> = { message: 'message → reply', submit: 'report submit → stored → reply' };
const BASELINE_NAMES: Record<string, string> = { slack: 'bare Bolt', teams: 'botbuilder echo' };

function printLatency(rows: LatencyRow[], result: LatencyResult): void {
  console.log('\n1. Latency (ms) through real HTTP; baseline = bare Bolt app (Slack) / bare botbuilder echo bot (Teams), same run, same client, same fakes');
  console.log(
    table(
      ['platform / flow', 'conv.', 'bot p50', 'p95', 'p99', 'base p50', 'p95', 'p99', 'p50 ratio', 'p99 ratio', 'CPU/req bot', 'base', 'n', 'errors'],
      rows.map((row) => [
        `${row.platform} ${FLOW_NAMES[row.flow]} (vs ${BASELINE_NAMES[row.platform]})`,
        String(row.concurrency),
        ms(row.bot.p50),
        ms(row.bot.p95),
        ms(row.bot.p99),
        ms(row.baseline.p50),
        ms(row.baseline.p95),
        ms(row.baseline.p99),
        ratio(row.p50Ratio),
        ratio(row.p99Ratio),
        ms(row.bot.cpuMsPerRequest),
        ms(row.baseline.cpuMsPerRequest),
        String(row.bot.n),
        String(row.bot.errors + row.baseline.errors),
      ]),
    ),
  );
  console.log('CPU/req: the server process\'s CPU time (user + system) per request over the cell, in ms: on 2 cores shared with the client and the fakes, latency at 10 and 50 conversations is mostly requests queueing for it.');
  console.log(
    `Peak RSS over these runs: Samverkansbot ${ms(result.peakRssMb.samverkansbot)} MB, botbuilder echo bot ${ms(result.peakRssMb.echoBot)} MB, bare Bolt app ${ms(result.peakRssMb.boltApp)} MB (the bot compiled as npm start runs it, ${START_COMMAND}; the baselines through node --import tsx, which alone takes about 40 MB).`,
  );
  console.log(`Reports stored by the bot during the submit runs: ${result.reportsStored}; acknowledged in time: ${result.reportsSubmitted} (errors are replies later than 15 s).`);
}

/** submit-work.ts in a child process with the node options of `npm start`. */
async function measureSubmitWork(): Promise<SubmitWork> {
  const { stdout } = await promisify(execFile)(process.execPath, [...BOT_ENTRY.nodeArgs, '--import', 'tsx', 'bench/submit-work.ts'], { cwd: ROOT, timeout: 120_000 });
  return JSON.parse(stdout) as SubmitWork;
}

function printSubmitWork(work: SubmitWork, rows: LatencyRow[]): void {
  console.log(`\n1b. A report submit's own work, in one process: the use case on a SQLite file, no HTTP, no framework (ms per submit; median of ${work.batches} batch means, ${work.submits} submits)`);
  const storeMs = work.storeCalls.reduce((sum, call) => sum + call.ms, 0);
  console.log(
    table(
      ['part', 'ms'],
      [
        ['the use case (bot.handle), CPU', ms3(work.useCaseMs)],
        ...work.storeCalls.map((call) => [`  store: ${call.call}`, ms3(call.ms)]),
        ['  the rest: checks, report view, texts; garbage collection, also on V8 helper threads', ms3(work.useCaseMs - storeMs)],
        ["card: template → Adaptive Card (Teams' answer)", ms3(work.cardMs)],
        ['Slack: Adaptive Card → Block Kit message body', ms3(work.slackBodyMs)],
      ],
    ),
  );
  const budget = (platform: string) => {
    const row = rows.find((candidate) => candidate.platform === platform && candidate.flow === 'submit' && candidate.concurrency === 1);
    return row ? `${ms3((TARGETS.p50Ratio - 1) * row.baseline.p50)} ms (${BASELINE_NAMES[platform]} p50 ${ms(row.baseline.p50)} ms)` : '–';
  };
  console.log(
    `Store calls are elapsed time (nearly all CPU in this idle process). The p50 target leaves the bot ${((TARGETS.p50Ratio - 1) * 100).toFixed(0)} % of the bare framework's time for all of this work; ` +
      `at 1 conversation that is Slack ${budget('slack')}, Teams ${budget('teams')}.`,
  );
}

function printFanOut(result: FanOutResult): void {
  console.log(`\n2. Fan-out: the standing item for ${result.groups.slack + result.groups.teams} groups (${result.groups.slack} Slack channels in one workspace, ${result.groups.teams} Teams channels in one tenant)`);
  console.log(
    `   fakes: ${result.limits.perChannelIntervalMs} ms between posts per channel, Slack workspace ${result.limits.slackWorkspacePerSecond}/s, ` +
      `Teams tenant ${result.limits.teamsTenantPerSecond}/s, random 429 ${result.limits.random429 * 100} % (Retry-After ${result.limits.retryAfterSeconds.join('–')} s), random 500 ${result.limits.random500 * 100} %`,
  );
  console.log(`   ${PACING_FLOOR_DEFINITION}`);
  console.log(
    table(
      ['total', 'planning', 'sending', 'pacing floor', 'ratio', 'posts tried', 'refused by fakes', 'delivered', 'duplicates', 'lost', 'outbox'],
      [
        [
          `${(result.totalMs / 1000).toFixed(1)} s`,
          `${(result.planningMs / 1000).toFixed(1)} s`,
          `${((result.totalMs - result.planningMs) / 1000).toFixed(1)} s`,
          `${(result.pacingFloorMs / 1000).toFixed(1)} s`,
          ratio(result.ratio),
          String(result.attempts),
          Object.entries(result.refusals).map(([reason, count]) => `${reason} ${count}`).join(', ') || 'none',
          String(result.delivered),
          String(result.duplicates),
          String(result.lost),
          Object.entries(result.outbox).map(([status, count]) => `${status} ${count}`).join(', '),
        ],
      ],
    ),
  );
  console.log(
    `   floor parts: Slack workspace ${(result.floorParts.slackWorkspaceMs / 1000).toFixed(1)} s, Teams tenant ${(result.floorParts.teamsTenantMs / 1000).toFixed(1)} s, slowest channel ${(result.floorParts.slowestChannelMs / 1000).toFixed(1)} s`,
  );
}

function printFootprint(results: FootprintResult[]): void {
  const first = results[0]!;
  console.log(`\n3. Footprint: the bot as npm start runs it (${START_COMMAND}, compiled) on ${first.groups} groups and ${first.reports} reports, median of ${first.runs.length} starts; RSS after 3 s of scheduler ticks (every second) over all groups`);
  console.log(
    table(
      ['database', 'spawn → ready', 'migrated → ready', 'migration check', 'RSS at ready', 'RSS after ticks', 'peak RSS'],
      results.map((result) =>
        result.skipped
          ? [result.database, `skipped: ${result.skipped}`, '', '', '', '', '']
          : [
              result.database,
              `${ms(result.median.readyMs)} ms`,
              `${ms(result.median.readyAfterMigrationsMs)} ms`,
              `${ms(result.median.migrationMs)} ms`,
              `${ms(result.median.rssReadyMb)} MB`,
              `${ms(result.median.rssAfterTicksMb)} MB`,
              `${ms(result.median.peakRssMb)} MB`,
            ],
      ),
    ),
  );
}

const started = Date.now();
const load = loadavg();
log(`machine: ${cpus().length} cores, load average ${load.map((value) => value.toFixed(1)).join(' ')} at start`);
const results: Record<string, unknown> = { startedAt: new Date(started).toISOString(), machine: { cores: cpus().length, loadAverageAtStart: load, node: process.version }, targets: TARGETS };

let latency: LatencyRow[] | null = null;
let latencyResult: LatencyResult | null = null;
let submitWork: SubmitWork | null = null;
if (only('latency')) {
  latencyResult = await runLatency(log);
  latency = latencyRows(latencyResult);
  submitWork = await measureSubmitWork();
  log(`submit work: use case ${submitWork.useCaseMs.toFixed(2)} ms CPU per submit in one process`);
  results.latency = { rows: latency, reportsStored: latencyResult.reportsStored, reportsSubmitted: latencyResult.reportsSubmitted, peakRssMb: latencyResult.peakRssMb, submitWork };
}
let fanOut: FanOutResult | null = null;
if (only('fan-out')) {
  fanOut = await runFanOut({ groups: 1000, slackWorkspacePerSecond: 10, teamsTenantPerSecond: 50, random429: 0.02, random500: 0.02, seed: 20261202 });
  results.fanOut = { ...fanOut, floorDefinition: PACING_FLOOR_DEFINITION };
  log(`fan-out: ${(fanOut.totalMs / 1000).toFixed(1)} s against a floor of ${(fanOut.pacingFloorMs / 1000).toFixed(1)} s`);
}
let footprint: FootprintResult[] | null = null;
if (only('footprint')) {
  footprint = await runFootprint({ groups: 1000, reports: 10_000, starts: 3 }, log);
  results.footprint = footprint;
}

console.log(`\nSamverkansbot benchmark, ${new Date(started).toISOString()}, ${cpus().length} cores, load average at start ${load.map((value) => value.toFixed(1)).join(' ')} (other work on the machine makes every figure noisy)`);
const verdicts: string[] = [];
if (latency && latencyResult) {
  printLatency(latency, latencyResult);
  if (submitWork) printSubmitWork(submitWork, latency);
  const p50Ratios = latency.map((row) => row.p50Ratio);
  const medianRatio = (platform: string, flow: string) => median(latency!.filter((row) => row.platform === platform && row.flow === flow).map((row) => row.p50Ratio));
  results.summary = { medianP50Ratio: median(p50Ratios), byFlow: Object.fromEntries(['slack', 'teams'].flatMap((platform) => ['message', 'submit'].map((flow) => [`${platform} ${flow}`, medianRatio(platform, flow)]))) };
  verdicts.push(`p50 ≤ ${TARGETS.p50Ratio}× baseline: ${mark(p50Ratios.every((value) => value <= TARGETS.p50Ratio))} (median ratio ${ratio(median(p50Ratios))}, worst ${ratio(Math.max(...p50Ratios))})`);
  const at50 = latency.filter((row) => row.concurrency === Math.max(...CONCURRENCY)).map((row) => row.bot.p99);
  verdicts.push(`p99 < ${TARGETS.p99At50Ms} ms at ${Math.max(...CONCURRENCY)} conversations: ${mark(at50.every((value) => value < TARGETS.p99At50Ms))} (worst ${ms(Math.max(...at50))} ms)`);
  verdicts.push(`every acknowledged report stored: ${mark(latencyResult.reportsStored >= latencyResult.reportsSubmitted)} (${latencyResult.reportsStored} stored, ${latencyResult.reportsSubmitted} acknowledged)`);
}
if (fanOut) {
  printFanOut(fanOut);
  verdicts.push(`fan-out ≤ ${TARGETS.fanOutRatio}× floor, 0 duplicates, 0 lost: ${mark(fanOut.ratio <= TARGETS.fanOutRatio && fanOut.duplicates === 0 && fanOut.lost === 0)} (${ratio(fanOut.ratio)}, ${fanOut.duplicates} duplicates, ${fanOut.lost} lost)`);
}
if (footprint) {
  printFootprint(footprint);
  const measured = footprint.filter((result) => !result.skipped);
  // The footprint's peaks, and where the latency runs ran too, the bot's peak under 50 conversations.
  const peaks = [...measured.map((result) => ({ where: result.database, mb: result.median.peakRssMb })), ...(latencyResult ? [{ where: `under ${Math.max(...CONCURRENCY)} conversations`, mb: latencyResult.peakRssMb.samverkansbot }] : [])];
  verdicts.push(`RSS < ${TARGETS.rssMb} MB: ${mark(peaks.every((peak) => peak.mb < TARGETS.rssMb))} (peak ${peaks.map((peak) => `${peak.where} ${ms(peak.mb)} MB`).join(', ')})`);
  verdicts.push(
    `ready within ${TARGETS.readyAfterMigrationsMs / 1000} s after migrations: ${mark(measured.every((result) => result.median.readyAfterMigrationsMs < TARGETS.readyAfterMigrationsMs))} (${measured.map((result) => `${result.database} ${ms(result.median.readyAfterMigrationsMs)} ms`).join(', ')})`,
  );
}
console.log('\nTargets');
for (const verdict of verdicts) console.log(`  ${verdict}`);
results.verdicts = verdicts;
results.durationMs = Date.now() - started;
const file = join(ROOT, 'bench', 'results.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWritten to bench/results.json (${((Date.now() - started) / 1000).toFixed(0)} s).`);
