/**
 * The JSON object the node forwarder (infra/k8s, Fluent Bit) puts on the wire for each log line,
 * built here for lines replayed from files by `oomwatch send`. Keys follow the forwarder: the
 * line under journald's `MESSAGE`, `cluster` and `node` added on the node, and the record time
 * under `time` in Fluent Bit's `iso8601_ns` format (test/infra/forwarder.test.ts checks that the
 * manifests use these keys).
 */

/** Field names shared with the forwarder's Fluent Bit configuration. */
export const ENVELOPE_KEYS = {
  time: 'time',
  cluster: 'cluster',
  node: 'node',
  message: 'MESSAGE',
} as const;

/** One forwarded log line. */
export interface ForwarderEnvelope {
  time: string;
  cluster: string;
  node: string;
  MESSAGE: string;
}

/** Builds the envelope for one line; `time` is when it was read, as with Fluent Bit's tail. */
export function buildEnvelope(
  line: string,
  origin: { cluster: string; node: string },
  readAt: Date,
): ForwarderEnvelope {
  return {
    time: formatEnvelopeTime(readAt),
    cluster: origin.cluster,
    node: origin.node,
    MESSAGE: line,
  };
}

/** Formats a time the way Fluent Bit's `timestamp_format iso8601_ns` does (nine digits, `Z`). */
export function formatEnvelopeTime(time: Date): string {
  return time.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

// "May  1 12:34:56 aks-nodepool1-12345678-vmss000000 kernel: ..." (RFC 3164, rsyslog default)
const BSD_SYSLOG_HOST = /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} (\S+) /;
// "2024-05-01T12:34:56.123456+00:00 aks-nodepool1-... kernel: ..." (RFC 3339, rsyslog precise)
const RFC3339_SYSLOG_HOST =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}) (\S+) /;

/** The host a syslog-formatted line names, or null for dmesg, journalctl -o cat and bare text. */
export function syslogHost(line: string): string | null {
  const match = BSD_SYSLOG_HOST.exec(line) ?? RFC3339_SYSLOG_HOST.exec(line);
  return match?.[1] ?? null;
}
