/**
 * Reads the JSON shapes forwarders put on the wire: Fluent Bit / Vector / rsyslog JSON
 * objects (`log`, `message`, `MESSAGE`, `msg`), journald JSON export, Fluent Bit kmsg records
 * (`sec`/`usec`), arrays of these and Azure diagnostic `{"records": [...]}` envelopes.
 */

import { isoFromStorableMs } from './wall-clock';

/** What an envelope says about the line(s) it carries. */
export interface EnvelopeFields {
  text: string;
  node: string | null;
  hostNode: string | null;
  cluster: string | null;
  time: string | null;
  kernelTime: number | null;
  program: string | null;
}

export type EnvelopeProblemCode = 'no-message' | 'too-deep' | 'not-an-object';

export interface EnvelopeProblem {
  code: EnvelopeProblemCode;
  message: string;
}

/** JSON nesting beyond this is refused rather than followed (hostile or broken input). */
export const MAX_ENVELOPE_DEPTH = 8;

const MESSAGE_KEYS = ['log', 'message', 'MESSAGE', 'msg'] as const;
const HOST_KEYS = ['_HOSTNAME', 'hostname', 'host', 'HOSTNAME'] as const;
const TIME_KEYS = ['time', 'timestamp', '@timestamp', '__REALTIME_TIMESTAMP', 'date', 'ts'];
const PROGRAM_KEYS = ['SYSLOG_IDENTIFIER', 'ident', 'programname', 'appname', 'app_name', 'tag'];

/** Walks a parsed JSON value and collects every carried message, or says why it can't. */
export function readEnvelopes(
  value: unknown,
  found: EnvelopeFields[],
  problems: EnvelopeProblem[],
  depth = 0,
): void {
  if (depth > MAX_ENVELOPE_DEPTH) {
    problems.push({ code: 'too-deep', message: `JSON nested deeper than ${MAX_ENVELOPE_DEPTH}` });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) readEnvelopes(item, found, problems, depth + 1);
    return;
  }
  if (!isObject(value)) {
    problems.push({ code: 'not-an-object', message: `JSON ${typeof value} carries no log line` });
    return;
  }
  if (Array.isArray(value.records)) {
    readEnvelopes(value.records, found, problems, depth + 1);
    return;
  }

  const text = messageText(value);
  if (text === null) {
    const keys = Object.keys(value).slice(0, 8).join(', ');
    problems.push({
      code: 'no-message',
      message: `JSON object has no log, message, MESSAGE or msg field (keys: ${keys})`,
    });
    return;
  }
  found.push(envelopeFields(value, text));
}

function envelopeFields(value: Record<string, unknown>, text: string): EnvelopeFields {
  const kubernetes = isObject(value.kubernetes) ? value.kubernetes : {};
  const transport = stringField(value, '_TRANSPORT');
  const isKmsgRecord = typeof value.sec === 'number' && typeof value.usec === 'number';

  return {
    text,
    node: stringField(value, 'node') ?? stringField(value, 'nodeName'),
    hostNode: firstString(value, HOST_KEYS) ?? stringField(kubernetes, 'host'),
    cluster: stringField(value, 'cluster'),
    time: readTime(value),
    kernelTime: isKmsgRecord
      ? Number(value.sec) + Number(value.usec) / 1e6
      : monotonicSeconds(value, transport),
    program: readProgram(value, transport, isKmsgRecord),
  };
}

function messageText(value: Record<string, unknown>): string | null {
  for (const key of MESSAGE_KEYS) {
    const field = value[key];
    if (typeof field === 'string') return field;
    // journald exports a non-UTF-8 MESSAGE as an array of bytes.
    if (Array.isArray(field) && field.every((byte) => typeof byte === 'number')) {
      return Buffer.from(field).toString('utf8');
    }
  }
  return null;
}

/** journald's kernel transport is the only trustworthy mark of a kernel line. */
function readProgram(
  value: Record<string, unknown>,
  transport: string | null,
  isKmsgRecord: boolean,
): string | null {
  if (transport === 'kernel' || isKmsgRecord) return 'kernel';
  const program = firstString(value, PROGRAM_KEYS);
  if (program === 'kernel' && transport !== null) return 'kernel-impostor';
  return program;
}

function monotonicSeconds(value: Record<string, unknown>, transport: string | null) {
  if (transport !== 'kernel') return null;
  const raw = value._SOURCE_MONOTONIC_TIMESTAMP ?? value.__MONOTONIC_TIMESTAMP;
  const micros = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
  return Number.isFinite(micros) ? micros / 1e6 : null;
}

function readTime(value: Record<string, unknown>): string | null {
  for (const key of TIME_KEYS) {
    const raw = value[key];
    const iso = typeof raw === 'number' ? isoFromEpoch(raw) : isoFromText(raw);
    if (iso) return iso;
  }
  return null;
}

function isoFromText(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw === '') return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return isoFromEpoch(Number(raw));
  return isoFromStorableMs(Date.parse(raw));
}

/** Epoch in seconds, milliseconds or microseconds (journald), told apart by magnitude. */
function isoFromEpoch(epoch: number): string | null {
  if (!Number.isFinite(epoch) || epoch <= 0) return null;
  const ms = epoch > 1e14 ? epoch / 1000 : epoch > 1e11 ? epoch : epoch * 1000;
  return isoFromStorableMs(ms);
}

function firstString(value: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const found = stringField(value, key);
    if (found !== null) return found;
  }
  return null;
}

function stringField(value: Record<string, unknown>, key: string): string | null {
  const field = value[key];
  return typeof field === 'string' && field !== '' ? field : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
