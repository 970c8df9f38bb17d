/**
 * The one entry point for input: whatever a forwarder put on the wire (text, bytes, JSON,
 * already-parsed JSON) becomes log records. Never throws. Problems that make a message
 * unreadable are `fatal` (the caller dead-letters the message); the records that could be
 * read are returned all the same.
 */
import { readEnvelopes, type EnvelopeFields, type EnvelopeProblem } from './json-envelope';
import { parseLinePrefix, type LinePrefix } from './line-prefix';
import type { LogRecord } from './log-record';

/** Who sent a message; each level is used only where the one above it is silent. */
export interface DecodeContext {
  /** Node named by the transport (an application property): wins over everything. */
  node?: string | null;
  cluster?: string | null;
  /** Node and cluster from the partition key: below JSON fields, above the syslog host. */
  partitionNode?: string | null;
  partitionCluster?: string | null;
  /** Last resort (app setting or CLI flag). */
  defaultNode?: string | null;
  defaultCluster?: string | null;
  /** Supplies the year of yearless syslog dates (e.g. the Event Hubs enqueued time). */
  referenceTime?: Date;
  /** Transport receive time, kept on each record. */
  receivedAt?: string | null;
}

export type DecodeProblemCode = 'not-text' | 'bad-json' | 'invalid-utf8' | EnvelopeProblem['code'];

export interface DecodeProblem {
  code: DecodeProblemCode;
  message: string;
  /** The message cannot be fully read: keep it where an operator can find it. */
  fatal: boolean;
}

/**
 * Streaming options for the hot path. `onRecord` receives each record as it is decoded (so a
 * caller can decide about the next line with what the record changed); `keepLine` may skip a
 * raw line before any prefix is parsed, when the caller knows it cannot matter.
 */
export interface DecodeOptions {
  onRecord?: (record: LogRecord) => void;
  keepLine?: (line: string) => boolean;
}

export interface DecodeResult {
  records: LogRecord[];
  problems: DecodeProblem[];
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/** Decodes one transport message into log records. */
export function decodeMessage(
  body: unknown,
  context: DecodeContext = {},
  options: DecodeOptions = {},
): DecodeResult {
  const result: Collector = { records: [], problems: [], options };
  const reference = context.referenceTime ?? new Date();

  if (typeof body === 'string') {
    decodeText(body, context, reference, result);
  } else if (body instanceof Uint8Array) {
    decodeText(bytesToText(body, result), context, reference, result);
  } else if (typeof body === 'object' && body !== null) {
    decodeJson(body, context, reference, result);
  } else {
    result.problems.push({
      code: 'not-text',
      message: `message body is ${body === null ? 'null' : typeof body}, not text or JSON`,
      fatal: true,
    });
  }
  return { records: result.records, problems: result.problems };
}

/** What decoding collects, and how the caller wants records handed over. */
interface Collector extends DecodeResult {
  options: DecodeOptions;
}

function bytesToText(bytes: Uint8Array, result: DecodeResult): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    // Keep the line with replacement characters: the kernel text around the bad bytes
    // (often a process name) is still worth reading.
    result.problems.push({
      code: 'invalid-utf8',
      message: 'message is not valid UTF-8; bad bytes were replaced',
      fatal: false,
    });
    return utf8Lenient.decode(bytes);
  }
}

function decodeText(
  text: string,
  context: DecodeContext,
  reference: Date,
  result: Collector,
): void {
  if (!looksLikeJson(text)) {
    pushLines(text, null, context, reference, result);
    return;
  }
  const parsed = tryParseJson(text);
  if (parsed.ok) {
    decodeJson(parsed.value, context, reference, result);
    return;
  }
  decodeMixedLines(text, context, reference, result);
}

/**
 * Text that starts like JSON but is not one JSON value: newline-delimited JSON, or a log whose
 * first line happens to be JSON. Each JSON-looking line is parsed alone (a broken one is a
 * fatal problem: the caller keeps the message where an operator can find it); runs of other
 * lines are read as log text, so no kernel line is lost to the first line's shape. A single
 * broken JSON value is not fed on as log text, where a fragment could cut a report in two.
 */
function decodeMixedLines(
  text: string,
  context: DecodeContext,
  reference: Date,
  result: Collector,
): void {
  const lines = text.split('\n');
  let textRun: string[] = [];
  const flushText = () => {
    if (textRun.length > 0) pushLines(textRun.join('\n'), null, context, reference, result);
    textRun = [];
  };

  for (const line of lines) {
    if (!looksLikeJson(line)) {
      textRun.push(line);
      continue;
    }
    flushText();
    const parsed = tryParseJson(line);
    if (parsed.ok) decodeJson(parsed.value, context, reference, result);
    else result.problems.push({ code: 'bad-json', message: jsonError(line), fatal: true });
  }
  flushText();
}

function looksLikeJson(text: string): boolean {
  const first = firstNonSpace(text);
  return first === '{' || (first === '[' && JSON_ARRAY_START.test(text));
}

function decodeJson(
  value: unknown,
  context: DecodeContext,
  reference: Date,
  result: Collector,
): void {
  const envelopes: EnvelopeFields[] = [];
  const problems: EnvelopeProblem[] = [];
  readEnvelopes(value, envelopes, problems);
  for (const problem of problems) result.problems.push({ ...problem, fatal: true });
  for (const envelope of envelopes) pushLines(envelope.text, envelope, context, reference, result);
}

function pushLines(
  text: string,
  envelope: EnvelopeFields | null,
  context: DecodeContext,
  reference: Date,
  result: Collector,
): void {
  // rsyslog escapes control characters: #012 is a newline inside one printk record.
  const unescaped = text.includes('#0') ? text.replace(/#012/g, '\n').replace(/#011/g, '\t') : text;
  const { onRecord, keepLine } = result.options;
  const lines = unescaped.split('\n');
  let previous: LogRecord | null = null;
  // Lines after the last kept one were skipped by keepLine (never decoded).
  let lastKept = -1;

  for (let index = 0; index < lines.length; index++) {
    const line = withoutCr(lines[index] ?? '');
    if (line.trim() === '') continue;
    if (keepLine && !keepLine(line)) continue;

    const prefix = parseLinePrefix(line, reference);
    if (prefix.bare && index > lastKept + 1) {
      previous = chainThroughSkipped(
        lines,
        lastKept + 1,
        index,
        previous,
        (skippedPrefix) => toRecord(skippedPrefix, envelope, context, null),
        reference,
      );
    }
    lastKept = index;
    // A line with no prefix of its own continues the record before it (multi-line printk,
    // memory.stat blocks); a grep separator breaks that chain.
    const inherit = prefix.bare && line !== '--' ? previous : null;
    const record = toRecord(prefix, envelope, context, inherit);
    if (onRecord) onRecord(record);
    else result.records.push(record);
    previous = line === '--' ? null : record;
  }
}

/**
 * What a kept continuation line would have inherited had the skipped lines before it been
 * decoded: the nearest skipped line with a prefix of its own (a grep `--` ends the chain),
 * else the last kept record. Only this rare case decodes skipped lines.
 */
function chainThroughSkipped(
  lines: string[],
  from: number,
  to: number,
  previous: LogRecord | null,
  recordOf: (prefix: LinePrefix) => LogRecord,
  reference: Date,
): LogRecord | null {
  for (let index = to - 1; index >= from; index--) {
    const line = withoutCr(lines[index] ?? '');
    if (line.trim() === '') continue;
    if (line === '--') return null;
    const prefix = parseLinePrefix(line, reference);
    if (!prefix.bare) return recordOf(prefix);
  }
  return previous;
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** A record from a line's prefixes, the envelope, the transport context and inheritance. */
function toRecord(
  prefix: LinePrefix,
  envelope: EnvelopeFields | null,
  context: DecodeContext,
  inherit: LogRecord | null,
): LogRecord {
  return {
    node:
      context.node ??
      envelope?.node ??
      context.partitionNode ??
      prefix.node ??
      inherit?.node ??
      envelope?.hostNode ??
      context.defaultNode ??
      null,
    cluster:
      context.cluster ??
      envelope?.cluster ??
      context.partitionCluster ??
      context.defaultCluster ??
      null,
    time: prefix.time ?? inherit?.time ?? envelope?.time ?? null,
    kernelTime: prefix.kernelTime ?? inherit?.kernelTime ?? envelope?.kernelTime ?? null,
    program: prefix.program ?? inherit?.program ?? envelope?.program ?? null,
    message: prefix.message,
    bare: prefix.bare && envelope === null,
    receivedAt: context.receivedAt ?? null,
  };
}

/**
 * dmesg output, task-table rows and stack frames start with `[` too (`[  12.3] …`, `[ 1381] …`,
 * `[<ffffffff8137ad47>] …`); a JSON array opens with an object, array, string or `]`.
 */
const JSON_ARRAY_START = /^\s*\[\s*[{["\]]/;

function firstNonSpace(text: string): string {
  for (let index = 0; index < text.length && index < 64; index++) {
    const char = text[index] ?? '';
    if (char.trim() !== '') return char;
  }
  return '';
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return 'JSON could not be read';
  } catch (error) {
    return `malformed JSON: ${(error as Error).message}`;
  }
}
