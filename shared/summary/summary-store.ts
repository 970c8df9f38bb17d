/**
 * What summaries read and write: the event store, the day's memory-pressure records and the
 * `oomsummaries` table, over one set of table clients.
 */
import { MemoryPressureRecord, OomKillEvent } from '../model/event';
import { EventStore } from '../storage/event-store';
import { listMemoryPressure } from '../storage/memory-pressure';
import { getTableClients, TableClients } from '../storage/table-client-factory';
import { DailySummary } from './daily-summary';
import { listStoredSummaries, readStoredSummary, writeSummary } from './summary-table';
import { dayBounds } from './utc-day';

// The store's largest page; a day is read in pages of this size.
const PAGE_SIZE = 1000;

/** Events, pressure records and stored summaries of a cluster. */
export class SummaryStore {
  readonly events: EventStore;

  constructor(readonly tables: TableClients) {
    this.events = new EventStore(tables);
  }

  /** A store over the process's shared clients (the same ones EventStore.fromEnvironment uses). */
  static fromEnvironment(prefix = ''): SummaryStore {
    return new SummaryStore(getTableClients(prefix));
  }

  /**
   * The events filed on a UTC day, newest first, at most `max`; `truncated` says more exist.
   * Each page is an index query plus a point read per event (EventStore.listEvents).
   */
  async eventsOfDay(
    cluster: string,
    day: string,
    max: number,
  ): Promise<{ events: OomKillEvent[]; truncated: boolean }> {
    const { from, to } = dayBounds(day);
    const events: OomKillEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.events.listEvents({ cluster, from, to, limit: PAGE_SIZE, cursor });
      events.push(...page.events);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && events.length < max);
    return { events: events.slice(0, max), truncated: cursor !== undefined || events.length > max };
  }

  /** The day's memory-pressure records, newest first. */
  async pressureOfDay(cluster: string, day: string): Promise<MemoryPressureRecord[]> {
    return listMemoryPressure(this.tables.memoryPressure, cluster, day);
  }

  /** A stored summary, or null. */
  async readSummary(cluster: string, day: string): Promise<DailySummary | null> {
    return readStoredSummary(this.tables.summaries, cluster, day);
  }

  /** Stored summaries of a cluster in `[fromDay, toDay]`, oldest first. */
  async listSummaries(cluster: string, fromDay: string, toDay: string): Promise<DailySummary[]> {
    return listStoredSummaries(this.tables.summaries, cluster, fromDay, toDay);
  }

  /** Stores a summary, replacing any earlier one of the same (cluster, day). */
  async saveSummary(summary: DailySummary): Promise<void> {
    await writeSummary(this.tables.summaries, summary);
  }
}
