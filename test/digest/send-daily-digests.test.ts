import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { digestStatus } from '../../shared/digest/digest-log';
import { DigestEmail, EmailSender } from '../../shared/digest/email-sender';
import { OutboxEmailSender } from '../../shared/digest/outbox-email-sender';
import { DigestSendError, sendDailyDigests } from '../../shared/digest/send-daily-digests';
import { SummaryStore } from '../../shared/summary/summary-store';
import { createTestTables, makeEvent } from '../support/storage-fixtures';

const NOW = new Date('2024-08-02T07:00:00.000Z');
const DAY = '2024-08-01';

/** A sender that counts, and fails the first `failures` sends. */
class CountingSender implements EmailSender {
  readonly kind = 'counting';
  readonly sent: DigestEmail[] = [];
  constructor(private failures = 0) {}
  send(email: DigestEmail): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('smtp said no'));
    }
    this.sent.push(email);
    return Promise.resolve();
  }
}

describe('sendDailyDigests', () => {
  let store: SummaryStore;
  const id = randomBytes(3).toString('hex');

  beforeAll(async () => {
    store = new SummaryStore(await createTestTables('digest'));
    const cluster = `dig-${id}-a`;
    const events = [1, 2, 3].map((n) =>
      makeEvent({ id: `k${n}`, cluster, time: `${DAY}T0${n}:00:00.000Z` }),
    );
    await store.events.upsertEvents(
      cluster,
      events.map((event) => ({ event, receivedAt: `${DAY}T12:00:00.000Z` })),
    );
  });

  it("sends yesterday's digest once when the timer runs twice", async () => {
    const cluster = `dig-${id}-a`;
    const outbox = await mkdtemp(path.join(tmpdir(), 'oomwatch-digest-'));
    const options = {
      store,
      sender: new OutboxEmailSender(outbox),
      recipients: { [cluster]: ['sre@example.com'], [`dig-${id}-none`]: [] },
      baseUrl: 'https://oomwatch.example.net',
    };

    const first = await sendDailyDigests(NOW, options);
    const second = await sendDailyDigests(new Date('2024-08-02T07:05:00Z'), options);

    expect(first).toEqual([{ cluster, day: DAY, outcome: 'sent', kills: 3 }]);
    expect(second).toEqual([{ cluster, day: DAY, outcome: 'already-sent' }]);
    const files = (await readdir(outbox)).sort();
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(1);
    const html = await readFile(
      path.join(
        outbox,
        files.find((f) => f.endsWith('.html'))!,
      ),
      'utf8',
    );
    expect(html).toContain('data-hour="3"');
    expect(await digestStatus(store.tables.digests, cluster, DAY)).toBe('sent');
  });

  it('sends once when runs overlap', async () => {
    const cluster = `dig-${id}-b`;
    const sender = new CountingSender();
    const options = { store, sender, recipients: { [cluster]: ['sre@example.com'] } };

    const runs = await Promise.all(Array.from({ length: 5 }, () => sendDailyDigests(NOW, options)));

    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]?.subject).toBe(
      `[oomwatch] ${cluster} ${DAY}: 0 OOM kills (no kills in the 7 days before)`,
    );
    const outcomes = runs.flat().map((o) => o.outcome);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'sent')).toHaveLength(4);
  });

  it('retries a digest whose send failed, and only that one', async () => {
    const failing = `dig-${id}-c`;
    const fine = `dig-${id}-d`;
    const sender = new CountingSender(1);
    const options = {
      store,
      sender,
      recipients: { [failing]: ['a@example.com'], [fine]: ['b@example.com'] },
    };

    const error = await sendDailyDigests(NOW, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestSendError);
    expect((error as DigestSendError).outcomes).toEqual([
      { cluster: failing, day: DAY, outcome: 'failed', error: 'smtp said no' },
      { cluster: fine, day: DAY, outcome: 'sent', kills: 0 },
    ]);
    expect(await digestStatus(store.tables.digests, failing, DAY)).toBe('failed');

    const retry = await sendDailyDigests(NOW, options);
    expect(retry.map((o) => o.outcome)).toEqual(['sent', 'already-sent']);
    expect(sender.sent.map((e) => e.cluster)).toEqual([fine, failing]);
  });

  it('does nothing without recipients', async () => {
    expect(await sendDailyDigests(NOW, { store, recipients: {} })).toEqual([]);
  });
});
