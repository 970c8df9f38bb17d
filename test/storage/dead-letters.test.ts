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

  it('writes a retried batch once, keyed by partition and sequence number', async () => {
    const letters = [
      { reason: 'not-json', partitionId: '3', sequenceNumber: 9, enqueuedTime: 'x', body: '{' },
      { reason: 'not-json', partitionId: '3', sequenceNumber: 10, enqueuedTime: 'y', body: '[' },
    ];
    await recordDeadLetters(tables.deadLetters, letters);
    await recordDeadLetters(tables.deadLetters, letters);

    expect(await countRows(tables.deadLetters)).toBe(letters.length);
    // Sequence 9 sorts before 10 because the RowKey is zero-padded.
    expect(await listDeadLetters(tables.deadLetters, '3')).toEqual(
      letters.map((l) => ({ ...l, bodyTruncated: false, bodyLength: l.body.length })),
    );
  });

  it('cuts a long body and says so', async () => {
    const body = 'z'.repeat(MAX_DEAD_LETTER_BODY + 5);
    await recordDeadLetters(tables.deadLetters, [
      { reason: 'too-big', partitionId: 'p/7', sequenceNumber: 2 ** 40, enqueuedTime: 't', body },
    ]);
    const [stored] = await listDeadLetters(tables.deadLetters, 'p/7');
    expect(stored).toEqual({
      reason: 'too-big',
      partitionId: 'p/7',
      sequenceNumber: 2 ** 40,
      enqueuedTime: 't',
      body: body.slice(0, MAX_DEAD_LETTER_BODY),
      bodyTruncated: true,
      bodyLength: body.length,
    });
  });
});
