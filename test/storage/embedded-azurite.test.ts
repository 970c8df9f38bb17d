import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TableClient } from '@azure/data-tables';

import { startEmbeddedAzurite } from '../../shared/storage/embedded-azurite';

describe('embedded Azurite on disk', () => {
  const directory = mkdtempSync(join(tmpdir(), 'oomwatch-azurite-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps rows across a restart', async () => {
    const first = await startEmbeddedAzurite({
      persistence: { kind: 'directory', path: directory },
    });
    const options = { allowInsecureConnection: true };
    const writer = TableClient.fromConnectionString(first.connectionString, 'kept', options);
    await writer.createTable();
    await writer.upsertEntity({ partitionKey: 'p', rowKey: 'r', value: 'still here' });
    await first.stop();

    const second = await startEmbeddedAzurite({
      persistence: { kind: 'directory', path: directory },
    });
    try {
      const reader = TableClient.fromConnectionString(second.connectionString, 'kept', options);
      const row = await reader.getEntity<{ value: string }>('p', 'r');
      expect(row.value).toBe('still here');
    } finally {
      await second.stop();
    }
  });
});
