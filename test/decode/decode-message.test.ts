/** Whole transport messages: text, bytes, JSON envelopes, node precedence and problems. */
import { decodeMessage, type DecodeContext } from '../../shared/decode/decode-message';

const REFERENCE = new Date('2025-07-01T00:00:00Z');
const context: DecodeContext = { referenceTime: REFERENCE };

function messages(body: unknown, extra: DecodeContext = {}) {
  return decodeMessage(body, { ...context, ...extra }).records.map((record) => record.message);
}

/** The message JSON.parse gives for text, as the decoder words it. */
function jsonErrorOf(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return `malformed JSON: ${(error as Error).message}`;
  }
  throw new Error('text parsed');
}

describe('plain text', () => {
  it('gives one record per non-empty line, CRLF or LF', () => {
    expect(messages('[1.0] a\r\n\r\n[2.0] b\n   \n[3.0] c')).toEqual(['a', 'b', 'c']);
  });

  it('reads dmesg and dmesg -T output as text, not as broken JSON', () => {
    for (const text of ['[  1.000000] a\n[  2.0] b', '[Thu Aug 17 17:29:27 2023] a']) {
      expect(decodeMessage(text, context).problems).toEqual([]);
    }
  });

  it('lets an unprefixed line inherit node, time and program from the line before', () => {
    const { records } = decodeMessage('Jun  1 10:00:00 n1 kernel: [5.0] stats for /x:\n  anon 1', {
      referenceTime: REFERENCE,
    });
    expect(records[1]).toEqual({
      node: 'n1',
      cluster: null,
      time: '2025-06-01T10:00:00.000Z',
      kernelTime: 5,
      program: 'kernel',
      message: '  anon 1',
      bare: true,
      receivedAt: null,
    });
  });

  it('does not carry a prefix across a grep separator', () => {
    const { records } = decodeMessage('[5.0] a\n--\nb', context);
    expect(records.map((record) => record.kernelTime)).toEqual([5, null, null]);
  });

  it('splits rsyslog #012 escapes into lines of the same record', () => {
    const text = 'Jun  1 10:00:00 n1 kernel: Memory cgroup stats for /x:#012anon 1#011x#012file 2';
    const { records } = decodeMessage(text, context);
    expect(records.map((record) => [record.message, record.node, record.program])).toEqual([
      ['Memory cgroup stats for /x:', 'n1', 'kernel'],
      ['anon 1\tx', 'n1', 'kernel'],
      ['file 2', 'n1', 'kernel'],
    ]);
  });

  it('decodes UTF-8 bytes', () => {
    expect(messages(Buffer.from('[1.0] Killed process 1 (é)'))).toEqual(['Killed process 1 (é)']);
  });

  it('keeps a line with invalid UTF-8, with replacement characters and a non-fatal problem', () => {
    const bytes = Uint8Array.from([...Buffer.from('[1.0] a'), 0xff, 0x62]);
    const result = decodeMessage(bytes, context);
    expect(result.records.map((record) => record.message)).toEqual(['a\ufffdb']);
    expect(result.problems).toEqual([
      {
        code: 'invalid-utf8',
        message: 'message is not valid UTF-8; bad bytes were replaced',
        fatal: false,
      },
    ]);
  });

  it.each([
    [42, 'message body is number, not text or JSON'],
    [null, 'message body is null, not text or JSON'],
    [undefined, 'message body is undefined, not text or JSON'],
  ])('refuses %p with a fatal problem', (body, message) => {
    expect(decodeMessage(body, context)).toEqual({
      records: [],
      problems: [{ code: 'not-text', message, fatal: true }],
    });
  });
});

describe('JSON envelopes', () => {
  it.each(['log', 'message', 'MESSAGE', 'msg'])('reads the line from %s', (key) => {
    expect(messages(JSON.stringify({ [key]: '[1.5] Out of memory' }))).toEqual(['Out of memory']);
  });

  it('reads journald JSON export', () => {
    const entry = {
      MESSAGE: 'Memory cgroup out of memory: Killed process 7 (a)',
      _HOSTNAME: 'aks-n3',
      __REALTIME_TIMESTAMP: '1700000000123456',
      _SOURCE_MONOTONIC_TIMESTAMP: '12345678901',
      _TRANSPORT: 'kernel',
    };
    expect(decodeMessage(JSON.stringify(entry), context).records).toEqual([
      {
        node: 'aks-n3',
        cluster: null,
        time: '2023-11-14T22:13:20.123Z',
        kernelTime: 12345.678901,
        program: 'kernel',
        message: 'Memory cgroup out of memory: Killed process 7 (a)',
        bare: false,
        receivedAt: null,
      },
    ]);
  });

  it('distrusts SYSLOG_IDENTIFIER=kernel without the kernel transport', () => {
    const entry = { MESSAGE: 'x', SYSLOG_IDENTIFIER: 'kernel', _TRANSPORT: 'stdout' };
    expect(decodeMessage(entry, context).records[0]?.program).toBe('kernel-impostor');
  });

  it('reads Fluent Bit kmsg records (sec/usec)', () => {
    const entry = { priority: 4, sequence: 9, sec: 1234, usec: 567890, msg: 'oom_reaper: x' };
    expect(decodeMessage(entry, context).records[0]).toMatchObject({
      kernelTime: 1234.56789,
      program: 'kernel',
      message: 'oom_reaper: x',
    });
  });

  it('reads arrays, {"records": [...]} and newline-delimited JSON', () => {
    expect(messages('[{"log":"a"},{"message":"b"}]')).toEqual(['a', 'b']);
    expect(messages({ records: [{ msg: 'c' }, [{ log: 'd' }]] })).toEqual(['c', 'd']);
    expect(messages('{"log":"e"}\n{"log":"f"}\n')).toEqual(['e', 'f']);
  });

  it('splits a multi-line message and keeps the envelope on every line', () => {
    const { records } = decodeMessage({ log: 'a\nb', host: 'n9', time: '2025-01-02T03:04:05Z' });
    expect(records.map((record) => [record.message, record.node, record.time])).toEqual([
      ['a', 'n9', '2025-01-02T03:04:05.000Z'],
      ['b', 'n9', '2025-01-02T03:04:05.000Z'],
    ]);
  });

  it('reports an object without a message field as fatal, naming its keys', () => {
    expect(decodeMessage('{"foo":1,"bar":"x"}', context)).toEqual({
      records: [],
      problems: [
        {
          code: 'no-message',
          message: 'JSON object has no log, message, MESSAGE or msg field (keys: foo, bar)',
          fatal: true,
        },
      ],
    });
  });

  it('reports a non-object array item as fatal and reads the others', () => {
    const result = decodeMessage('[{"log":"a"}, 7]', context);
    expect(result.records.map((record) => record.message)).toEqual(['a']);
    expect(result.problems).toEqual([
      { code: 'not-an-object', message: 'JSON number carries no log line', fatal: true },
    ]);
  });

  it('refuses JSON nested deeper than 8 arrays', () => {
    const deep = '['.repeat(10) + '{"log":"a"}' + ']'.repeat(10);
    expect(decodeMessage(deep, context).problems).toEqual([
      { code: 'too-deep', message: 'JSON nested deeper than 8', fatal: true },
    ]);
  });

  it('reports malformed JSON as fatal, feeds none of it on as log lines and does not throw', () => {
    const text = '{"log": "Killed process 1 (a)"';
    const result = decodeMessage(text, context);
    expect(result.problems).toEqual([
      { code: 'bad-json', message: jsonErrorOf(text), fatal: true },
    ]);
    expect(result.records).toEqual([]);
  });

  it('reports each broken line of newline-delimited JSON', () => {
    const result = decodeMessage('{"log":"a"}\n{oops\n', context);
    expect(result.records.map((record) => record.message)).toEqual(['a']);
    expect(result.problems).toEqual([
      { code: 'bad-json', message: jsonErrorOf('{oops'), fatal: true },
    ]);
  });
});

describe('node and cluster precedence', () => {
  const syslogLine = 'Jun  1 10:00:00 syslog-host kernel: x';
  const nodeOf = (body: unknown, extra: DecodeContext) =>
    decodeMessage(body, { ...context, ...extra }).records[0]?.node;
  const all: DecodeContext = {
    node: 'ctx-node',
    partitionNode: 'partition-node',
    defaultNode: 'default-node',
  };

  it('context.node wins over everything', () => {
    expect(nodeOf({ log: syslogLine, node: 'json-node' }, all)).toBe('ctx-node');
  });

  it('then the JSON node field', () => {
    expect(nodeOf({ log: syslogLine, node: 'json-node' }, { ...all, node: null })).toBe(
      'json-node',
    );
    expect(nodeOf({ log: syslogLine, nodeName: 'json-node2' }, { ...all, node: null })).toBe(
      'json-node2',
    );
  });

  it('then the partition node', () => {
    expect(nodeOf({ log: syslogLine }, { ...all, node: null })).toBe('partition-node');
  });

  it('then the syslog host, over the JSON host fields', () => {
    const extra = { defaultNode: 'default-node' };
    expect(nodeOf({ log: syslogLine, _HOSTNAME: 'journal-host' }, extra)).toBe('syslog-host');
    expect(nodeOf({ log: 'x', _HOSTNAME: 'journal-host' }, extra)).toBe('journal-host');
  });

  it('then the default node, else null', () => {
    expect(nodeOf('[1.0] x', { defaultNode: 'default-node' })).toBe('default-node');
    expect(nodeOf('[1.0] x', {})).toBeNull();
  });

  it('takes the cluster from the context, the JSON, the partition and the default in turn', () => {
    const clusterOf = (body: unknown, extra: DecodeContext) =>
      decodeMessage(body, { ...context, ...extra }).records[0]?.cluster;
    const every = { cluster: 'c1', partitionCluster: 'c3', defaultCluster: 'c4' };
    expect(clusterOf({ log: 'x', cluster: 'c2' }, every)).toBe('c1');
    expect(clusterOf({ log: 'x', cluster: 'c2' }, { ...every, cluster: null })).toBe('c2');
    expect(clusterOf({ log: 'x' }, { ...every, cluster: null })).toBe('c3');
    expect(clusterOf('x', { defaultCluster: 'c4' })).toBe('c4');
  });

  it('keeps the transport receive time on each record', () => {
    const receivedAt = '2025-07-01T00:00:01.000Z';
    expect(decodeMessage('a\nb', { receivedAt }).records.map((r) => r.receivedAt)).toEqual([
      receivedAt,
      receivedAt,
    ]);
  });
});

describe('text that only starts like JSON', () => {
  const kill =
    'Jun 24 18:49:43 n1 kernel: [ 8341.856870] Out of memory: Killed process 68061 (stress) ' +
    'total-vm:4195088kB, anon-rss:2884696kB, file-rss:288kB, shmem-rss:0kB';

  it('reads the log lines after a first line of JSON', () => {
    const text = ['{"level":"info","msg":"app started"}', kill].join('\n');
    const result = decodeMessage(text, { referenceTime: new Date('2025-07-01T00:00:00Z') });
    expect(result.records.map((record) => [record.program, record.message])).toEqual([
      [null, 'app started'],
      ['kernel', kill.slice(kill.indexOf('Out of memory'))],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('reports a broken JSON line and still reads the log lines around it', () => {
    const text = ['{not json', kill].join('\n');
    const result = decodeMessage(text, { referenceTime: new Date('2025-07-01T00:00:00Z') });
    expect(result.records.map((record) => record.node)).toEqual(['n1']);
    expect(result.problems.map((problem) => [problem.code, problem.fatal])).toEqual([
      ['bad-json', true],
    ]);
  });
});
