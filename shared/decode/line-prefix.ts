/**
 * Takes the prefixes off one text line: the transport envelope (raw kmsg, RFC 5424,
 * ISO-8601, RFC 3164 / journalctl) and then the kernel's own prefixes (dmesg -x columns,
 * printk time, dmesg -T wall time, printk caller id). Never throws; an unknown shape is
 * returned as a bare message.
 */
import { isoFromIso8601, isoFromParts, isoFromYearless, monthIndex } from './wall-clock';

export interface LinePrefix {
  node: string | null;
  time: string | null;
  kernelTime: number | null;
  program: string | null;
  message: string;
  bare: boolean;
}

// `prio,seq,usec,flags;text` as read from /dev/kmsg (Documentation/ABI/testing/dev-kmsg).
const KMSG_RECORD = /^(\d{1,4}),(\d+),(\d+),[^;]*;/;
// `<PRI>` of RFC 3164/5424 when a forwarder keeps it.
const SYSLOG_PRI = /^<\d{1,3}>/;
// RFC 5424 after PRI: `1 TIMESTAMP HOST APP PROCID MSGID SD `.
const RFC5424 = /^1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]\\]|\\.)*\])+) ?/;
// rsyslog file format, journalctl -o short-iso / short-iso-precise.
const ISO_STAMP =
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)\s+/;
// RFC 3164 and journalctl short / short-precise: `Mon DD HH:MM:SS[.uuuuuu] `, any language.
const YEARLESS_STAMP = /^(\p{L}{2,5}\.?)\s{1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)\s+/u;
// `tag[pid]: ` or `tag: `; the kernel tag is sometimes glued to the text.
const TAG = /^([^\s:[\]]{1,64})(?:\[\d+\])?:(?: |$)/;
const GLUED_KERNEL_TAG = /^kernel:(?=\S)/;
// dmesg -x: `kern  :warn  : `.
const DMESG_FACILITY =
  /^(kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\s*:\s*(emerg|alert|crit|err|warn|notice|info|debug)\s*: ?/;
// printk time `[  123.456789]`.
const PRINTK_TIME = /^\[\s*(\d+\.\d+)\] ?/;
// dmesg -T wall time `[Thu Aug 17 17:29:27 2023]`, also localised (`[二 9月  3 05:57:48 2024]`).
const DMESG_WALL = /^\[([^\]]{0,40}?\d{1,2}:\d{2}:\d{2}[^\]]{0,12})\] ?/;
// printk caller id `[ T9185]` / `[  C3]` (CONFIG_PRINTK_CALLER).
const PRINTK_CALLER = /^\[\s*[TC]\d+\] ?/;

/** Splits the prefixes off a line. `reference` supplies the year for yearless dates. */
export function parseLinePrefix(line: string, reference: Date): LinePrefix {
  const result: LinePrefix = {
    node: null,
    time: null,
    kernelTime: null,
    program: null,
    message: line,
    bare: true,
  };

  // Each envelope pattern is tried only when the line's first character can start it.
  const kmsg = isDigit(line.charCodeAt(0)) ? KMSG_RECORD.exec(line) : null;
  if (kmsg) {
    result.kernelTime = Number(kmsg[3]) / 1e6;
    result.program = 'kernel';
    result.message = line.slice(kmsg[0].length);
    result.bare = false;
  } else {
    takeEnvelope(result, reference);
  }

  takeKernelPrefixes(result);
  return result;
}

function takeEnvelope(result: LinePrefix, reference: Date): void {
  let rest = result.message;
  const pri = rest.charCodeAt(0) === 60 /* < */ ? SYSLOG_PRI.exec(rest) : null;
  if (pri) rest = rest.slice(pri[0].length);

  const rfc5424 = rest.startsWith('1 ') ? RFC5424.exec(rest) : null;
  if (rfc5424) {
    result.time = isoFromIso8601(rfc5424[1] ?? '');
    result.node = nilValue(rfc5424[2]);
    result.program = nilValue(rfc5424[3]);
    result.message = rest.slice(rfc5424[0].length);
    result.bare = false;
    return;
  }

  const iso = isDigit(rest.charCodeAt(0)) ? ISO_STAMP.exec(rest) : null;
  const yearless = iso ? null : YEARLESS_STAMP.exec(rest);
  if (iso) {
    result.time = isoFromIso8601(iso[1] ?? '');
    rest = rest.slice(iso[0].length);
  } else if (yearless) {
    result.time = yearlessIso(yearless, reference);
    rest = rest.slice(yearless[0].length);
  } else {
    if (pri) result.message = rest;
    return;
  }

  result.bare = false;
  takeHostAndTag(result, rest);
}

// Consecutive syslog lines mostly share their second: the last stamp read and its ISO time.
let lastStamp = '';
let lastReferenceMs = NaN;
let lastIso: string | null = null;

/** ISO time of a yearless stamp, reusing the previous line's when the stamp is the same. */
function yearlessIso(yearless: RegExpExecArray, reference: Date): string | null {
  const stamp = yearless[0];
  const referenceMs = reference.getTime();
  if (stamp === lastStamp && referenceMs === lastReferenceMs) return lastIso;

  const month = monthIndex(yearless[1] ?? '');
  lastIso =
    month === null
      ? null
      : isoFromYearless(month, Number(yearless[2]), yearless[3] ?? '', reference);
  lastStamp = stamp;
  lastReferenceMs = referenceMs;
  return lastIso;
}

/** After a timestamp: `host tag: msg`, `tag: msg` (journalctl without host) or just `msg`. */
function takeHostAndTag(result: LinePrefix, rest: string): void {
  const direct = tagAt(rest);
  if (direct) {
    result.program = direct.program;
    result.message = direct.message;
    return;
  }

  const space = rest.indexOf(' ');
  const afterHost = space > 0 ? tagAt(rest.slice(space + 1)) : null;
  if (afterHost) {
    result.node = rest.slice(0, space);
    result.program = afterHost.program;
    result.message = afterHost.message;
    return;
  }
  result.message = rest;
}

function tagAt(text: string): { program: string; message: string } | null {
  if (text.startsWith('kernel:') && GLUED_KERNEL_TAG.test(text)) {
    return { program: 'kernel', message: text.slice(7) };
  }
  // A tag holds no whitespace and ends with `:` before the first space (or the line's end):
  // most RFC 3164 lines start with the host, and fail here without running TAG.
  const space = text.indexOf(' ');
  if (text.charCodeAt((space < 0 ? text.length : space) - 1) !== 58 /* : */) return null;
  const tag = TAG.exec(text);
  if (!tag) return null;
  return { program: tag[1] ?? '', message: text.slice(tag[0].length) };
}

function takeKernelPrefixes(result: LinePrefix): void {
  let message = result.message;

  const facility = DMESG_FACILITY.exec(message);
  if (facility) {
    if (facility[1] === 'kern') result.program ??= 'kernel';
    message = message.slice(facility[0].length);
    result.bare = false;
  }

  if (message.charCodeAt(0) === 91 /* [ */) {
    const printk = PRINTK_TIME.exec(message);
    const wall = printk ? null : DMESG_WALL.exec(message);
    if (printk) {
      result.kernelTime = Number(printk[1]);
      message = message.slice(printk[0].length);
      result.bare = false;
    } else if (wall) {
      result.time ??= isoFromDmesgWall(wall[1] ?? '');
      message = message.slice(wall[0].length);
      result.bare = false;
    }
    const caller = PRINTK_CALLER.exec(message);
    if (caller) message = message.slice(caller[0].length);
  }

  result.message = message;
}

/** Reads `Thu Aug 17 17:29:27 2023` in any language; null when the date cannot be read. */
function isoFromDmesgWall(text: string): string | null {
  const tokens = text.trim().split(/\s+/);
  const clockAt = tokens.findIndex((token) => /^\d{1,2}:\d{2}:\d{2}$/.test(token));
  const year = Number(tokens[clockAt + 1]);
  const day = Number(tokens[clockAt - 1]);
  const month = monthIndex(tokens[clockAt - 2] ?? '');
  if (clockAt < 2 || month === null || !Number.isInteger(year) || !Number.isInteger(day)) {
    return null;
  }
  return isoFromParts(year, month, day, tokens[clockAt] ?? '');
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function nilValue(value: string | undefined): string | null {
  return value === undefined || value === '-' ? null : value;
}

/**
 * An indented line with no prefix of its own continues the line before it (a multi-line
 * printk such as a cgroup v2 memory.stat block, as dmesg and `grep -C` print it). Whoever cuts
 * a log into messages keeps such lines with the line before, as journald does.
 */
export function isContinuationLine(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first !== 32 && first !== 9) return false;
  return parseLinePrefix(line, CONTINUATION_REFERENCE).bare && line.trim() !== '';
}

const CONTINUATION_REFERENCE = new Date(0);
