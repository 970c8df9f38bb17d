/**
 * `npm run bench [-- --quick] [--seed N] [--parse-mb N] [--only parse|ingest|query]`:
 * generates seeded node syslog, measures parse, ingest and query, prints a table and writes
 * bench-results.json in the working directory. See README "Performance".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReports } from './check-reports';
import { generateSyslog, type GeneratedLog } from './generate-syslog';
import { runIngest } from './ingest-bench';
import type { ParseRun } from './parse-worker';
import { runQueries } from './query-bench';

interface Options {
  quick: boolean;
  seed: number;
  parseMb: number;
  ingestLines: number;
  querySizes: [number, number];
  only: string | null;
  density: number;
}

function readOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    quick,
    seed: Number(value('--seed') ?? 20240624),
    parseMb: Number(value('--parse-mb') ?? (quick ? 30 : 300)),
    ingestLines: Number(value('--ingest-lines') ?? (quick ? 200_000 : 1_000_000)),
    querySizes: quick ? [10_000, 100_000] : [10_000, 1_000_000],
    only: value('--only') ?? null,
    density: Number(value('--density') ?? 0.01),
  };
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function generate(dir: string, name: string, options: Options, bytes: number, lines?: number) {
  const started = Date.now();
  const generated = generateSyslog({
    path: join(dir, name),
    targetBytes: bytes,
    ...(lines === undefined ? {} : { targetLines: lines }),
    density: options.density,
    seed: options.seed,
    start: new Date('2024-06-24T00:00:00Z'),
  });
  log(
    `generated ${name}: ${(generated.bytes / 1e6).toFixed(1)} MB, ${generated.lines} lines, ` +
      `${generated.kills} OOM reports in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return generated;
}

/** Runs the parse worker in a fresh process (its own peak RSS) and checks its kill count. */
function runParse(generated: GeneratedLog): ParseRun {
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, join(__dirname, 'parse-worker.js'), generated.path],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const run = JSON.parse(output) as ParseRun;
  const scopesMatch = Object.entries(generated.byScope).every(
    ([scope, count]) => run.byScope[scope] === count,
  );
  if (run.events !== generated.kills || run.lines !== generated.lines || !scopesMatch) {
    throw new Error(
      `parse found ${run.events} kills in ${run.lines} lines (${JSON.stringify(run.byScope)}); ` +
        `the generator wrote ${generated.kills} in ${generated.lines} ` +
        `(${JSON.stringify(generated.byScope)})`,
    );
  }
  return run;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  checkReports();
  const dir = mkdtempSync(join(tmpdir(), 'oomwatch-bench-'));
  const results: Record<string, unknown> = {
    machine: { cores: (await import('node:os')).cpus().length, node: process.version },
    quick: options.quick,
    seed: options.seed,
    density: options.density,
  };
  const rows: [string, string, string][] = [];
  try {
    if (options.only === null || options.only === 'parse') {
      const generated = generate(dir, 'parse.log', options, options.parseMb * 1e6);
      const run = runParse(generated);
      const linesPerSec = run.lines / run.seconds;
      const parse = {
        linesPerSec: Math.round(linesPerSec),
        mbPerSec: round(run.bytes / 1e6 / run.seconds),
        grepRatio: round(run.seconds / run.grepSeconds),
        peakRssMb: round(run.peakRssMb),
        nsPerLine: round(1e9 / linesPerSec),
        seconds: round(run.seconds),
        cpuSeconds: round(run.cpuSeconds),
        grepSeconds: round(run.grepSeconds, 3),
        file: { mb: round(run.bytes / 1e6), lines: run.lines, kills: generated.kills },
        killsFound: run.events,
        byScope: run.byScope,
      };
      results.parse = parse;
      rows.push(
        ['parse', 'lines/s (one core)', fmt(parse.linesPerSec)],
        ['parse', 'MB/s', String(parse.mbPerSec)],
        ['parse', 'ns/line', String(parse.nsPerLine)],
        ['parse', `grep -cF time (s)`, String(parse.grepSeconds)],
        ['parse', 'grepRatio (oomwatch/grep)', String(parse.grepRatio)],
        ['parse', 'peak RSS (MB)', String(parse.peakRssMb)],
        ['parse', 'kills found / written', `${run.events} / ${generated.kills}`],
      );
    }

    if (options.only === null || options.only === 'ingest') {
      const generated = generate(dir, 'ingest.log', options, Infinity, options.ingestLines);
      const run = await runIngest(generated.path);
      if (run.events !== generated.kills) {
        throw new Error(
          `ingest stored ${run.events} events; the generator wrote ${generated.kills}`,
        );
      }
      const ingest = {
        linesPerSec: Math.round(run.lines / run.seconds),
        storageOpsPerEvent: round(run.requests / run.events),
        storageOpsCountedBy: 'pipeline policy on every TableClient (HTTP requests sent)',
        requests: run.requests,
        requestsByTable: run.requestsByTable,
        events: run.events,
        lines: run.lines,
        batches: run.batches,
        seconds: round(run.seconds),
      };
      results.ingest = ingest;
      rows.push(
        ['ingest', 'lines/s', fmt(ingest.linesPerSec)],
        ['ingest', 'storage requests / event', String(ingest.storageOpsPerEvent)],
        ['ingest', 'events stored / written', `${run.events} / ${generated.kills}`],
      );
    }

    if (options.only === null || options.only === 'query') {
      const [smallSize, largeSize] = options.querySizes;
      const small = await runQueries(smallSize, log);
      log(`query: ${fmt(smallSize)} events loaded in ${round(small.loadSeconds)} s`);
      const large = await runQueries(largeSize, log);
      log(`query: ${fmt(largeSize)} events loaded in ${round(large.loadSeconds)} s`);
      const smallMs = Math.max(small.podWeekMs, small.clusterDayMs);
      const largeMs = Math.max(large.podWeekMs, large.clusterDayMs);
      results.query = {
        smallMs: round(smallMs),
        largeMs: round(largeMs),
        ratio: round(largeMs / smallMs),
        sizes: { small: smallSize, large: largeSize },
        podWeek: { smallMs: round(small.podWeekMs), largeMs: round(large.podWeekMs) },
        clusterDay: { smallMs: round(small.clusterDayMs), largeMs: round(large.clusterDayMs) },
        page: 100,
        loadedDirectly: 'rows written into the emulator, not through ingest (README Performance)',
      };
      rows.push(
        [
          'query',
          `pod week ms (${fmt(smallSize)} → ${fmt(largeSize)})`,
          pair(small.podWeekMs, large.podWeekMs),
        ],
        [
          'query',
          `cluster day ms (${fmt(smallSize)} → ${fmt(largeSize)})`,
          pair(small.clusterDayMs, large.clusterDayMs),
        ],
        ['query', 'ratio large/small (slower query)', String(round(largeMs / smallMs))],
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
  const width = Math.max(...rows.map((row) => row[1].length));
  for (const [part, label, value] of rows) {
    process.stdout.write(`${part.padEnd(7)} ${label.padEnd(width)}  ${value}\n`);
  }
  process.stdout.write('wrote bench-results.json\n');
}

function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

function fmt(value: number): string {
  return value.toLocaleString('en-US');
}

function pair(small: number, large: number): string {
  return `${round(small, 1)} → ${round(large, 1)}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
