/**
 * The OpenAPI 3.1 document, written from the route table itself: paths from the route
 * templates, parameters from the same zod schemas that validate requests, error responses from
 * the error registry. Nothing about a route is written down twice.
 */
import { z } from 'zod';

import { API_ERRORS, ApiErrorCode } from './api-errors';
import { ApiMediaType, ApiOperation, ApiOperationDoc, defineOperation } from './api-operation';
import { routeParameterNames, routePath } from './route-prefix';

/** What the document needs of a route; the functions/ route table entries are these. */
export interface RouteDescription {
  name: string;
  route: string;
  methods: readonly string[];
  operation: ApiOperationDoc;
}

/** Version of the API described (not of the package). */
export const API_VERSION = '1.0.0';

type JsonObject = Record<string, unknown>;

/** The JSON Schema of one parameter, without the `$schema` key zod adds. */
function parameterSchema(schema: z.ZodType): JsonObject {
  const json: JsonObject = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  // The dialect is the document's; the description goes on the parameter itself.
  delete json.$schema;
  delete json.description;
  return json;
}

function parameters(operation: ApiOperationDoc): JsonObject[] {
  const list = (location: 'path' | 'query', object: z.ZodObject) =>
    Object.entries(object.shape).map(([name, field]) => {
      const schema = field as z.ZodType;
      return {
        name,
        in: location,
        required: location === 'path' || !schema.safeParse(undefined).success,
        description: schema.description ?? '',
        schema: parameterSchema(schema),
      };
    });
  return [...list('path', operation.pathParameters), ...list('query', operation.queryParameters)];
}

function errorResponse(code: ApiErrorCode): JsonObject {
  return {
    description: API_ERRORS[code].summary,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
}

/** The documented bodies of the media types that are not JSON. */
const TEXT_MEDIA: Partial<Record<ApiMediaType, JsonObject>> = {
  'text/csv': { schema: { type: 'string', description: 'RFC 4180 CSV with a header row.' } },
  'text/html': { schema: { type: 'string', description: 'An HTML page.' } },
};

function responses(operation: ApiOperationDoc): JsonObject {
  const success: JsonObject = {};
  for (const media of operation.produces) {
    success[media] = TEXT_MEDIA[media] ?? { schema: operation.responseSchema };
  }
  const byStatus: JsonObject = { '200': { description: 'OK', content: success } };
  for (const code of [...operation.errors, 'internal_error' as const]) {
    const status = String(API_ERRORS[code].status);
    // Several codes can share a status (404): the description names each.
    const existing = byStatus[status] as { description: string } | undefined;
    byStatus[status] =
      existing === undefined
        ? errorResponse(code)
        : {
            ...errorResponse(code),
            description: `${existing.description} ${API_ERRORS[code].summary}`,
          };
  }
  return byStatus;
}

/** Builds the document for the given routes. */
export function buildOpenApiDocument(routes: readonly RouteDescription[]): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const { name, route, methods, operation } of routes) {
    const item = (paths[routePath(route)] ??= {});
    for (const method of methods) {
      item[method.toLowerCase()] = {
        operationId: name,
        summary: operation.summary,
        description: operation.description,
        parameters: parameters(operation),
        responses: responses(operation),
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'oomwatch API',
      version: API_VERSION,
      description: 'Classified Linux OOM-kill events from Kubernetes nodes.',
    },
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: Object.keys(API_ERRORS) },
            message: { type: 'string' },
            details: {
              type: 'array',
              description: 'Every invalid parameter (invalid_parameters only).',
              items: {
                type: 'object',
                required: ['parameter', 'in', 'message'],
                properties: {
                  parameter: { type: 'string' },
                  in: { type: 'string', enum: ['path', 'query'] },
                  message: { type: 'string' },
                },
              },
            },
          },
        },
      },
      // authLevel 'function': the host checks a function key given either way.
      securitySchemes: {
        functionKeyHeader: { type: 'apiKey', in: 'header', name: 'x-functions-key' },
        functionKeyQuery: { type: 'apiKey', in: 'query', name: 'code' },
      },
    },
    security: [{ functionKeyHeader: [] }, { functionKeyQuery: [] }],
  };
}

/** `GET /api/openapi.json`, over the routes `routes()` returns when asked. */
export function openApiOperation(routes: () => readonly RouteDescription[]): ApiOperation {
  return defineOperation({
    summary: 'OpenAPI document',
    description: 'This document: every route, its parameters and its responses.',
    pathParameters: z.object({}),
    queryParameters: z.object({}),
    produces: ['application/json'],
    responseSchema: { type: 'object' },
    errors: ['invalid_parameters'],
    run: () => Promise.resolve({ status: 200, json: buildOpenApiDocument(routes()) }),
  });
}

/** Checks that a route template names exactly its operation's path parameters. */
export function routeParametersMatch(route: RouteDescription): boolean {
  const inTemplate = routeParameterNames(route.route).sort();
  const declared = Object.keys(route.operation.pathParameters.shape).sort();
  return JSON.stringify(inTemplate) === JSON.stringify(declared);
}
