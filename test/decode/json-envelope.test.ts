/** The JSON shapes forwarders put on the wire, read field by field. */
import {
  readEnvelopes,
  type EnvelopeFields,
  type EnvelopeProblem,
} from '../../shared/decode/json-envelope';

function read(value: unknown) {
  const found: EnvelopeFields[] = [];
  const problems: EnvelopeProblem[] = [];
  readEnvelopes(value, found, problems);
  return { found, problems };
}

describe('readEnvelopes', () => {
  it('reads a Fluent Bit tail record with Kubernetes metadata', () => {
    const value = { log: 'x', time: '2025-02-03T04:05:06.789Z', kubernetes: { host: 'k-n1' } };
    expect(read(value).found).toEqual([
      {
        text: 'x',
        node: null,
        hostNode: 'k-n1',
        cluster: null,
        time: '2025-02-03T04:05:06.789Z',
        kernelTime: null,
        program: null,
      },
    ]);
  });

  it('prefers log over message over MESSAGE over msg', () => {
    expect(read({ msg: 'd', MESSAGE: 'c', message: 'b', log: 'a' }).found[0]?.text).toBe('a');
    expect(read({ msg: 'd', MESSAGE: 'c' }).found[0]?.text).toBe('c');
  });

  it('reads a journald MESSAGE exported as a byte array', () => {
    expect(read({ MESSAGE: [104, 105] }).found[0]?.text).toBe('hi');
  });

  it('reads epoch times in seconds, milliseconds and microseconds', () => {
    const iso = '2023-11-14T22:13:20.000Z';
    expect(read({ log: 'x', ts: 1700000000 }).found[0]?.time).toBe(iso);
    expect(read({ log: 'x', timestamp: 1700000000000 }).found[0]?.time).toBe(iso);
    expect(read({ log: 'x', __REALTIME_TIMESTAMP: '1700000000000000' }).found[0]?.time).toBe(iso);
  });

  it('takes the monotonic time only from kernel-transport journald entries', () => {
    const entry = { MESSAGE: 'x', _SOURCE_MONOTONIC_TIMESTAMP: '2500000' };
    expect(read({ ...entry, _TRANSPORT: 'kernel' }).found[0]?.kernelTime).toBe(2.5);
    expect(read({ ...entry, _TRANSPORT: 'journal' }).found[0]?.kernelTime).toBeNull();
  });

  it('reads the program from the usual identifier fields', () => {
    expect(read({ log: 'x', SYSLOG_IDENTIFIER: 'containerd' }).found[0]?.program).toBe(
      'containerd',
    );
    expect(read({ log: 'x', programname: 'kubelet' }).found[0]?.program).toBe('kubelet');
  });

  it('says why a value carries no line', () => {
    expect(read('text').problems).toEqual([
      { code: 'not-an-object', message: 'JSON string carries no log line' },
    ]);
  });
});
