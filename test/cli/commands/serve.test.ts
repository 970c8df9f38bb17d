/** `oomwatch serve`: storage choice, tables, the local host, and its CLI registration. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Command } from 'commander';

import { DEFAULT_PORT, parsePort, registerServeCommand, serve } from '../../../cli/commands/serve';
import { APP_SETTINGS } from '../../../shared/config/app-settings';

const SETTING = APP_SETTINGS.tableConnectionString;

describe('serve', () => {
  it('uses the configured connection string and prints every route', async () => {
    const lines: string[] = [];
    const running = await serve({ port: 0, print: (line) => lines.push(line) });
    try {
      expect(running.storage).toBe(SETTING);
      const response = await fetch(`${running.url}/api/clusters`);
      expect(response.status).toBe(200);
      expect(lines[0]).toBe(`oomwatch API on ${running.url}/api/ (storage: ${SETTING})`);
      expect(lines).toContain(`  GET ${running.url}/api/clusters/{cluster}/events`);
    } finally {
      await running.close();
    }
  });

  it('starts an embedded Azurite on disk when no storage is configured', async () => {
    const saved = process.env[SETTING];
    const directory = mkdtempSync(join(tmpdir(), 'oomwatch-serve-'));
    delete process.env[SETTING];
    try {
      const running = await serve({ port: 0, azuriteDirectory: directory, print: () => undefined });
      try {
        expect(running.storage).toBe(`embedded Azurite in ${directory}`);
        expect(process.env[SETTING]).toMatch(/^DefaultEndpointsProtocol=http;/);
        const response = await fetch(`${running.url}/api/clusters`);
        expect(await response.json()).toEqual({ clusters: [] });
      } finally {
        await running.close();
      }
    } finally {
      process.env[SETTING] = saved;
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('registerServeCommand', () => {
  it('adds serve with --port defaulting to 7071', () => {
    const program = new Command();
    registerServeCommand(program);
    const command = program.commands.find((c) => c.name() === 'serve');
    expect(command?.opts()).toEqual({ port: DEFAULT_PORT });
    expect(DEFAULT_PORT).toBe(7071);
  });

  it.each(['7071', '0', '65535'])('accepts port %s', (value) => {
    expect(parsePort(value)).toBe(Number(value));
  });

  it.each(['-1', '65536', 'http', '70.5', ''])('rejects port %j', (value) => {
    expect(() => parsePort(value)).toThrow('must be a whole number from 0 to 65535');
  });
});
