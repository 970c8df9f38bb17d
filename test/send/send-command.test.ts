import { Command } from 'commander';

import { describeSummary, namespaceHost, registerSendCommand } from '../../cli/commands/send';

describe('registerSendCommand', () => {
  test('adds `send FILE…`: namespace, hub and cluster required, node optional', () => {
    const program = new Command();

    registerSendCommand(program);

    const send = program.commands.find((command) => command.name() === 'send');
    expect(send?.registeredArguments.map((a) => [a.name(), a.variadic, a.required])).toEqual([
      ['files', true, true],
    ]);
    const options = send?.options.map((o) => [o.long, o.mandatory]);
    expect(options).toEqual([
      ['--namespace', true],
      ['--hub', true],
      ['--cluster', true],
      ['--node', false],
    ]);
  });

  test('refuses to run without --hub', async () => {
    const program = new Command().exitOverride();
    registerSendCommand(program);
    program.commands.forEach((command) =>
      command.exitOverride().configureOutput({ writeErr: () => {} }),
    );

    await expect(
      program.parseAsync(['send', 'kern.log', '--namespace', 'ns', '--cluster', 'c'], {
        from: 'user',
      }),
    ).rejects.toThrow(/--hub/);
  });
});

describe('namespaceHost', () => {
  test.each([
    ['evhns-x.servicebus.windows.net', 'evhns-x.servicebus.windows.net'],
    ['evhns-x', 'evhns-x.servicebus.windows.net'],
    ['sb://evhns-x.servicebus.windows.net/', 'evhns-x.servicebus.windows.net'],
    ['evhns-x.servicebus.windows.net:9093', 'evhns-x.servicebus.windows.net'],
  ])('reads %s as %s', (value, host) => {
    expect(namespaceHost(value)).toBe(host);
  });

  test('rejects an empty namespace with a hint', () => {
    expect(() => namespaceHost('  ')).toThrow(
      '--namespace is empty; pass <ns>.servicebus.windows.net',
    );
  });
});

describe('describeSummary', () => {
  test('says what was sent and what was skipped', () => {
    const text = describeSummary(
      {
        events: 12,
        batches: 2,
        nodes: ['a', 'b'],
        oversized: [{ source: 'big.log:7', bytes: 2_000_000 }],
      },
      'node-logs',
    );

    expect(text).toBe(
      'sent 12 lines in 2 batches to hub node-logs (2 nodes)\n' +
        'skipped big.log:7: 2000000 bytes is more than one event may carry',
    );
  });
});
