import { sendLines, type OutgoingLine } from '../../shared/send/batch-sender';
import { EVENT_OVERHEAD, FakeProducer } from './fake-producer';

function line(node: string, body: string, index = 0): OutgoingLine {
  return { node, body, source: `kern.log:${index + 1}` };
}

describe('sendLines', () => {
  test('sends a batch when the next line would not fit, and every line exactly once', async () => {
    // Room for three 10-byte bodies per batch.
    const producer = new FakeProducer(3 * (10 + EVENT_OVERHEAD));
    const bodies = Array.from({ length: 8 }, (_, i) => `line-${String(i).padStart(5, '0')}`);

    const summary = await sendLines(
      producer,
      bodies.map((body, i) => line('node-a', body, i)),
    );

    expect(producer.sent.map((batch) => batch.count)).toEqual([3, 3, 2]);
    expect(producer.bodies()).toEqual(bodies);
    expect(summary).toEqual({ events: 8, batches: 3, nodes: ['node-a'], oversized: [] });
  });

  test('gives each node its own batches, keyed by the node, in order per node', async () => {
    const producer = new FakeProducer(1024 * 1024);
    const lines = [
      line('node-a', 'a1'),
      line('node-b', 'b1'),
      line('node-a', 'a2'),
      line('node-b', 'b2'),
      line('node-c', 'c1'),
    ];

    const summary = await sendLines(producer, lines);

    expect(producer.sent.map((batch) => [batch.partitionKey, batch.count])).toEqual([
      ['node-a', 2],
      ['node-b', 2],
      ['node-c', 1],
    ]);
    for (const batch of producer.sent) {
      const bodies = batch.events.map((e) => (e.body as Buffer).toString());
      expect(bodies.every((body) => body.startsWith(batch.partitionKey.slice(-1)))).toBe(true);
    }
    expect(producer.bodies()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
    expect(summary.nodes).toEqual(['node-a', 'node-b', 'node-c']);
  });

  test('skips and reports a line larger than an empty batch, and sends the rest', async () => {
    const producer = new FakeProducer(64);
    const huge = 'x'.repeat(100);

    const summary = await sendLines(producer, [
      line('node-a', 'before', 0),
      line('node-a', huge, 1),
      line('node-a', 'after', 2),
    ]);

    expect(producer.bodies()).toEqual(['before', 'after']);
    expect(summary.oversized).toEqual([{ source: 'kern.log:2', bytes: 100 }]);
    expect(summary.events).toBe(2);
  });

  test('sends nothing and creates no batch for no lines', async () => {
    const producer = new FakeProducer(1024);

    const summary = await sendLines(producer, []);

    expect(producer.created).toBe(0);
    expect(summary).toEqual({ events: 0, batches: 0, nodes: [], oversized: [] });
  });

  test('reads lines from an async source', async () => {
    const producer = new FakeProducer(1024);
    async function* source(): AsyncGenerator<OutgoingLine> {
      yield line('node-a', 'one');
      await Promise.resolve();
      yield line('node-a', 'two');
    }

    await sendLines(producer, source());

    expect(producer.bodies()).toEqual(['one', 'two']);
  });
});
