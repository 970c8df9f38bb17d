/**
 * Adapts an API operation to an Azure Functions HTTP handler: HttpRequest → plain ApiRequest,
 * ApiResult → HttpResponseInit. Expected failures are logged at info, the rest at error with
 * their cause; no response carries a stack trace.
 */
import { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import {
  ApiDependencies,
  ApiOperation,
  ApiRequest,
  ApiResult,
  respond,
} from '../shared/api/api-operation';
import { apiStoreFromEnvironment } from '../shared/api/api-store';

/** Dependencies in Azure and under the local host: the store from the app settings. */
export const ENVIRONMENT_DEPENDENCIES: ApiDependencies = { store: apiStoreFromEnvironment };

/** The plain request an operation reads. */
export function toApiRequest(request: HttpRequest): ApiRequest {
  return {
    params: { ...request.params },
    query: [...request.query.entries()],
    accept: request.headers.get('accept'),
  };
}

/** The Functions response of an operation's result. */
export function toHttpResponse(result: ApiResult): HttpResponseInit {
  if ('json' in result) {
    return {
      status: result.status,
      jsonBody: result.json,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...result.headers },
    };
  }
  return {
    status: result.status,
    body: result.text,
    headers: { 'Content-Type': result.contentType, ...result.headers },
  };
}

/** The handler of one operation. */
export function httpHandler(
  operation: ApiOperation,
  deps: ApiDependencies = ENVIRONMENT_DEPENDENCIES,
): HttpHandler {
  return async (request: HttpRequest, context: InvocationContext) => {
    const result = await respond(operation, toApiRequest(request), deps, (error) =>
      context.error(
        'api request failed',
        { function: context.functionName, url: request.url },
        error,
      ),
    );
    if (result.status >= 400 && result.status < 500 && 'json' in result) {
      context.info('api request rejected', { status: result.status, body: result.json });
    }
    return toHttpResponse(result);
  };
}
