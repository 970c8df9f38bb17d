/**
 * `oomwatch events --cluster NAME [--node N] [--namespace NS] [--pod P] [--scope S]
 * [--since T] [--limit N] [--json]`: reads stored events back, newest first.
 */
import type { Command } from 'commander';
import { SCOPES, type OomKillEvent, type Scope } from '../../shared/model/event';
import { formatEventTable } from '../format-table';
import { openStorage } from '../storage-session';

interface EventsOptions {
  cluster: string;
  node?: string;
  namespace?: string;
  pod?: string;
  scope?: string;
  since?: string;
  limit: string;
  json?: boolean;
}

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('list stored OOM-kill events, newest first')
    .requiredOption('--cluster <name>', 'cluster to read')
    .option('--node <name>', 'only this node')
    .option('--namespace <ns>', 'only pods of this namespace')
    .option('--pod <name-or-uid>', 'only this pod')
    .option('--scope <scope>', `only this scope (${SCOPES.join(', ')})`)
    .option('--since <time>', 'ISO-8601 time, or a duration such as 24h or 7d')
    .option('--limit <n>', 'most events to print', '100')
    .option('--json', 'one JSON object per line')
    .action(async (options: EventsOptions) => {
      const query = buildQuery(options, new Date());
      const storage = await openStorage();
      try {
        const events: OomKillEvent[] = [];
        let cursor: string | undefined;
        do {
          const page = await storage.store.listEvents({
            ...query,
            limit: Math.min(1000, query.limit - events.length),
            cursor,
          });
          events.push(...page.events);
          cursor = page.nextCursor ?? undefined;
        } while (cursor && events.length < query.limit);

        if (options.json) {
          for (const event of events) process.stdout.write(`${JSON.stringify(event)}\n`);
        } else {
          process.stdout.write(formatEventTable(events));
        }
      } finally {
        await storage.close();
      }
    });
}

/** Checks the options and turns them into a store query; throws a usage error when wrong. */
export function buildQuery(options: EventsOptions, now: Date) {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit must be a positive integer');
  if (options.scope !== undefined && !SCOPES.includes(options.scope as Scope)) {
    throw new Error(`--scope must be one of ${SCOPES.join(', ')}`);
  }
  return {
    cluster: options.cluster,
    node: options.node,
    namespace: options.namespace,
    pod: options.pod,
    scope: options.scope as Scope | undefined,
    from: options.since === undefined ? undefined : parseSince(options.since, now),
    limit,
  };
}

function parseSince(text: string, now: Date): Date {
  const relative = /^(\d+)([mhd])$/.exec(text);
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) {
    throw new Error(`--since must be an ISO-8601 time or a duration like 24h, not ${text}`);
  }
  return time;
}
