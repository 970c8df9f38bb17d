/**
 * The opaque cursor of an event listing: the RowKey of the last event returned.
 *
 * The SDK's continuation token covers one query of one partition; a listing by pod name merges
 * the partitions of several pod uids, so the cursor records a position in the RowKey order
 * shared by every index table instead. It stays valid while new events arrive (they sort
 * before it) and asks the service for nothing it cannot serve from a RowKey range.
 */

/** Thrown for a cursor this module did not produce; an API answers 400 with the message. */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid: pass back the nextCursor of a previous page unchanged');
    this.name = 'InvalidCursorError';
  }
}

interface CursorBody {
  v: 1;
  after: string;
}

/** Wraps the last RowKey of a page as an opaque, URL-safe cursor. */
export function encodeEventCursor(lastRowKey: string): string {
  const body: CursorBody = { v: 1, after: lastRowKey };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Unwraps a cursor from {@link encodeEventCursor} to the RowKey to continue after. */
export function decodeEventCursor(cursor: string): string {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const candidate = body as Partial<CursorBody> | null;
  if (candidate?.v !== 1 || typeof candidate.after !== 'string' || candidate.after === '') {
    throw new InvalidCursorError();
  }
  return candidate.after;
}
