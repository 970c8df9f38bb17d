import { OomKillEvent } from '../../shared/model/event';
import { EventStore, EventWrite } from '../../shared/storage/event-store';
import { MAX_TRANSACTION_OPERATIONS } from '../../shared/storage/transactions';
import { TableClients } from '../../shared/storage/table-client-factory';
import { countRows, createTestTables, makeEvent } from '../support/storage-fixtures';

const BASE_MS = Date.parse('2024-05-01T10:00:00.000Z');
const RECEIVED = '2024-05-01T12:00:00.000Z';

/** `count` events one second apart, newest last, with ids that carry forbidden key chars. */
function series(count: number, extra: (i: number) => Partial<OomKillEvent> = () => ({})) {
  return Array.from({ length: count }, (_, i): EventWrite => ({
    event: makeEvent({
      id: `evt/${String(i).padStart(4, '0')}#?`,
      time: new Date(BASE_MS + i * 1000).toISOString(),
      ...extra(i),
    }),
    receivedAt: RECEIVED,
  }));
}

describe('EventStore', () => {
  let tables: TableClients;
  let store: EventStore;

  beforeAll(async () => {
    tables = await createTestTables('events');
    store = new EventStore(tables);
  });

  it('round-trips an event exactly, under a cluster name with forbidden chars', async () => {
    const event = makeEvent({ id: 'round/trip#1', cluster: 'c/1#?' });
    await store.upsertEvents('c/1#?\t', [{ event, receivedAt: RECEIVED }]);
    expect(await store.getEvent('c/1#?\t', 'round/trip#1')).toEqual(event);
    expect(await store.getEvent('c/1#?\t', 'missing')).toBeNull();
  });

  it('files an event without wall time under its received time', async () => {
    const event = makeEvent({ id: 'no-clock', time: null, node: 'node-nc' });
    await store.upsertEvents('clock', [{ event, receivedAt: RECEIVED }]);
    const page = await store.listEvents({
      cluster: 'clock',
      from: new Date(RECEIVED),
      to: new Date(Date.parse(RECEIVED) + 1),
      limit: 10,
    });
    expect(page.events).toEqual([event]);
  });

  it('keeps an untimed event under its first receive time when it arrives again', async () => {
    const event = makeEvent({ id: 'again', time: null, node: 'node-again' });
    const later = new Date(Date.parse(RECEIVED) + 3_600_000).toISOString();
    await store.upsertEvents('again', [{ event, receivedAt: RECEIVED }]);
    const before = await Promise.all(Object.values(tables).map(countRows));

    await store.upsertEvents('again', [{ event, receivedAt: later }]);

    expect(await Promise.all(Object.values(tables).map(countRows))).toEqual(before);
    const page = await store.listEvents({ cluster: 'again', node: 'node-again', limit: 10 });
    expect(page.events).toEqual([event]);
  });

  it('writes the same rows when an upsert is replayed', async () => {
    const writes = series(5);
    await store.upsertEvents('replay', writes);
    const before = await Promise.all(Object.values(tables).map(countRows));
    await store.upsertEvents('replay', writes);
    const after = await Promise.all(Object.values(tables).map(countRows));
    expect(after).toEqual(before);
    const page = await store.listEvents({ cluster: 'replay', limit: 100 });
    expect(page.events).toHaveLength(5);
  });

  it('splits more than 100 rows of one partition into several transactions', async () => {
    const count = 250;
    // One node and one pod: the main table and four index tables each get one partition.
    const report = await store.upsertEvents(
      'bulk',
      series(count, () => ({ pod: { ...makeEvent().pod!, namespace: 'shop' } })),
    );
    const perTable = Math.ceil(count / MAX_TRANSACTION_OPERATIONS);
    expect(report).toEqual({ events: count, rows: count * 5, transactions: perTable * 5 });
    const clusters = await store.listClusters();
    expect(clusters.find((c) => c.cluster === 'bulk')).toEqual({
      cluster: 'bulk',
      firstEventTime: new Date(BASE_MS).toISOString(),
      lastEventTime: new Date(BASE_MS + (count - 1) * 1000).toISOString(),
      eventsSeen: count,
    });
  });

  it('pages with a cursor, newest first, every event exactly once', async () => {
    const writes = series(23);
    await store.upsertEvents('paging', writes);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listEvents({ cluster: 'paging', limit: 5, cursor });
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(Math.ceil(23 / 5));
    expect(seen).toEqual(writes.map((w) => w.event.id).reverse());
  });

  it('rejects a cursor it did not make', async () => {
    await expect(
      store.listEvents({ cluster: 'paging', limit: 5, cursor: 'bogus' }),
    ).rejects.toThrow('cursor is not valid');
  });

  describe('index queries', () => {
    const uidA = '11111111-1111-1111-1111-111111111111';
    const uidB = '22222222-2222-2222-2222-222222222222';
    const uidC = '33333333-3333-3333-3333-333333333333';
    // Twelve events over three nodes, three pods (A and B named "web" in two namespaces),
    // and alternating scopes.
    const writes = series(12, (i) => {
      const uid = [uidA, uidB, uidC][i % 3] as string;
      return {
        node: `node-${i % 4}`,
        scope: i % 2 === 0 ? 'container' : 'pod',
        pod: { uid, qosClass: 'Burstable', namespace: null, name: null },
      };
    });
    const ids = (pick: (e: OomKillEvent) => boolean) =>
      writes
        .map((w) => w.event)
        .filter(pick)
        .map((e) => e.id)
        .reverse();
    const list = async (query: Partial<Parameters<EventStore['listEvents']>[0]>) =>
      (await store.listEvents({ cluster: 'idx', limit: 100, ...query })).events.map((e) => e.id);

    beforeAll(async () => {
      // Names of A and B are learned only after their kills were stored.
      await store.upsertEvents('idx', writes);
      await store.recordNames('idx', [
        { kind: 'pod', podUid: uidA, namespace: 'shop', name: 'web' },
        { kind: 'pod', podUid: uidB, namespace: 'blog', name: 'web' },
        { kind: 'container', containerId: 'a'.repeat(64), containerName: 'app', podUid: uidA },
      ]);
    });

    it('by node', async () => {
      expect(await list({ node: 'node-1' })).toEqual(ids((e) => e.node === 'node-1'));
    });

    it('by pod uid', async () => {
      expect(await list({ pod: uidC })).toEqual(ids((e) => e.pod?.uid === uidC));
    });

    it('by pod name across namespaces, and within one', async () => {
      const web = (e: OomKillEvent) => e.pod?.uid === uidA || e.pod?.uid === uidB;
      expect(await list({ pod: 'web' })).toEqual(ids(web));
      expect(await list({ pod: 'web', namespace: 'blog' })).toEqual(
        ids((e) => e.pod?.uid === uidB),
      );
      expect(await list({ pod: 'nobody' })).toEqual([]);
    });

    it('by namespace, for kills stored before the name was learned', async () => {
      expect(await list({ namespace: 'shop' })).toEqual(ids((e) => e.pod?.uid === uidA));
    });

    it('by scope and node together, and by time range', async () => {
      expect(await list({ scope: 'pod', node: 'node-3' })).toEqual(
        ids((e) => e.scope === 'pod' && e.node === 'node-3'),
      );
      const from = new Date(BASE_MS + 3000);
      const to = new Date(BASE_MS + 7000);
      expect(await list({ from, to })).toEqual(
        ids((e) => Date.parse(e.time!) >= from.getTime() && Date.parse(e.time!) < to.getTime()),
      );
    });

    it('names pods and containers on read', async () => {
      const first = writes[0]!.event;
      const read = await store.getEvent('idx', first.id);
      expect(read?.pod).toEqual({ ...first.pod, namespace: 'shop', name: 'web' });
      expect(read?.container).toEqual({ ...first.container, name: 'app' });
    });
  });

  it('round-trips a large report through split properties', async () => {
    // ~100 KB of raw lines: more than three 32 K-char properties, within the budget.
    const rawLines = Array.from({ length: 1000 }, (_, i) => `line ${i} "quoted" ${'x'.repeat(90)}`);
    const tasks = Array.from({ length: 400 }, (_, i) => ({ ...makeEvent().tasks[0]!, pid: i }));
    const event = makeEvent({ id: 'big', rawLines, tasks });
    await store.upsertEvents('big', [{ event, receivedAt: RECEIVED }]);
    expect(await store.getEvent('big', 'big')).toEqual(event);

    const row = await tables.events.getEntity<Record<string, unknown>>('big', 'big');
    const chunks = Object.keys(row).filter((k) => k.startsWith('rawLines_'));
    expect(chunks.length).toBe(Math.ceil(JSON.stringify(rawLines).length / 32_000));
  });

  it('cuts raw lines beyond the budget and marks the event partial', async () => {
    const rawLines = Array.from({ length: 3000 }, (_, i) => `${i} ${'y'.repeat(100)}`);
    const event = makeEvent({ id: 'huge', rawLines });
    await store.upsertEvents('huge', [{ event, receivedAt: RECEIVED }]);
    const read = await store.getEvent('huge', 'huge');
    expect(read?.partial).toBe(true);
    expect(read?.rawLines.length).toBeLessThan(rawLines.length);
    expect(read?.rawLines).toEqual(rawLines.slice(0, read?.rawLines.length));
  });
});
