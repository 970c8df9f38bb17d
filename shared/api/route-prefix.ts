/**
 * The path prefix of every HTTP route: the Functions host default (`extensions.http.routePrefix`
 * is not set in host.json), used by the OpenAPI document and the local host alike.
 */
export const API_ROUTE_PREFIX = 'api';

/** `{name}` in a Functions route template; constraints (`{id:int}`) and `?` are not used here. */
export const ROUTE_PARAMETER = /^\{([A-Za-z][A-Za-z0-9]*)\}$/;

/** The names of a route template's parameters, in order: `a/{b}/c/{d}` → `['b', 'd']`. */
export function routeParameterNames(route: string): string[] {
  return route.split('/').flatMap((segment) => {
    const match = ROUTE_PARAMETER.exec(segment);
    return match?.[1] === undefined ? [] : [match[1]];
  });
}

/** The URL path of a route template, with the prefix: `clusters` → `/api/clusters`. */
export function routePath(route: string): string {
  return `/${API_ROUTE_PREFIX}/${route}`;
}
