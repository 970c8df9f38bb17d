/**
 * Stored events for the query bench: copies of parsed reports of every format (raw lines,
 * task table and memory stats dropped, so a million fit in the emulator's memory) at a
 * constant rate of 1,000 events a day over 200 pods, ending at END_MS. A larger store is a
 * longer history, so both queries return the same amount at any size.
 */
import type { OomKillEvent } from '../shared/model/event';
import { eventToEntity } from '../shared/storage/event-entity';
import { eventToIndexEntities } from '../shared/storage/event-index-entity';
import { checkReports } from './check-reports';

export const CLUSTER = 'bench';
export const END_MS = Date.parse('2026-01-01T00:00:00Z');
export const DAY_MS = 86_400_000;
const EVENTS_PER_DAY = 1000;
const PODS = 200;

/** Rows of the tables the queries read, as the real mapping builds them. */
export interface SyntheticRows {
  events: Record<string, unknown>[];
  eventsByTime: Record<string, unknown>[];
  eventsByPod: Record<string, unknown>[];
}

let templates: OomKillEvent[] | null = null;

/** The uid of pod `index`. */
export function podUid(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** Rows of events `from` to `to` (exclusive) of a store of `count`. */
export function syntheticRows(count: number, from: number, to: number): SyntheticRows {
  templates ??= checkReports().map((event) => ({
    ...event,
    rawLines: event.rawLines.slice(0, 2),
    tasks: [],
    memoryStats: {},
  }));
  const rows: SyntheticRows = { events: [], eventsByTime: [], eventsByPod: [] };
  for (let index = from; index < to; index++) {
    const event = syntheticEvent(templates, index, count);
    const at = event.time ?? '';
    rows.events.push({ ...eventToEntity(CLUSTER, event, at) });
    for (const row of eventToIndexEntities(CLUSTER, event, Date.parse(at))) {
      if (row.table === 'eventsByTime') rows.eventsByTime.push({ ...row.entity });
      if (row.table === 'eventsByPod') rows.eventsByPod.push({ ...row.entity });
    }
  }
  return rows;
}

function syntheticEvent(list: OomKillEvent[], index: number, count: number): OomKillEvent {
  const template = list[index % list.length] as OomKillEvent;
  const pod = index % PODS;
  const timeMs = END_MS - ((count - index) * DAY_MS) / EVENTS_PER_DAY;
  return {
    ...template,
    id: index.toString(16).padStart(32, '0'),
    cluster: CLUSTER,
    node: `aks-nodepool1-12345678-vmss${String(pod % 6).padStart(6, '0')}`,
    time: new Date(timeMs).toISOString(),
    pod: { uid: podUid(pod), qosClass: 'Burstable', namespace: 'payments', name: `api-${pod}` },
  };
}
