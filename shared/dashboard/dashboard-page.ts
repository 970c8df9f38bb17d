/**
 * The dashboard page: one static HTML document with uPlot, its stylesheet and the page's own
 * script and styles inlined, so it needs no other route and no CDN, and is served under a
 * Content-Security-Policy that allows exactly those inline blocks by their hashes. The page
 * reads its parameters from its own URL and fetches the JSON routes from the browser.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The page and the headers it must be served with. */
export interface DashboardPage {
  html: string;
  headers: Record<string, string>;
}

/** The inline blocks of the template: `/*{{name}}*\/` markers and the file that fills each. */
const INLINE_BLOCKS: readonly { marker: string; kind: 'script' | 'style'; file: () => string }[] = [
  { marker: 'uplot.css', kind: 'style', file: () => require.resolve('uplot/dist/uPlot.min.css') },
  { marker: 'dashboard.css', kind: 'style', file: () => assetPath('dashboard.css') },
  {
    marker: 'uplot.js',
    kind: 'script',
    file: () => require.resolve('uplot/dist/uPlot.iife.min.js'),
  },
  { marker: 'dashboard.js', kind: 'script', file: () => assetPath('dashboard.js') },
];

/**
 * Where the page's files are: next to this module under ts-jest, and in the package's
 * shared/dashboard when this module runs compiled from dist/ (tsc copies no assets).
 */
function assetPath(file: string): string {
  const relative = join('shared', 'dashboard', file);
  if (existsSync(join(__dirname, file))) return join(__dirname, file);
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
  }
  throw new Error(`dashboard asset not found: ${relative}`);
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Builds the page from the template and its assets. */
export function renderDashboardPage(): DashboardPage {
  let html = readFileSync(assetPath('dashboard.html'), 'utf8');
  const hashes = { script: [] as string[], style: [] as string[] };
  for (const block of INLINE_BLOCKS) {
    const content = readFileSync(block.file(), 'utf8');
    if (/<\/(script|style)/i.test(content)) {
      throw new Error(`${block.marker} cannot be inlined: it closes its own element`);
    }
    // The whole element body becomes the asset, so the hash covers exactly what is served.
    const element = new RegExp(`(<${block.kind}>)\\s*/\\*\\{\\{${block.marker}\\}\\}\\*/\\s*(</)`);
    if (!element.test(html)) throw new Error(`dashboard template lacks ${block.marker}`);
    html = html.replace(element, (_, open: string, close: string) => `${open}${content}${close}`);
    hashes[block.kind].push(sha256(content));
  }

  const policy = [
    "default-src 'none'",
    `script-src ${hashes.script.join(' ')}`,
    `style-src ${hashes.style.join(' ')}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    html,
    headers: {
      'Content-Security-Policy': policy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    },
  };
}

let cached: DashboardPage | undefined;

/** The page, built once per process. */
export function dashboardPage(): DashboardPage {
  cached ??= renderDashboardPage();
  return cached;
}
