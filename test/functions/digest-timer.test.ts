import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { InvocationContext, Timer } from '@azure/functions';

import {
  DEFAULT_DIGEST_SCHEDULE,
  DIGEST_TIMER_SCHEDULE,
  makeDigestTimerHandler,
} from '../../functions/digest-timer';
import { OutboxEmailSender } from '../../shared/digest/outbox-email-sender';
import { SummaryStore } from '../../shared/summary/summary-store';
import { createTestTables, makeEvent } from '../support/storage-fixtures';

const NOW = new Date('2024-10-02T07:00:00.000Z');

const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '', next: '', lastUpdated: '' },
};

function context(lines: unknown[][]): InvocationContext {
  return new InvocationContext({
    invocationId: randomBytes(8).toString('hex'),
    functionName: 'digestTimer',
    logHandler: (level, ...args) => lines.push([level, ...args]),
  });
}

describe('digest timer', () => {
  let store: SummaryStore;
  const cluster = `tdig-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    store = new SummaryStore(await createTestTables('digtimer'));
    await store.events.upsertEvents(cluster, [
      {
        event: makeEvent({ id: 'x1', cluster, time: '2024-10-01T09:30:00.000Z' }),
        receivedAt: '2024-10-01T09:30:01.000Z',
      },
    ]);
  });

  it('takes its schedule from the OOMWATCH_DIGEST_SCHEDULE app setting', () => {
    expect(DIGEST_TIMER_SCHEDULE).toBe('%OOMWATCH_DIGEST_SCHEDULE%');
    expect(DEFAULT_DIGEST_SCHEDULE).toBe('0 0 7 * * *');
  });

  it('sends one digest when the timer is retried, one after another and at once', async () => {
    const outbox = await mkdtemp(path.join(tmpdir(), 'oomwatch-timer-'));
    const handler = makeDigestTimerHandler({
      now: () => NOW,
      options: () => ({
        store,
        sender: new OutboxEmailSender(outbox),
        recipients: { [cluster]: ['sre@example.com'] },
      }),
    });
    const logs: unknown[][] = [];

    await handler(timer, context(logs));
    await handler(timer, context(logs));
    await Promise.all([handler(timer, context(logs)), handler(timer, context(logs))]);

    const emls = (await readdir(outbox)).filter((f) => f.endsWith('.eml'));
    expect(emls).toHaveLength(1);
    expect(emls[0]).toMatch(new RegExp(`^2024-10-01-${cluster}-`));
    const done = logs.filter((l) => l[1] === 'digests done').map((l) => l[2]);
    expect(done).toEqual([
      { sent: 1, skipped: 0 },
      { sent: 0, skipped: 1 },
      { sent: 0, skipped: 1 },
      { sent: 0, skipped: 1 },
    ]);
    expect(logs).toContainEqual([
      'information',
      'digest sent',
      { cluster, day: '2024-10-01', sender: 'outbox', recipients: 1, kills: 1 },
    ]);
  });
});
