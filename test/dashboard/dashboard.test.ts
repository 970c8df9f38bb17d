/**
 * The dashboard page in headless Chromium (Debian's `chromium`, driven by playwright-core):
 * the local host serves the page over the run's Azurite holding the bundled sample logs, and
 * the test checks the table, the totals and the charts against what the samples contain, that
 * the function key reaches every API request, that the CSP blocks nothing, and a screenshot.
 * Where no Chromium is installed the suite says why and is skipped.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { startLocalHost, type LocalHost } from '../../functions/local-host';
import type { OomKillEvent } from '../../shared/model/event';
import { parseLogText } from '../../shared/parse-text';
import { environmentStore, uniqueCluster } from '../support/api-fixtures';
import { killsOf, REFERENCE_TIME, SAMPLES_DIR } from '../support/samples';

const CHROMIUM = process.env.OOMWATCH_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = '/tmp/oomwatch-dashboard.png';

/** When oomwatch "received" the samples: files events whose report carries no wall time. */
const RECEIVED_AT = '2025-06-25T10:00:00.000Z';
/** The page's default window: the 7 days ending on the day of the last event. */
const WINDOW = { from: Date.parse('2025-06-19T00:00:00Z'), to: Date.parse('2025-06-26T00:00:00Z') };
const FUNCTION_KEY = 'test-key';
/** The name a runtime line would teach for the first pod in the window. */
const NAMESPACE = 'shop';

/** Every kill in the samples, each file on its own node as `oomwatch demo` ingests them. */
function sampleKills(): OomKillEvent[] {
  return readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith('.log'))
    .sort()
    .flatMap((file) => {
      const text = readFileSync(join(SAMPLES_DIR, file), 'utf8');
      const context = {
        referenceTime: REFERENCE_TIME,
        receivedAt: RECEIVED_AT,
        defaultNode: `sample-${file.slice(0, 2)}`,
      };
      return killsOf(parseLogText(text, context).records);
    });
}

function filedMs(event: OomKillEvent): number {
  return Date.parse(event.time ?? RECEIVED_AT);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** What the pixel check uses of a canvas (the DOM types are not in this project's lib). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `dashboard browser tests skipped: no Chromium at ${CHROMIUM} ` +
      '(apt-get install chromium, or set OOMWATCH_CHROMIUM)',
  );
}
const describeWithChromium = hasChromium ? describe : describe.skip;

describeWithChromium('dashboard page in headless Chromium', () => {
  const cluster = uniqueCluster('dash');
  const kills = sampleKills();
  const inWindow = kills.filter((e) => filedMs(e) >= WINDOW.from && filedMs(e) < WINDOW.to);
  // Summaries (totals, charts) count only reports that show a killed process; the table lists
  // every stored report, the three grep-cut ones of sample 22 included.
  const killedInWindow = inWindow.filter((e) => e.killed.length > 0);
  const named = inWindow.find((e) => e.pod !== null);

  let host: LocalHost;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const store = await environmentStore();
    if (named?.pod) {
      const pod = { podUid: named.pod.uid, namespace: NAMESPACE, name: 'cart-0' };
      await store.recordNames(cluster, [{ kind: 'pod', ...pod }]);
    }
    await store.upsertEvents(
      cluster,
      kills.map((event) => ({ event, receivedAt: RECEIVED_AT })),
    );
    host = await startLocalHost({ port: 0, log: () => undefined });
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    const query = new URLSearchParams({ cluster, code: FUNCTION_KEY });
    await page.goto(`${host.url}/api/dashboard?${query.toString()}`);
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('loads the data without errors or CSP violations', async () => {
    expect(await page.locator('#status').textContent()).toBe('');
    expect(await page.getAttribute('body', 'data-state')).toBe('ready');
    expect(problems).toEqual([]);
  });

  it('is served as HTML under a strict Content-Security-Policy', async () => {
    const response = await fetch(`${host.url}/api/dashboard?cluster=${cluster}`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(/script-src 'sha256-[^']+' 'sha256-[^']+';/);
    // Nothing is loaded from elsewhere: no script src, no stylesheet link.
    expect(await response.text()).not.toMatch(/<script[^>]+src=|<link rel="stylesheet"/);
  });

  it('lists every event of the window in the table, newest first', async () => {
    expect(inWindow.length).toBe(15);
    const rows = page.locator('#events tbody tr');
    expect(await rows.count()).toBe(inWindow.length);
    const scopes = await Promise.all(
      (await rows.all()).map((row) => row.getAttribute('data-scope')),
    );
    expect(countBy(scopes, String)).toEqual(countBy(inWindow, (e) => e.scope));
    const times = await page.locator('#events tbody tr td:first-child').allTextContents();
    expect(times[0]).toBe('2025-06-25 10:00:00 (received)');
  });

  it('shows the totals by scope worked out from the samples', async () => {
    const expected = countBy(killedInWindow, (e) => e.scope);
    const shown: Record<string, number> = {};
    for (const item of await page.locator('#totals li').all()) {
      const key = (await item.getAttribute('data-scope')) ?? '';
      shown[key] = Number(await item.locator('.count').textContent());
    }
    expect(shown).toEqual({ total: killedInWindow.length, ...expected });
    // The window holds the samples without a wall time plus the two of late June 2025.
    expect(expected).toEqual({
      system: 1,
      global: 3,
      container: 3,
      node: 1,
      pod: 3,
      cpuset: 1,
    });
  });

  it('draws the three charts with a series per scope, node and namespace', async () => {
    expect(await page.locator('.chart[data-drawn="chart"] canvas').count()).toBe(3);
    const labels = (id: string) =>
      page.locator(`#${id} .u-legend .u-series:not(:first-child) .u-label`).allTextContents();
    // Per hour: only reports with a wall time; the others are counted in a note under it.
    const timed = killedInWindow.filter((e) => e.time !== null);
    expect((await labels('chart-scope')).sort()).toEqual(
      Object.keys(countBy(timed, (e) => e.scope)).sort(),
    );
    expect(await page.locator('#untimed .count').textContent()).toBe(
      String(killedInWindow.length - timed.length),
    );
    const nodes = Object.keys(countBy(killedInWindow, (e) => e.node ?? ''));
    expect(nodes.length).toBeGreaterThan(6);
    const nodeLabels = await labels('chart-node');
    expect(nodeLabels).toHaveLength(7);
    expect(nodeLabels).toContain(`other (${nodes.length - 6} nodes)`);
    expect((await labels('chart-namespace')).sort()).toEqual(['(no namespace)', NAMESPACE]);
  });

  it('draws bars: each canvas has many coloured pixels', async () => {
    const painted = await page.locator('.chart canvas').evaluateAll((canvases) =>
      canvases.map((element) => {
        const canvas = element as unknown as CanvasLike;
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        let coloured = 0;
        for (let i = 0; data !== undefined && i < data.length; i += 4) {
          const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
          if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured += 1;
        }
        return coloured;
      }),
    );
    expect(painted).toHaveLength(3);
    for (const count of painted) expect(count).toBeGreaterThan(200);
  });

  it('links each event to its JSON detail, passing the function key on', async () => {
    const hrefs = await Promise.all(
      (await page.locator('#events tbody a').all()).map((link) => link.getAttribute('href')),
    );
    expect(hrefs).toHaveLength(inWindow.length);
    const first = new URL(hrefs[0] as string);
    expect(first.pathname).toMatch(
      new RegExp(`^/api/clusters/${cluster}/events/[^/]+$`.replace(/\//g, '\\/')),
    );
    expect(first.searchParams.get('code')).toBe(FUNCTION_KEY);
    const detail = (await (await fetch(first)).json()) as OomKillEvent;
    expect(inWindow.map((e) => e.id)).toContain(detail.id);
    expect(detail.rawLines.length).toBeGreaterThan(0);

    const api = requests.filter((url) => new URL(url).pathname.startsWith('/api/clusters'));
    expect(api.length).toBeGreaterThanOrEqual(3);
    for (const url of api) expect(new URL(url).searchParams.get('code')).toBe(FUNCTION_KEY);
  });

  it('renders a screenshot that is the page and not a blank', async () => {
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(SCREENSHOT, png);
    const { width, height } = pngSize(png);
    expect(width).toBe(1200);
    expect(height).toBeGreaterThan(900);
    // A one-colour page of this size compresses to a few kilobytes; charts and text do not.
    expect(png.length).toBeGreaterThan(60_000);
  });
});
