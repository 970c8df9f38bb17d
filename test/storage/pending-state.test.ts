import {
  loadPendingState,
  MAX_PENDING_STATE_CHARS,
  savePendingState,
} from '../../shared/storage/pending-state';
import { TableClients } from '../../shared/storage/table-client-factory';
import { createTestTables } from '../support/storage-fixtures';

interface AssemblerState {
  open: Record<string, string[]>;
}

describe('pending state', () => {
  let tables: TableClients;
  const key = { stream: 'oomwatch/ingest', partitionId: '0' };

  beforeAll(async () => {
    tables = await createTestTables('pending');
  });

  it('loads nothing before the first save', async () => {
    const loaded = await loadPendingState(tables.pending, { stream: 's', partitionId: 'none' });
    expect(loaded).toEqual({ state: null, lastSequenceNumber: null, etag: null });
  });

  it('saves, reloads, and refuses a write based on a stale ETag', async () => {
    const first: AssemblerState = { open: { 'node-1': ['Out of memory'] } };
    const created = await savePendingState(tables.pending, key, first, 41, null);
    if (!created.ok) throw new Error(`save failed: ${created.reason}`);

    // Two instances load the same version; the first to save wins, the other must reload.
    const a = await loadPendingState<AssemblerState>(tables.pending, key);
    const b = await loadPendingState<AssemblerState>(tables.pending, key);
    expect(a).toEqual({ state: first, lastSequenceNumber: 41, etag: created.etag });

    const second: AssemblerState = { open: {} };
    const won = await savePendingState(tables.pending, key, second, 42, a.etag);
    expect(won.ok).toBe(true);
    const lost = await savePendingState(tables.pending, key, { open: { x: [] } }, 42, b.etag);
    expect(lost).toEqual({ ok: false, reason: 'conflict' });
    expect(await savePendingState(tables.pending, key, second, 42, null)).toEqual({
      ok: false,
      reason: 'conflict',
    });

    const reloaded = await loadPendingState<AssemblerState>(tables.pending, key);
    expect(reloaded.state).toEqual(second);
    expect(reloaded.lastSequenceNumber).toBe(42);
  });

  it('splits a state over 64 KiB, and refuses one over the entity limit', async () => {
    const big: AssemblerState = {
      open: { node: Array.from({ length: 2000 }, (_, i) => `l${i}${'k'.repeat(60)}`) },
    };
    const bigKey = { stream: 'big', partitionId: '1' };
    const saved = await savePendingState(tables.pending, bigKey, big, 7, null);
    expect(saved.ok).toBe(true);
    expect((await loadPendingState(tables.pending, bigKey)).state).toEqual(big);

    const huge = { open: { node: ['h'.repeat(MAX_PENDING_STATE_CHARS)] } };
    const refused = await savePendingState(tables.pending, bigKey, huge, 8, null);
    expect(refused).toEqual({
      ok: false,
      reason: 'too-large',
      chars: JSON.stringify(huge).length,
      maxChars: MAX_PENDING_STATE_CHARS,
    });
  });
});
