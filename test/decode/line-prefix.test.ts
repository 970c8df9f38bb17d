/** Every envelope and kernel prefix shape, taken off one line at a time. */
import { parseLinePrefix, type LinePrefix } from '../../shared/decode/line-prefix';

const JULY = new Date('2025-07-01T00:00:00Z');

function prefix(line: string, reference = JULY): LinePrefix {
  return parseLinePrefix(line, reference);
}

describe('RFC 3164 and journalctl short', () => {
  it('reads month, day, time, host and the kernel tag, then the printk time', () => {
    expect(prefix('Jun 24 18:49:43 aks-node-2 kernel: [ 8341.856856] hello')).toEqual({
      node: 'aks-node-2',
      time: '2025-06-24T18:49:43.000Z',
      kernelTime: 8341.856856,
      program: 'kernel',
      message: 'hello',
      bare: false,
    });
  });

  it('takes a December line read in January from the previous year', () => {
    const january = new Date('2026-01-01T00:00:10Z');
    expect(prefix('Dec 31 23:59:58 n1 kernel: x', january).time).toBe('2025-12-31T23:59:58.000Z');
    expect(prefix('Jan  1 00:00:05 n1 kernel: x', january).time).toBe('2026-01-01T00:00:05.000Z');
  });

  it('reads a space-padded day and a syslog PRI', () => {
    const line = '<4>Mar  4 05:06:07 n1 kernel: text';
    expect(prefix(line)).toMatchObject({ time: '2025-03-04T05:06:07.000Z', node: 'n1' });
    expect(prefix(line).message).toBe('text');
  });

  it('reads journalctl short-precise (microseconds) with a host', () => {
    expect(prefix('Jun 05 23:17:29.123456 gke-n1 kernel: Killed')).toMatchObject({
      node: 'gke-n1',
      time: '2025-06-05T23:17:29.123Z',
      program: 'kernel',
      message: 'Killed',
    });
  });

  it('reads journalctl output without a host field', () => {
    expect(prefix('Dec 09 10:00:00 kernel: oom')).toMatchObject({
      node: null,
      program: 'kernel',
      message: 'oom',
      time: '2024-12-09T10:00:00.000Z',
    });
  });

  it('reads a tag with a pid and a kernel tag glued to the text', () => {
    expect(prefix('Jun  1 00:00:00 n1 containerd[812]: msg')).toMatchObject({
      program: 'containerd',
      message: 'msg',
    });
    expect(prefix('Jun  1 00:00:00 n1 kernel:Out of memory')).toMatchObject({
      program: 'kernel',
      message: 'Out of memory',
    });
  });

  it('reads a Russian month and keeps the message', () => {
    expect(prefix('янв 19 12:00:01 n1 kubelet[9]: eviction')).toMatchObject({
      time: '2025-01-19T12:00:01.000Z',
      program: 'kubelet',
      message: 'eviction',
    });
  });
});

describe('RFC 5424 and ISO-8601', () => {
  it('reads RFC 5424 with nil fields and an empty structured-data field', () => {
    const line = '<4>1 2025-03-04T05:06:07.123456+01:00 aks-n1 kernel - - - [  12.5] msg';
    expect(prefix(line)).toEqual({
      node: 'aks-n1',
      time: '2025-03-04T04:06:07.123Z',
      kernelTime: 12.5,
      program: 'kernel',
      message: 'msg',
      bare: false,
    });
  });

  it('reads RFC 5424 structured data and a nil host', () => {
    const line = '1 2025-03-04T05:06:07Z - kernel - - [origin ip="10.0.0.1"] text';
    expect(prefix(line)).toMatchObject({ node: null, program: 'kernel', message: 'text' });
  });

  it('reads the rsyslog ISO file format', () => {
    expect(prefix('2025-03-04T05:06:07.5+00:00 n2 kernel: [ 1.000000] m')).toEqual({
      node: 'n2',
      time: '2025-03-04T05:06:07.500Z',
      kernelTime: 1,
      program: 'kernel',
      message: 'm',
      bare: false,
    });
  });

  it('reads journalctl short-iso (+hhmm zone) and short-iso-precise', () => {
    expect(prefix('2025-03-04T05:06:07+0200 n2 kernel: m').time).toBe('2025-03-04T03:06:07.000Z');
    expect(prefix('2025-03-04T05:06:07.250000+00:00 n2 kernel: m').time).toBe(
      '2025-03-04T05:06:07.250Z',
    );
  });
});

describe('kernel prefixes', () => {
  it('reads dmesg printk time', () => {
    expect(prefix('[  123.456789] Out of memory')).toEqual({
      node: null,
      time: null,
      kernelTime: 123.456789,
      program: null,
      message: 'Out of memory',
      bare: false,
    });
  });

  it('reads dmesg -T in English', () => {
    expect(prefix('[Thu Aug 17 17:29:27 2023] m')).toMatchObject({
      time: '2023-08-17T17:29:27.000Z',
      message: 'm',
      bare: false,
    });
  });

  it('reads dmesg -T in Chinese (month by number)', () => {
    expect(prefix('[二 9月  3 05:57:48 2024] m').time).toBe('2024-09-03T05:57:48.000Z');
  });

  it('keeps the message of a dmesg -T line whose date cannot be read', () => {
    expect(prefix('[화 8월 12 03:54:03 2025] Killed process 1 (a)')).toMatchObject({
      time: null,
      message: 'Killed process 1 (a)',
      bare: false,
    });
  });

  it('reads dmesg -x facility and level, with printk or wall time', () => {
    expect(prefix('kern  :warn  : [  10.000001] m')).toMatchObject({
      program: 'kernel',
      kernelTime: 10.000001,
      message: 'm',
    });
    expect(prefix('kern  :err   : [Mon Jul  3 01:02:03 2023] m')).toMatchObject({
      program: 'kernel',
      time: '2023-07-03T01:02:03.000Z',
      message: 'm',
    });
  });

  it('reads raw /dev/kmsg records', () => {
    expect(prefix('6,1234,5000123456,-;Out of memory')).toEqual({
      node: null,
      time: null,
      kernelTime: 5000.123456,
      program: 'kernel',
      message: 'Out of memory',
      bare: false,
    });
  });

  it('drops a printk caller id after the time', () => {
    expect(prefix('[ 1234.5] [ T1234] msg').message).toBe('msg');
    expect(prefix('[ 1234.5] [    C3] msg').message).toBe('msg');
    expect(prefix('Jun 24 18:49:43 n1 kernel: [ 8.0] [T12] msg').message).toBe('msg');
  });

  it('returns an unknown shape as a bare message', () => {
    expect(prefix('   anon 1234')).toEqual({
      node: null,
      time: null,
      kernelTime: null,
      program: null,
      message: '   anon 1234',
      bare: true,
    });
  });
});
