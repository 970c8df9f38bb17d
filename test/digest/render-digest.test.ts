import { OomKillEvent } from '../../shared/model/event';
import { renderDigest } from '../../shared/digest/render-digest';
import { buildDailySummary } from '../../shared/summary/build-summary';
import { DailySummary } from '../../shared/summary/daily-summary';
import { makeEvent } from '../support/storage-fixtures';

const DAY = '2024-07-01';
const HOSTILE = '<script>alert("x")</script>';

function kill(id: string, hour: number, overrides: Partial<OomKillEvent> = {}): OomKillEvent {
  const time = `${DAY}T${String(hour).padStart(2, '0')}:15:00.000Z`;
  return makeEvent({ id, time, ...overrides });
}

function summaryOf(events: OomKillEvent[]): DailySummary {
  return buildDailySummary({
    cluster: 'prod & <west>',
    day: DAY,
    generatedAt: new Date('2024-07-02T07:00:00Z'),
    events,
    truncated: false,
    pressure: [],
    priorDays: [{ day: '2024-06-30', kills: 7, podUids: new Set() }],
  });
}

const pod = {
  uid: '11111111-2222-3333-4444-555555555555',
  qosClass: 'Burstable' as const,
  namespace: 'shop',
  name: 'web<b>',
};
const events = [
  kill('e1', 3, {
    pod,
    victim: { ...makeEvent().victim!, name: HOSTILE },
    recommendation: `Raise the limit of ${HOSTILE}.`,
  }),
  kill('e2', 3, { pod, scope: 'pod' }),
  kill('e3', 14, { pod: null, scope: 'global', childKillSuspected: true }),
];

describe('digest rendering', () => {
  const digest = renderDigest(summaryOf(events), 'https://oomwatch.example.net/');

  it('puts the day, the kills and the change in the subject', () => {
    expect(digest.subject).toBe(
      '[oomwatch] prod & <west> 2024-07-01: 3 OOM kills (+200% vs 7-day average 1)',
    );
  });

  it('draws kills per hour as table rows with coloured cells, no SVG or script', () => {
    const hourRows = digest.html.match(/<tr data-hour="\d+">/g) ?? [];
    expect(hourRows).toHaveLength(24);
    const hour3 = /<tr data-hour="3">.*?<\/table><\/td><td[^>]*>(\d*)<\/td><\/tr>/.exec(
      digest.html,
    );
    expect(hour3?.[0]).toContain('title="container: 1"');
    expect(hour3?.[0]).toContain('title="pod: 1"');
    expect(hour3?.[0]).toContain('bgcolor="#d9534f"');
    expect(hour3?.[1]).toBe('2');
    expect(digest.html).toContain('title="global: 1"');
    expect(digest.html).not.toMatch(/<svg|<script|<img/i);
  });

  it('escapes every value that came from a log', () => {
    expect(digest.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(digest.html).toContain('shop/web&lt;b&gt;');
    expect(digest.html).toContain('prod &amp; &lt;west&gt;');
    expect(digest.html).not.toContain(HOSTILE);
    expect(digest.html).not.toContain('web<b>');
  });

  it('lists top offenders with their recommendation and links into the API', () => {
    const base = 'https://oomwatch.example.net/api/clusters/prod%20%26%20%3Cwest%3E';
    const range = 'from=2024-07-01T00%3A00%3A00.000Z&to=2024-07-02T00%3A00%3A00.000Z';
    // `&` between query parameters is written `&amp;` inside the attribute.
    const attrRange = range.replace('&', '&amp;');
    expect(digest.html).toContain(`href="${base}/events?${attrRange}"`);
    expect(digest.html).toContain(`href="${base}/events?pod=${pod.uid}&amp;${attrRange}"`);
    expect(digest.html).toContain('Raise the limit of &lt;script&gt;');
    expect(digest.html).toContain(`href="${base}/summaries/daily/2024-07-01"`);
  });

  it('has a plain-text version with the numbers, the chart and the offenders', () => {
    expect(digest.text).toContain('OOM kills: 3');
    expect(digest.text).toContain('By scope: container 1, pod 1, global 1');
    expect(digest.text).toContain('Suspected silent child kills: 1');
    expect(digest.text).toContain(
      '03:00 ######################################## 2 (container 1, pod 1)',
    );
    expect(digest.text).toContain('14:00 #################### 1 (global 1)');
    expect(digest.text).toContain(`1. shop/web<b>: 2 kills (container, pod)`);
    expect(digest.text).toContain(`   Raise the limit of ${HOSTILE}.`);
    expect(digest.text).toContain(`/api/clusters/prod%20%26%20%3Cwest%3E/events?from=`);
  });

  it('renders a day without kills', () => {
    const quiet = renderDigest(summaryOf([]), 'http://localhost:7071');
    expect(quiet.subject).toContain(': 0 OOM kills (-100% vs 7-day average 1)');
    expect(quiet.html).not.toContain('Top offenders');
    expect(quiet.text).toContain('(no kills with a known time)');
  });
});
