/**
 * `GET /api/clusters/{cluster}/summaries/daily` and `…/daily/{date}`, over the summary module
 * (shared/summary/daily-summary-query.ts): stored days are read, today's is computed live.
 */
import { z } from 'zod';

import {
  FutureDayError,
  getDailySummaries,
  getDailySummary,
  MAX_SUMMARY_RANGE_DAYS,
} from '../summary/daily-summary-query';
import { addDays, daysBetween, utcDayOf } from '../summary/utc-day';
import { ApiError } from './api-errors';
import { ApiStore } from './api-store';
import { defineOperation } from './api-operation';
import { clusterNotFound } from './event-queries';
import { clusterPathParameters, utcDayParameter, utcDayPathParameter } from './parameter-schemas';

/** Days a range covers when `from` is not given: the week ending on `to`. */
export const DEFAULT_SUMMARY_DAYS = 7;

async function requireCluster(store: ApiStore, cluster: string): Promise<void> {
  if ((await store.findCluster(cluster)) === null) throw clusterNotFound(cluster);
}

function futureDay(parameter: string, location: 'path' | 'query'): ApiError {
  return new ApiError('invalid_parameters', '1 parameter is not valid; see details.', [
    { parameter, in: location, message: 'must not be after today (UTC)' },
  ]);
}

const SUMMARY_SCHEMA = { type: 'object', required: ['cluster', 'day', 'totalKills'] };

/** Summaries of a range of days, oldest first. */
export const listDailySummariesOperation = defineOperation({
  summary: 'Daily summaries of a cluster',
  description:
    `Summaries of each UTC day from \`from\` to \`to\` (both inclusive, at most ` +
    `${MAX_SUMMARY_RANGE_DAYS} days), oldest first. \`to\` defaults to today and is clipped ` +
    `to it; \`from\` defaults to ${DEFAULT_SUMMARY_DAYS - 1} days before \`to\`.`,
  pathParameters: clusterPathParameters,
  queryParameters: z.object({
    from: utcDayParameter('First day, inclusive.'),
    to: utcDayParameter('Last day, inclusive; today by default.'),
  }),
  crossCheck: ({ from, to }) => {
    if (from === undefined || to === undefined) return [];
    if (to < from) return [{ parameter: 'to', message: 'must not be before from' }];
    return daysBetween(from, to).length > MAX_SUMMARY_RANGE_DAYS
      ? [{ parameter: 'to', message: `must be at most ${MAX_SUMMARY_RANGE_DAYS} days after from` }]
      : [];
  },
  produces: ['application/json'],
  responseSchema: {
    type: 'object',
    required: ['cluster', 'summaries'],
    properties: {
      cluster: { type: 'string' },
      summaries: { type: 'array', items: SUMMARY_SCHEMA },
    },
  },
  errors: ['invalid_parameters', 'cluster_not_found'],
  run: async ({ path, query }, deps) => {
    await requireCluster(deps.store(), path.cluster);
    const today = utcDayOf(new Date());
    const to = query.to ?? today;
    const from = query.from ?? addDays(to < today ? to : today, 1 - DEFAULT_SUMMARY_DAYS);
    if (from > today) throw futureDay('from', 'query');
    try {
      const summaries = await getDailySummaries(path.cluster, from, to);
      return { status: 200, json: { cluster: path.cluster, summaries } };
    } catch (error) {
      if (error instanceof FutureDayError) throw futureDay('from', 'query');
      throw error;
    }
  },
});

/** The summary of one day. */
export const getDailySummaryOperation = defineOperation({
  summary: 'Daily summary of one day',
  description: "The summary of one UTC day; today's is computed live (`complete` is false).",
  pathParameters: clusterPathParameters.extend({
    date: utcDayPathParameter('UTC day, YYYY-MM-DD.'),
  }),
  queryParameters: z.object({}),
  produces: ['application/json'],
  responseSchema: SUMMARY_SCHEMA,
  errors: ['invalid_parameters', 'cluster_not_found'],
  run: async ({ path }, deps) => {
    await requireCluster(deps.store(), path.cluster);
    if (path.date > utcDayOf(new Date())) throw futureDay('date', 'path');
    try {
      return { status: 200, json: await getDailySummary(path.cluster, path.date) };
    } catch (error) {
      if (error instanceof FutureDayError) throw futureDay('date', 'path');
      throw error;
    }
  },
});
