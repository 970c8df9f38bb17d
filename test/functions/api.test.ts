/** functions/api.ts registers every route table entry with app.http, and nothing else. */
import { app } from '@azure/functions';

import { HTTP_ROUTES } from '../../functions/http-routes';

describe('functions/api', () => {
  it('registers each route once with its name, route, methods, authLevel and handler', () => {
    const http = jest.spyOn(app, 'http').mockImplementation(() => undefined);
    // Loaded here, after the spy, and only here: the registration runs once per module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- load it under the spy
    require('../../functions/api');
    expect(http.mock.calls).toEqual(
      HTTP_ROUTES.map((r) => [
        r.name,
        { route: r.route, methods: r.methods, authLevel: 'function', handler: r.handler },
      ]),
    );
    http.mockRestore();
  });
});
