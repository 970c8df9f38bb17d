/**
 * `GET /api/dashboard?cluster=C[&days=N][&to=YYYY-MM-DD]`: the dashboard page
 * (shared/dashboard). The page is static; its parameters are validated here, so a bad link is
 * a 400 like on every route, and read again by the page's script, which fetches the data.
 */
import { z } from 'zod';

import { dashboardPage } from '../dashboard/dashboard-page';
import { MAX_SUMMARY_RANGE_DAYS } from '../summary/daily-summary-query';
import { defineOperation } from './api-operation';
import { queryText, utcDayParameter } from './parameter-schemas';

/** Days the page shows when `days` is not given. */
export const DEFAULT_DASHBOARD_DAYS = 7;

const DAYS_MESSAGE = `must be a whole number from 1 to ${MAX_SUMMARY_RANGE_DAYS}`;

/** Serves the dashboard page. */
export const dashboardOperation = defineOperation({
  summary: 'Dashboard page',
  description:
    'An HTML page for a cluster: kills per hour by scope, kills per day by node and by ' +
    'namespace, and the newest events of the window with a link to each. The page fetches ' +
    'the JSON routes from the browser (passing `code` on) and inlines its scripts, so it ' +
    'works offline under its own Content-Security-Policy. Without `cluster` it lists the ' +
    'clusters.',
  pathParameters: z.object({}),
  queryParameters: z.object({
    cluster: queryText('Cluster to show; without it the page lists the clusters.', 253),
    days: z.coerce
      .number({ error: DAYS_MESSAGE })
      .int({ error: DAYS_MESSAGE })
      .min(1, { error: DAYS_MESSAGE })
      .max(MAX_SUMMARY_RANGE_DAYS, { error: DAYS_MESSAGE })
      .default(DEFAULT_DASHBOARD_DAYS)
      .meta({ description: `Days shown, 1–${MAX_SUMMARY_RANGE_DAYS}.` }),
    to: utcDayParameter(
      "Last day shown (UTC), inclusive; the day of the cluster's last event by default.",
    ),
  }),
  produces: ['text/html'],
  responseSchema: { type: 'string' },
  errors: ['invalid_parameters'],
  run: () => {
    const page = dashboardPage();
    return Promise.resolve({
      status: 200,
      text: page.html,
      contentType: 'text/html; charset=utf-8',
      headers: page.headers,
    });
  },
});
