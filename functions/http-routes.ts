/**
 * THE route table of the HTTP API: functions/api.ts registers each entry with `app.http` and
 * the local host (functions/local-host.ts) serves the same entries, so a route is written
 * here once. Adding a route is one `get(…)` line over an operation from shared/.
 */
import { HttpHandler, HttpMethod } from '@azure/functions';

import { ApiOperation } from '../shared/api/api-operation';
import { listClustersOperation } from '../shared/api/cluster-queries';
import { dashboardOperation } from '../shared/api/dashboard-operation';
import { getEventOperation, listEventsOperation } from '../shared/api/event-queries';
import { openApiOperation, routeParametersMatch } from '../shared/api/openapi';
import {
  getDailySummaryOperation,
  listDailySummariesOperation,
} from '../shared/api/summary-queries';
import { httpHandler } from './http-handler';

/** One HTTP function: its registration and the operation it serves. */
export interface HttpRoute {
  /** Function name, unique in the app. */
  name: string;
  /** Route template under /api, with `{param}` segments. */
  route: string;
  methods: HttpMethod[];
  authLevel: 'function';
  handler: HttpHandler;
  operation: ApiOperation;
}

/** A GET route serving `operation`; its template must name the operation's path parameters. */
function get(name: string, route: string, operation: ApiOperation): HttpRoute {
  const entry: HttpRoute = {
    name,
    route,
    methods: ['GET'],
    authLevel: 'function',
    handler: httpHandler(operation),
    operation,
  };
  if (!routeParametersMatch(entry)) {
    throw new Error(`route ${route} and the path parameters of ${name} disagree`);
  }
  return entry;
}

/** Every route of the API. */
export const HTTP_ROUTES: readonly HttpRoute[] = [
  get('listClusters', 'clusters', listClustersOperation),
  get('listEvents', 'clusters/{cluster}/events', listEventsOperation),
  get('getEvent', 'clusters/{cluster}/events/{id}', getEventOperation),
  get('getDailySummaries', 'clusters/{cluster}/summaries/daily', listDailySummariesOperation),
  get('getDailySummary', 'clusters/{cluster}/summaries/daily/{date}', getDailySummaryOperation),
  get('getDashboard', 'dashboard', dashboardOperation),
  get(
    'getOpenApiDocument',
    'openapi.json',
    openApiOperation(() => HTTP_ROUTES),
  ),
];
