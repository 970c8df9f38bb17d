/** Registers the HTTP API with the Functions host: one `app.http` per route table entry. */
import { app } from '@azure/functions';

import { HTTP_ROUTES } from './http-routes';

for (const { name, route, methods, authLevel, handler } of HTTP_ROUTES) {
  app.http(name, { route, methods, authLevel, handler });
}
