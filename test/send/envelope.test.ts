import { buildEnvelope, formatEnvelopeTime, syslogHost } from '../../shared/send/envelope';

describe('buildEnvelope', () => {
  test("carries the line, cluster, node and time under the forwarder's keys", () => {
    const line = 'May  1 12:34:56 aks-np-1 kernel: [ 123.456789] stress invoked oom-killer';

    const envelope = buildEnvelope(
      line,
      { cluster: 'prod-weu', node: 'aks-np-1' },
      new Date('2024-05-01T12:34:57.123Z'),
    );

    expect(envelope).toEqual({
      time: '2024-05-01T12:34:57.123000000Z',
      cluster: 'prod-weu',
      node: 'aks-np-1',
      MESSAGE: line,
    });
    expect(JSON.parse(JSON.stringify(envelope))).toEqual(envelope);
  });
});

describe('formatEnvelopeTime', () => {
  test.each([
    ['2024-05-01T00:00:00.000Z', '2024-05-01T00:00:00.000000000Z'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31T23:59:59.999000000Z'],
  ])('formats %s like Fluent Bit iso8601_ns', (iso, expected) => {
    expect(formatEnvelopeTime(new Date(iso))).toBe(expected);
  });
});

describe('syslogHost', () => {
  test.each([
    [
      'May  1 12:34:56 aks-nodepool1-12345678-vmss000000 kernel: [ 1.2] x',
      'aks-nodepool1-12345678-vmss000000',
    ],
    ['Dec 24 01:02:03 node-7 containerd[812]: TaskOOM event', 'node-7'],
    ['2024-05-01T12:34:56.123456+00:00 aks-np-2 kernel: [ 1.2] x', 'aks-np-2'],
    ['2024-05-01T12:34:56Z aks-np-3 kernel: x', 'aks-np-3'],
  ])('reads the host of %s', (line, host) => {
    expect(syslogHost(line)).toBe(host);
  });

  test.each([
    '[ 1234.567890] Memory cgroup out of memory: Killed process 4242 (java)',
    '[Wed May  1 12:34:56 2024] oom-kill:constraint=CONSTRAINT_MEMCG',
    'kernel: oom_reaper: reaped process 4242',
    '',
  ])('finds no host in %j', (line) => {
    expect(syslogHost(line)).toBeNull();
  });
});
