/**
 * How events appear in listings: JSON items without the bulky report parts (raw lines, task
 * table, memory stats, which the event route returns), and the columns of the CSV form.
 */
import { OomKillEvent } from '../model/event';
import { CsvValue, toCsv } from './csv';

/** An event in a JSON listing. */
export type EventListItem = Omit<OomKillEvent, (typeof DETAIL_ONLY)[number]>;

const DETAIL_ONLY = ['rawLines', 'tasks', 'memoryStats'] as const;

/** Drops the parts of an event only its detail route returns. */
export function toListItem(event: OomKillEvent): EventListItem {
  const item: Partial<OomKillEvent> = { ...event };
  for (const key of DETAIL_ONLY) delete item[key];
  return item as EventListItem;
}

/** The CSV columns of an event listing, in order; the header row is their names. */
export const EVENT_CSV_COLUMNS: readonly {
  name: string;
  value: (event: OomKillEvent, cluster: string) => CsvValue;
}[] = [
  { name: 'cluster', value: (_, cluster) => cluster },
  { name: 'id', value: (e) => e.id },
  { name: 'time', value: (e) => e.time },
  { name: 'node', value: (e) => e.node },
  { name: 'scope', value: (e) => e.scope },
  { name: 'namespace', value: (e) => e.pod?.namespace ?? null },
  { name: 'pod', value: (e) => e.pod?.name ?? null },
  { name: 'podUid', value: (e) => e.pod?.uid ?? null },
  { name: 'qosClass', value: (e) => e.pod?.qosClass ?? null },
  { name: 'container', value: (e) => e.container?.name ?? null },
  { name: 'victimPid', value: (e) => e.victim?.pid ?? null },
  { name: 'victimName', value: (e) => e.victim?.name ?? null },
  { name: 'victimAnonRssKb', value: (e) => e.victim?.anonRssKb ?? null },
  { name: 'memcgUsageKb', value: (e) => e.memcg?.usageKb ?? null },
  { name: 'memcgLimitKb', value: (e) => e.memcg?.limitKb ?? null },
  { name: 'groupKill', value: (e) => e.groupKill },
  { name: 'childKillSuspected', value: (e) => e.childKillSuspected },
  { name: 'partial', value: (e) => e.partial },
  { name: 'recommendation', value: (e) => e.recommendation },
];

/** The CSV document of a page of events. */
export function eventsToCsv(cluster: string, events: readonly OomKillEvent[]): string {
  return toCsv(
    EVENT_CSV_COLUMNS.map((column) => column.name),
    events.map((event) => EVENT_CSV_COLUMNS.map((column) => column.value(event, cluster))),
  );
}
