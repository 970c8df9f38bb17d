import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { OutgoingLine } from '../../shared/send/batch-sender';
import { nodeForLine, readLogLines } from '../../shared/send/log-files';

const NOW = new Date('2024-05-01T00:00:00.000Z');

async function collect(source: AsyncIterable<OutgoingLine>): Promise<OutgoingLine[]> {
  const lines: OutgoingLine[] = [];
  for await (const line of source) lines.push(line);
  return lines;
}

describe('readLogLines', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oomwatch-send-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('yields every non-empty line of every file once, in order, as envelopes', async () => {
    const syslog = join(dir, 'syslog');
    const dmesg = join(dir, 'aks-np-9.dmesg');
    writeFileSync(
      syslog,
      'May  1 12:00:00 aks-np-1 kernel: [ 1.0] a\r\n\nMay  1 12:00:01 aks-np-2 kernel: [ 2.0] b\n',
    );
    writeFileSync(dmesg, '[ 3.0] c\n   \n[ 4.0] d');

    const lines = await collect(readLogLines([syslog, dmesg], { cluster: 'prod' }, () => NOW));

    expect(lines.map((l) => [l.node, l.source])).toEqual([
      ['aks-np-1', `${syslog}:1`],
      ['aks-np-2', `${syslog}:3`],
      ['aks-np-9', `${dmesg}:1`],
      ['aks-np-9', `${dmesg}:3`],
    ]);
    expect(JSON.parse(lines[2]?.body ?? '')).toEqual({
      time: '2024-05-01T00:00:00.000000000Z',
      cluster: 'prod',
      node: 'aks-np-9',
      MESSAGE: '[ 3.0] c',
    });
  });

  test('sends indented continuation lines with the line they continue', async () => {
    const file = join(dir, 'dmesg-x');
    writeFileSync(
      file,
      [
        'kern  :info  : [Thu Aug 17 17:29:27 2023] anon 28139520',
        '                                          file 8192',
        '                                          kernel 1343488',
        'kern  :info  : [Thu Aug 17 17:29:27 2023] Tasks state (memory values in pages):',
      ].join('\n'),
    );

    const lines = await collect(readLogLines([file], { cluster: 'c', node: 'n1' }, () => NOW));

    expect(
      lines.map((l) => [l.source, (JSON.parse(l.body) as { MESSAGE: string }).MESSAGE]),
    ).toEqual([
      [
        `${file}:1`,
        'kern  :info  : [Thu Aug 17 17:29:27 2023] anon 28139520\n' +
          '                                          file 8192\n' +
          '                                          kernel 1343488',
      ],
      [
        `${file}:4`,
        'kern  :info  : [Thu Aug 17 17:29:27 2023] Tasks state (memory values in pages):',
      ],
    ]);
  });

  test('uses --node for every line when given', async () => {
    const file = join(dir, 'kern.log');
    writeFileSync(file, 'May  1 12:00:00 aks-np-1 kernel: a\n');

    const lines = await collect(readLogLines([file], { cluster: 'c', node: 'override' }));

    expect(lines.map((l) => l.node)).toEqual(['override']);
    expect(JSON.parse(lines[0]?.body ?? '')).toMatchObject({ node: 'override' });
  });

  test('fails with the file name when a file cannot be read', async () => {
    const missing = join(dir, 'missing.log');

    await expect(collect(readLogLines([missing], { cluster: 'c' }))).rejects.toThrow(missing);
  });
});

describe('nodeForLine', () => {
  test.each([
    ['May  1 12:00:00 host-a kernel: x', '/logs/kern.log', {}, 'host-a'],
    ['[ 1.0] x', '/logs/aks-np-3.log', {}, 'aks-np-3'],
    ['[ 1.0] x', '/logs/dmesg', {}, 'dmesg'],
    ['May  1 12:00:00 host-a kernel: x', '/logs/kern.log', { node: 'n' }, 'n'],
  ])('%j in %s with %j is from %s', (line, file, options, node) => {
    expect(nodeForLine(line, file, { cluster: 'c', ...options })).toBe(node);
  });
});
