import {
  listDeadLetters,
  MAX_DEAD_LETTER_BODY,
  recordDeadLetters,
} from '../../shared/storage/dead-letters';
import { TableClients } from '../../shared/storage/table-client-factory';
import { countRows, createTestTables } from '../support/storage-fixtures';

describe('dead letters', () => {
  let tables: TableClients;

  beforeAll(async () => {
    tables = await createTestTables('dead');
  });

  it('writes a retried batch once, keyed by stream, partition and sequence number', async () => {
    const base = { reason: 'not-json', stream: 'ns/hub/cg', partitionId: '3' };
    const letters = [
      { ...base, sequenceNumber: 9, enqueuedTime: 'x', body: '{' },
      { ...base, sequenceNumber: 10, enqueuedTime: 'y', body: '[' },
    ];
    await recordDeadLetters(tables.deadLetters, letters);
    await recordDeadLetters(tables.deadLetters, letters);

    expect(await countRows(tables.deadLetters)).toBe(letters.length);
    // Sequence 9 sorts before 10 because the RowKey is zero-padded.
    expect(await listDeadLetters(tables.deadLetters, 'ns/hub/cg', '3')).toEqual(
      letters.map((l) => ({ ...l, bodyTruncated: false, bodyLength: l.body.length })),
    );
  });

  it('keeps the same partition and sequence number of two streams apart', async () => {
    const letter = { reason: 'r', partitionId: '0', sequenceNumber: 1, enqueuedTime: 't' };
    await recordDeadLetters(tables.deadLetters, [
      { ...letter, stream: 'hub-a', body: 'from a' },
      { ...letter, stream: 'hub-b', body: 'from b' },
    ]);
    const bodies = async (stream: string) =>
      (await listDeadLetters(tables.deadLetters, stream, '0')).map((stored) => stored.body);
    expect([await bodies('hub-a'), await bodies('hub-b')]).toEqual([['from a'], ['from b']]);
  });

  it('cuts a long body and says so', async () => {
    const body = 'z'.repeat(MAX_DEAD_LETTER_BODY + 5);
    await recordDeadLetters(tables.deadLetters, [
      {
        reason: 'too-big',
        stream: 's',
        partitionId: 'p/7',
        sequenceNumber: 2 ** 40,
        enqueuedTime: 't',
        body,
      },
    ]);
    const [stored] = await listDeadLetters(tables.deadLetters, 's', 'p/7');
    expect(stored).toEqual({
      reason: 'too-big',
      stream: 's',
      partitionId: 'p/7',
      sequenceNumber: 2 ** 40,
      enqueuedTime: 't',
      body: body.slice(0, MAX_DEAD_LETTER_BODY),
      bodyTruncated: true,
      bodyLength: body.length,
    });
  });
});
