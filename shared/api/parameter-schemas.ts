/**
 * Zod schemas of the parameters the API shares. Each carries the message a client sees when
 * its value is wrong and a description for the OpenAPI document; both come from here only.
 */
import { z } from 'zod';

import { MAX_EPOCH_MS } from '../storage/keys';
import { isUtcDay } from '../summary/utc-day';
import { decodeEventCursor } from '../storage/event-cursor';
import { MAX_PAGE_SIZE } from '../storage/event-store';

/** Page size when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 100;

/** A required path segment of at most `max` characters. */
export function pathText(description: string, max: number) {
  return z
    .string({ error: 'is required' })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .meta({ description });
}

/** The `{cluster}` of every cluster route. */
export const clusterPathParameters = z.object({
  cluster: pathText('Cluster name, as listed by /api/clusters.', 253),
});

/** An optional query value of 1 to `max` characters. */
export function queryText(description: string, max: number) {
  return z
    .string()
    .min(1, { error: 'must not be empty when given' })
    .max(max, { error: `must be at most ${max} characters` })
    .optional()
    .meta({ description });
}

const ISO_INSTANT_MESSAGE =
  'must be an ISO-8601 date-time with a time zone (2024-05-01T10:00:00Z, ' +
  '2024-05-01T12:00:00+02:00) or a UTC date (2024-05-01)';

/**
 * An optional instant: an ISO-8601 date-time with `Z` or an offset, or a date (its UTC
 * midnight). Limited to the years the store's time keys can represent.
 */
export function isoInstant(description: string) {
  return z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: ISO_INSTANT_MESSAGE })
    .transform((text) => new Date(text))
    .refine((date) => date.getTime() >= 1 && date.getTime() <= MAX_EPOCH_MS, {
      error: 'must be after 1970-01-01T00:00:00Z and before the year 2286',
    })
    .optional()
    .meta({ description });
}

const DAY_MESSAGE = 'must be a UTC date written YYYY-MM-DD';

/** An optional UTC day, `YYYY-MM-DD`. */
export function utcDayParameter(description: string) {
  return z.string().refine(isUtcDay, { error: DAY_MESSAGE }).optional().meta({ description });
}

/** A UTC day in a path segment, `YYYY-MM-DD`. */
export function utcDayPathParameter(description: string) {
  return pathText(description, 10).refine(isUtcDay, { error: DAY_MESSAGE });
}

const LIMIT_MESSAGE = `must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** Page size, 1–{@link MAX_PAGE_SIZE}, default {@link DEFAULT_PAGE_SIZE}. */
export const limitParameter = z.coerce
  .number({ error: LIMIT_MESSAGE })
  .int({ error: LIMIT_MESSAGE })
  .min(1, { error: LIMIT_MESSAGE })
  .max(MAX_PAGE_SIZE, { error: LIMIT_MESSAGE })
  .default(DEFAULT_PAGE_SIZE)
  .meta({ description: `Events per page, 1–${MAX_PAGE_SIZE}.` });

/**
 * Longest cursor accepted: ours wrap one RowKey (at most 1 KiB) and are far shorter; a forged
 * longer one would otherwise reach the service as an oversized filter and fail there (500).
 */
const MAX_CURSOR_LENGTH = 4096;

/** The opaque cursor of a previous page, checked here so a bad one is a 400 with the rest. */
export const cursorParameter = z
  .string()
  .max(MAX_CURSOR_LENGTH, { error: `must be at most ${MAX_CURSOR_LENGTH} characters` })
  .refine(isEventCursor, {
    error: 'is not a cursor of this API: pass the nextCursor of the previous page unchanged',
  })
  .optional()
  .meta({ description: "Opaque: the previous page's nextCursor, passed back unchanged." });

function isEventCursor(cursor: string): boolean {
  try {
    decodeEventCursor(cursor);
    return true;
  } catch {
    return false;
  }
}

/** `format=json|csv`, which wins over the Accept header. */
export const formatParameter = z
  .enum(['json', 'csv'], { error: 'must be json or csv' })
  .optional()
  .meta({ description: 'Response format; overrides the Accept header.' });
