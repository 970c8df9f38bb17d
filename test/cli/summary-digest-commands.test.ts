import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Command } from 'commander';

import { registerDigestCommand } from '../../cli/commands/digest';
import { dateOption, registerSummaryCommand } from '../../cli/commands/summary';
import { DailySummary } from '../../shared/summary/daily-summary';
import { EventStore } from '../../shared/storage/event-store';
import { ensureTables, getTableClients } from '../../shared/storage/table-client-factory';
import { makeEvent } from '../support/storage-fixtures';

const DAY = '2024-11-05';

function program(): Command {
  const p = new Command('oomwatch').exitOverride();
  registerSummaryCommand(p);
  registerDigestCommand(p);
  return p;
}

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await program().parseAsync(['node', 'oomwatch', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

describe('summary and digest commands', () => {
  const cluster = `cli-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    // The CLI uses the configured account: jest's Azurite, unprefixed tables.
    const tables = getTableClients();
    await ensureTables(tables);
    await new EventStore(tables).upsertEvents(cluster, [
      {
        event: makeEvent({ id: 'c1', cluster, time: `${DAY}T08:00:00.000Z` }),
        receivedAt: `${DAY}T08:00:01.000Z`,
      },
    ]);
  });

  it('prints a day as JSON', async () => {
    const summary = JSON.parse(
      await run(['summary', '--cluster', cluster, '--date', DAY, '--json']),
    ) as DailySummary;
    expect(summary).toMatchObject({ cluster, day: DAY, totalKills: 1, complete: true });
  });

  it('writes the digest HTML with --out and prints the text without it', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'oomwatch-cli-')), 'digest.html');
    expect(await run(['digest', '--cluster', cluster, '--date', DAY, '--out', file])).toBe(
      `wrote ${file}: [oomwatch] ${cluster} ${DAY}: 1 OOM kill (no kills in the 7 days before)\n`,
    );
    expect(await readFile(file, 'utf8')).toContain('<tr data-hour="8">');
    expect(await run(['digest', '--cluster', cluster, '--date', DAY])).toContain(
      '08:00 ######################################## 1 (container 1)',
    );
  });

  it('rejects a bad or future --date with a usage message', () => {
    const now = new Date('2024-11-05T12:00:00Z');
    expect(dateOption(undefined, now)).toBe(DAY);
    expect(() => dateOption('2024-13-01', now)).toThrow(
      '--date must be a calendar day, YYYY-MM-DD: 2024-13-01',
    );
    expect(() => dateOption('2024-11-06', now)).toThrow('--date is in the future (UTC)');
  });
});
