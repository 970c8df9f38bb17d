/**
 * `oomwatch demo` (what `npm start` runs): the whole pipeline on the embedded default. Starts
 * Azurite, ingests the real sample logs bundled in the repo through the ingest function,
 * prints what was found by scope, node and pod, and the next commands to try.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { startLocalHost, type LocalHost } from '../../functions/local-host';
import type { OomKillEvent } from '../../shared/model/event';
import { openStorage, type StorageSession } from '../storage-session';
import { ingestFiles } from './ingest';

/** The public sample logs shipped with the repo (provenance in their SOURCES.md). */
export const SAMPLES_DIRECTORY = findUp(__dirname, join('test', 'fixtures', 'samples'));
const DEMO_CLUSTER = 'demo';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('ingest the bundled sample logs, summarise them and serve the API locally')
    .option('--no-serve', 'exit after the summary instead of serving the API')
    .option('--port <port>', 'port of the local API host', '7071')
    .action(async (options: { serve: boolean; port: string }) => {
      const storage = await openStorage();
      let host: LocalHost | null = null;
      try {
        await runDemo(storage);
        if (options.serve) {
          host = await startHost(Number(options.port));
          printUrls(host.url);
          await untilInterrupted();
        }
      } finally {
        await host?.close();
        await storage.close();
      }
    });
}

/** Ingests every sample (each as its own node unless its lines name one) and reports. */
export async function runDemo(storage: StorageSession): Promise<OomKillEvent[]> {
  const files = readdirSync(SAMPLES_DIRECTORY)
    .filter((file) => file.endsWith('.log'))
    .sort();
  let lines = 0;
  for (const file of files) {
    const node = `sample-${basename(file).slice(0, 2)}`;
    const totals = await ingestFiles(storage, [join(SAMPLES_DIRECTORY, file)], {
      cluster: DEMO_CLUSTER,
      defaultNode: node,
    });
    lines += totals.lines;
  }

  const page = await storage.store.listEvents({ cluster: DEMO_CLUSTER, limit: 1000 });
  const out = process.stdout;
  out.write(`oomwatch demo: ${files.length} real kernel logs, ${lines} lines, `);
  out.write(`${page.events.length} OOM kills stored in ${storage.description}\n\n`);
  out.write(tally('By scope', page.events, (event) => event.scope));
  out.write(tally('By node', page.events, (event) => event.node ?? '(unknown)'));
  out.write(
    tally(
      'By pod',
      page.events.filter((event) => event.pod !== null),
      (event) =>
        event.pod?.name ? `${event.pod.namespace}/${event.pod.name}` : `uid ${event.pod?.uid}`,
    ),
  );
  const silent = page.events.filter((event) => event.childKillSuspected).length;
  const group = page.events.filter((event) => event.groupKill).length;
  out.write(
    `Group kills (memory.oom.group): ${group}; suspected silent child kills: ${silent}\n\n`,
  );
  out.write(
    [
      'Next:',
      `  npx oomwatch events --cluster ${DEMO_CLUSTER}                 # the stored events`,
      `  npx oomwatch events --cluster ${DEMO_CLUSTER} --scope node --json`,
      `  npx oomwatch parse ${join('test/fixtures/samples', files[3] ?? '')} --format table`,
      '',
    ].join('\n'),
  );
  return page.events;
}

/** The API on loopback; another free port when the asked one is taken. */
async function startHost(port: number): Promise<LocalHost> {
  try {
    return await startLocalHost({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startLocalHost({ port: 0 });
  }
}

function printUrls(base: string): void {
  const day = new Date().toISOString().slice(0, 10);
  process.stdout.write(
    [
      `The HTTP API is serving on ${base} (Ctrl-C stops it):`,
      `  ${base}/api/clusters`,
      `  ${base}/api/clusters/${DEMO_CLUSTER}/events?scope=pod`,
      `  ${base}/api/clusters/${DEMO_CLUSTER}/events?format=csv`,
      `  ${base}/api/clusters/${DEMO_CLUSTER}/summaries/daily/${day}`,
      `  ${base}/api/openapi.json`,
      `  ${base}/api/dashboard?cluster=${DEMO_CLUSTER}   (the dashboard page)`,
      '',
    ].join('\n'),
  );
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function tally(title: string, events: OomKillEvent[], key: (event: OomKillEvent) => string) {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(key(event), (counts.get(key(event)) ?? 0) + 1);
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const lines = rows.map(([name, count]) => `  ${String(count).padStart(4)}  ${name}`);
  return `${title}:\n${lines.join('\n')}\n\n`;
}

/** The folder `relative` under the nearest ancestor that has it (source or compiled run). */
function findUp(from: string, relative: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
  }
  return join(from, relative);
}
