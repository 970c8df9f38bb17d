import { randomBytes } from 'node:crypto';

import { InvocationContext, Timer } from '@azure/functions';

import { makeSummaryTimerHandler, SUMMARY_TIMER_SCHEDULE } from '../../functions/summary-timer';
import { SummaryStore } from '../../shared/summary/summary-store';
import { countRows, createTestTables, makeEvent } from '../support/storage-fixtures';

const NOW = new Date('2024-09-02T00:05:00.000Z');
const YESTERDAY = '2024-09-01';

const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '', next: '', lastUpdated: '' },
};

function contextWithLogs(lines: unknown[][]): InvocationContext {
  return new InvocationContext({
    invocationId: randomBytes(8).toString('hex'),
    functionName: 'summaryTimer',
    logHandler: (level, ...args) => lines.push([level, ...args]),
  });
}

describe('summary timer', () => {
  let store: SummaryStore;
  const a = `tsum-${randomBytes(3).toString('hex')}-a`;
  const b = `tsum-${randomBytes(3).toString('hex')}-b`;

  beforeAll(async () => {
    store = new SummaryStore(await createTestTables('sumtimer'));
    const write = (cluster: string, id: string, time: string) =>
      store.events.upsertEvents(cluster, [
        { event: makeEvent({ id, cluster, time }), receivedAt: time },
      ]);
    await write(a, 'a1', `${YESTERDAY}T03:00:00.000Z`);
    await write(a, 'a2', `${YESTERDAY}T04:00:00.000Z`);
    await write(b, 'b1', '2024-08-30T10:00:00.000Z');
  });

  it('runs five minutes after midnight UTC', () => {
    expect(SUMMARY_TIMER_SCHEDULE).toBe('0 5 0 * * *');
  });

  it("stores yesterday's summary of every cluster, once however often it runs", async () => {
    const handler = makeSummaryTimerHandler({ store: () => store, now: () => NOW });
    const logs: unknown[][] = [];

    await handler(timer, contextWithLogs(logs));
    await handler(timer, contextWithLogs(logs));

    expect((await store.readSummary(a, YESTERDAY))?.totalKills).toBe(2);
    // b had no kills yesterday: a zero summary, so its 7-day history has no gaps.
    expect((await store.readSummary(b, YESTERDAY))?.totalKills).toBe(0);
    expect(await countRows(store.tables.summaries)).toBe(2);
    expect(logs).toContainEqual([
      'information',
      'daily summary stored',
      { cluster: a, day: YESTERDAY, kills: 2 },
    ]);
    expect(logs).toContainEqual([
      'information',
      'daily summaries done',
      { day: YESTERDAY, clusters: 2 },
    ]);
  });
});
