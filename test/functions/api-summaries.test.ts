/** The daily-summary routes through their handlers, over the events of a seeded cluster. */
import { environmentStore, invokeRoute, seedCluster, uniqueCluster } from '../support/api-fixtures';

const cluster = uniqueCluster('apisum');

beforeAll(async () => {
  await seedCluster(await environmentStore(), cluster);
});

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('GET /api/clusters/{cluster}/summaries/daily/{date}', () => {
  it("answers the day's summary", async () => {
    const result = await invokeRoute('getDailySummary', {
      params: { cluster, date: '2024-05-01' },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ cluster, day: '2024-05-01', totalKills: 13 });
  });

  it.each([
    ['2024-02-30', 'must be a UTC date written YYYY-MM-DD'],
    ['yesterday', 'must be a UTC date written YYYY-MM-DD'],
    ['2024-05-01T00:00:00Z', 'must be at most 10 characters'],
  ])('rejects the date %s', async (date, message) => {
    const result = await invokeRoute('getDailySummary', { params: { cluster, date } });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ details: [{ parameter: 'date', in: 'path', message }] });
  });

  it('rejects a day that has not started', async () => {
    const result = await invokeRoute('getDailySummary', {
      params: { cluster, date: tomorrow() },
    });
    expect(result.body).toMatchObject({
      code: 'invalid_parameters',
      details: [{ parameter: 'date', in: 'path', message: 'must not be after today (UTC)' }],
    });
  });

  it('answers 404 for an unknown cluster', async () => {
    const result = await invokeRoute('getDailySummary', {
      params: { cluster: 'no-such-cluster', date: '2024-05-01' },
    });
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ code: 'cluster_not_found' });
  });
});

describe('GET /api/clusters/{cluster}/summaries/daily', () => {
  it('answers each day of the range, oldest first', async () => {
    const result = await invokeRoute('getDailySummaries', {
      params: { cluster },
      query: { from: '2024-04-30', to: '2024-05-01' },
    });
    expect(result.status).toBe(200);
    const { summaries } = result.body as { summaries: { day: string; totalKills: number }[] };
    expect(summaries.map((s) => [s.day, s.totalKills])).toEqual([
      ['2024-04-30', 0],
      ['2024-05-01', 13],
    ]);
  });

  it('defaults from to the week ending on to', async () => {
    const result = await invokeRoute('getDailySummaries', {
      params: { cluster },
      query: { to: '2024-05-03' },
    });
    const { summaries } = result.body as { summaries: { day: string }[] };
    expect(summaries.map((s) => s.day)).toEqual([
      '2024-04-27',
      '2024-04-28',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-05-02',
      '2024-05-03',
    ]);
  });

  it('lists every bad parameter at once', async () => {
    const result = await invokeRoute('getDailySummaries', {
      params: { cluster },
      query: { from: '2024-13-01', to: 'soon' },
    });
    expect(result.body).toEqual({
      code: 'invalid_parameters',
      message: '2 parameters are not valid; see details.',
      details: [
        { parameter: 'from', in: 'query', message: 'must be a UTC date written YYYY-MM-DD' },
        { parameter: 'to', in: 'query', message: 'must be a UTC date written YYYY-MM-DD' },
      ],
    });
  });

  it.each([
    [{ from: '2024-05-02', to: '2024-05-01' }, 'must not be before from'],
    [{ from: '2024-01-01', to: '2024-05-01' }, 'must be at most 92 days after from'],
  ])('rejects the range %j', async (query, message) => {
    const result = await invokeRoute('getDailySummaries', { params: { cluster }, query });
    expect(result.body).toMatchObject({ details: [{ parameter: 'to', message }] });
  });

  it('rejects a from that has not started', async () => {
    const result = await invokeRoute('getDailySummaries', {
      params: { cluster },
      query: { from: tomorrow() },
    });
    expect(result.body).toMatchObject({
      details: [{ parameter: 'from', in: 'query', message: 'must not be after today (UTC)' }],
    });
  });
});
