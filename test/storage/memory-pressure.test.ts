import { MemoryPressureRecord } from '../../shared/model/event';
import { listMemoryPressure, upsertMemoryPressure } from '../../shared/storage/memory-pressure';
import { TableClients } from '../../shared/storage/table-client-factory';
import { countRows, createTestTables } from '../support/storage-fixtures';

describe('memory pressure', () => {
  let tables: TableClients;

  beforeAll(async () => {
    tables = await createTestTables('pressure');
  });

  it('stores records by cluster and day, newest first, once per replay', async () => {
    const record = (id: string, time: string | null): MemoryPressureRecord => ({
      kind: 'memory-pressure',
      id,
      cluster: 'c1',
      node: 'node-1',
      time,
      reason: 'Evicted',
      message: 'The node was low on resource: memory.',
      pod: { namespace: 'shop', name: 'web', uid: null },
    });
    const early = record('p1', '2024-05-01T01:00:00.000Z');
    const late = record('p2', '2024-05-01T23:00:00.000Z');
    // No wall time: filed on the day it was received.
    const unclocked = record('p3', null);
    const otherDay = record('p4', '2024-05-02T00:00:00.000Z');
    const writes = [early, late, unclocked, otherDay].map((r) => ({
      record: r,
      receivedAt: '2024-05-01T12:00:00.000Z',
    }));
    await upsertMemoryPressure(tables.memoryPressure, 'c1', writes);
    await upsertMemoryPressure(tables.memoryPressure, 'c1', writes);

    expect(await countRows(tables.memoryPressure)).toBe(writes.length);
    expect(await listMemoryPressure(tables.memoryPressure, 'c1', '2024-05-01')).toEqual([
      late,
      unclocked,
      early,
    ]);
  });
});
