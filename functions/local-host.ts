/**
 * Serves the route table over node:http on loopback, as a stand-in for Functions Core Tools
 * (which cannot be installed here): each request becomes a real HttpRequest and
 * InvocationContext, and the route's own handler answers. Function keys are not checked, as
 * Core Tools does not check them either.
 */
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

import { HttpRequest, HttpResponse, InvocationContext, LogLevel } from '@azure/functions';

import { ApiError, internalErrorBody } from '../shared/api/api-errors';
import { API_ROUTE_PREFIX, ROUTE_PARAMETER } from '../shared/api/route-prefix';
import { HTTP_ROUTES, HttpRoute } from './http-routes';

/** Options of {@link startLocalHost}. */
export interface LocalHostOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Address to bind; loopback unless told otherwise. */
  host?: string;
  /** Routes to serve; the API's route table by default. */
  routes?: readonly HttpRoute[];
  /** Where invocation logs go; stderr by default. */
  log?: (level: LogLevel, functionName: string, message: string) => void;
}

/** A running local host. */
export interface LocalHost {
  /** Base URL, e.g. `http://127.0.0.1:7071`. */
  url: string;
  close(): Promise<void>;
}

/** A route template compiled to segment matchers: a literal or a parameter name. */
interface CompiledRoute {
  route: HttpRoute;
  segments: ({ literal: string } | { parameter: string })[];
}

function compile(route: HttpRoute): CompiledRoute {
  const segments = [API_ROUTE_PREFIX, ...route.route.split('/')].map((segment) => {
    const parameter = ROUTE_PARAMETER.exec(segment)?.[1];
    if (parameter !== undefined) return { parameter };
    if (segment.includes('{')) {
      throw new Error(`route template segment not supported by the local host: ${segment}`);
    }
    return { literal: segment.toLowerCase() };
  });
  return { route, segments };
}

/** Route parameters of `path` for `compiled`, or null when it does not match. */
function match(compiled: CompiledRoute, path: string[]): Record<string, string> | null {
  if (path.length !== compiled.segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of compiled.segments.entries()) {
    const part = path[index] as string;
    if ('literal' in segment) {
      // Functions routes match literals case-insensitively (ASP.NET routing).
      if (part.toLowerCase() !== segment.literal) return null;
    } else {
      if (part === '') return null;
      params[segment.parameter] = part;
    }
  }
  return params;
}

/** Splits a URL path into decoded segments, or null when a segment is not valid UTF-8. */
function pathSegments(pathname: string): string[] | null {
  try {
    return pathname
      .replace(/^\/+|\/+$/g, '')
      .split('/')
      .map(decodeURIComponent);
  } catch {
    return null;
  }
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function writeResponse(out: ServerResponse, response: HttpResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  response.headers.forEach((value, name) => out.setHeader(name, value));
  out.statusCode = response.status;
  out.end(body);
}

function writeJson(out: ServerResponse, status: number, body: unknown, headers = {}): void {
  out.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  out.end(JSON.stringify(body));
}

function defaultLog(level: LogLevel, functionName: string, message: string): void {
  if (level === 'trace' || level === 'debug') return;
  process.stderr.write(`[${level}] ${functionName}: ${message}\n`);
}

/** Starts serving `routes` (the API's by default) and resolves once listening. */
export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const host = options.host ?? '127.0.0.1';
  const compiled = (options.routes ?? HTTP_ROUTES).map(compile);
  const log = options.log ?? defaultLog;

  const server = createServer((request, out) => {
    void serve(request, out).catch((error: unknown) => {
      log('error', 'local-host', `request failed: ${String(error)}`);
      if (!out.headersSent) writeJson(out, 500, internalErrorBody());
      else out.destroy();
    });
  });

  async function serve(request: IncomingMessage, out: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? host}`);
    const method = (request.method ?? 'GET').toUpperCase();
    const path = pathSegments(url.pathname) ?? [];
    const matches = compiled.flatMap((c) => {
      const params = match(c, path);
      return params === null ? [] : [{ route: c.route, params }];
    });
    if (matches.length === 0) {
      const error = new ApiError('route_not_found', `No route matches ${url.pathname}.`);
      writeJson(out, error.status, error.toBody());
      return;
    }
    const found = matches.find((m) => (m.route.methods as string[]).includes(method));
    if (found === undefined) {
      const allowed = [...new Set(matches.flatMap((m) => m.route.methods))].join(', ');
      const error = new ApiError('method_not_allowed', `${url.pathname} accepts ${allowed}.`);
      writeJson(out, error.status, error.toBody(), { Allow: allowed });
      return;
    }

    const body = await readBody(request);
    const httpRequest = new HttpRequest({
      method,
      url: url.toString(),
      headers: headersOf(request),
      params: found.params,
      ...(body.length > 0 ? { body: { bytes: body } } : {}),
    });
    const functionName = found.route.name;
    const context = new InvocationContext({
      invocationId: randomUUID(),
      functionName,
      logHandler: (level, ...args) => log(level, functionName, args.map(describe).join(' ')),
    });
    const result = await found.route.handler(httpRequest, context);
    await writeResponse(out, result instanceof HttpResponse ? result : new HttpResponse(result));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? value.message;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
