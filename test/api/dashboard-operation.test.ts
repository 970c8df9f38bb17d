/** The dashboard route: a static page whose CSP names the hash of every inline block. */
import { createHash } from 'node:crypto';

import { invokeRoute } from '../support/api-fixtures';

describe('GET /api/dashboard', () => {
  it('serves the page with uPlot and its script inlined, each allowed by hash', async () => {
    const response = await invokeRoute('getDashboard', { query: { cluster: 'demo' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');

    const blocks = [...response.text.matchAll(/<(script|style)>([\s\S]*?)<\/\1>/g)];
    expect(blocks.map((b) => b[1])).toEqual(['style', 'style', 'script', 'script']);
    expect(response.text).toContain('uPlot');
    const policy = response.headers.get('content-security-policy') ?? '';
    for (const [, kind, body] of blocks) {
      const hash = createHash('sha256')
        .update(body ?? '')
        .digest('base64');
      expect(policy).toMatch(new RegExp(`${kind}-src [^;]*'sha256-${hash.replace(/\+/g, '\\+')}'`));
    }
    expect(policy).toContain("connect-src 'self'");
    expect(response.text).not.toContain('/*{{');
  });

  it('answers without a cluster (the page then lists the clusters)', async () => {
    expect((await invokeRoute('getDashboard')).status).toBe(200);
  });

  it('lists every bad parameter at once', async () => {
    const response = await invokeRoute('getDashboard', {
      query: { cluster: '', days: '93', to: '2025-13-01', colour: 'red' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: 'invalid_parameters',
      message: '4 parameters are not valid; see details.',
      details: [
        { parameter: 'colour', in: 'query', message: 'is not a parameter of this route' },
        { parameter: 'cluster', in: 'query', message: 'must not be empty when given' },
        { parameter: 'days', in: 'query', message: 'must be a whole number from 1 to 92' },
        { parameter: 'to', in: 'query', message: 'must be a UTC date written YYYY-MM-DD' },
      ],
    });
  });
});
