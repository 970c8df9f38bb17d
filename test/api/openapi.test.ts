/** The OpenAPI document against the route table: every route, method and parameter. */
import { HTTP_ROUTES } from '../../functions/http-routes';
import { API_ERRORS } from '../../shared/api/api-errors';
import { buildOpenApiDocument } from '../../shared/api/openapi';
import { HOST_QUERY_PARAMETERS } from '../../shared/api/parse-parameters';
import { routeParameterNames } from '../../shared/api/route-prefix';
import { invokeRoute } from '../support/api-fixtures';

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description: string;
  schema: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  parameters: Parameter[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const document = buildOpenApiDocument(HTTP_ROUTES) as unknown as Document;

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and served as is by GET /api/openapi.json', async () => {
    expect(document.openapi).toBe('3.1.0');
    const served = await invokeRoute('getOpenApiDocument');
    expect(served.body).toEqual(document);
  });

  it('has exactly the paths and methods of the route table', () => {
    const fromRoutes = HTTP_ROUTES.flatMap((r) =>
      r.methods.map((m) => `${m.toLowerCase()} /api/${r.route}`),
    ).sort();
    const fromDocument = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort();
    expect(fromDocument).toEqual(fromRoutes);
    expect(new Set(HTTP_ROUTES.map((r) => r.name)).size).toBe(HTTP_ROUTES.length);
  });

  describe.each(HTTP_ROUTES.map((route) => [route.name, route] as const))('%s', (_, route) => {
    const operation = document.paths[`/api/${route.route}`]?.get as Operation;

    it('is the operation of that name', () => {
      expect(operation.operationId).toBe(route.name);
    });

    it('documents each path parameter of the template, required', () => {
      const documented = operation.parameters.filter((p) => p.in === 'path');
      expect(documented.map((p) => p.name).sort()).toEqual(routeParameterNames(route.route).sort());
      expect(documented.every((p) => p.required)).toBe(true);
    });

    it('documents exactly the query parameters the handler validates', () => {
      const documented = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      expect(documented.sort()).toEqual(Object.keys(route.operation.queryParameters.shape).sort());
      for (const name of documented) expect(HOST_QUERY_PARAMETERS.has(name)).toBe(false);
    });

    it('describes every parameter, with a schema', () => {
      for (const parameter of operation.parameters) {
        expect(parameter.description).not.toBe('');
        expect(parameter.schema).not.toHaveProperty('$schema');
        expect(Object.keys(parameter.schema).length).toBeGreaterThan(0);
      }
    });

    it('lists the media types it produces and a response per error status', () => {
      expect(Object.keys(operation.responses['200']?.content ?? {})).toEqual([
        ...route.operation.produces,
      ]);
      const statuses = [...route.operation.errors, 'internal_error' as const].map((code) =>
        String(API_ERRORS[code].status),
      );
      expect(Object.keys(operation.responses).sort()).toEqual(
        [...new Set(['200', ...statuses])].sort(),
      );
    });
  });

  it('documents the listing filters with their limits', () => {
    const list = document.paths['/api/clusters/{cluster}/events']?.get as Operation;
    const byName = Object.fromEntries(list.parameters.map((p) => [p.name, p]));
    expect(byName.limit?.schema).toEqual({
      default: 100,
      type: 'integer',
      minimum: 1,
      maximum: 1000,
    });
    expect(byName.scope?.schema.enum).toEqual([
      'container',
      'pod',
      'node',
      'global',
      'system',
      'cpuset',
      'mempolicy',
      'unknown',
    ]);
    expect(byName.format?.schema).toEqual({ type: 'string', enum: ['json', 'csv'] });
    expect(Object.keys(byName).sort()).toEqual(
      [
        'cluster',
        'cursor',
        'format',
        'from',
        'limit',
        'namespace',
        'node',
        'pod',
        'scope',
        'to',
      ].sort(),
    );
  });
});
