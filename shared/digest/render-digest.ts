/**
 * Renders a cluster's daily summary as a digest e-mail: subject, HTML and plain text with the
 * day's numbers, the kills-per-hour chart, the top offenders with their recommendation and
 * links into the HTTP API. Every value that came from a log is escaped.
 */
import { SCOPES } from '../model/event';
import { DailySummary, TopPod } from '../summary/daily-summary';
import { renderHourlyChartHtml, renderHourlyChartText } from './hourly-chart';
import { escapeHtml } from './html-escape';

/** A rendered digest. */
export interface DigestContent {
  subject: string;
  html: string;
  text: string;
}

/** Base URL used for links when OOMWATCH_PUBLIC_BASE_URL is not set (the local host). */
export const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:7071';

/** Links of a digest, built from the API's base URL. */
export interface DigestLinks {
  /** The day's events of the cluster. */
  events: string;
  /** The day's summary. */
  summary: string;
  /** The day's events of one pod. */
  pod(uid: string): string;
}

/** The API links for a summary's cluster and day. */
export function digestLinks(summary: DailySummary, baseUrl: string): DigestLinks {
  const root = `${baseUrl.replace(/\/+$/, '')}/api/clusters/${encodeURIComponent(summary.cluster)}`;
  const range = `from=${encodeURIComponent(summary.from)}&to=${encodeURIComponent(summary.to)}`;
  return {
    events: `${root}/events?${range}`,
    summary: `${root}/summaries/daily/${summary.day}`,
    pod: (uid) => `${root}/events?pod=${encodeURIComponent(uid)}&${range}`,
  };
}

/** The subject line: cluster, day, kills and the change against the 7-day average. */
export function digestSubject(summary: DailySummary): string {
  const kills = summary.totalKills === 1 ? '1 OOM kill' : `${summary.totalKills} OOM kills`;
  // Header values must stay on one line whatever the cluster is called.
  const cluster = summary.cluster.replace(/[\r\n]+/g, ' ');
  return `[oomwatch] ${cluster} ${summary.day}: ${kills} (${changeText(summary)})`;
}

/** Renders the digest of one summary. */
export function renderDigest(summary: DailySummary, baseUrl: string): DigestContent {
  const links = digestLinks(summary, baseUrl);
  return {
    subject: digestSubject(summary),
    html: renderHtml(summary, links),
    text: renderText(summary, links),
  };
}

function changeText(summary: DailySummary): string {
  const { percent, previousAverage, lookbackDays } = summary.change;
  if (percent === null) return `no kills in the ${lookbackDays} days before`;
  const sign = percent > 0 ? '+' : '';
  return `${sign}${percent}% vs ${lookbackDays}-day average ${previousAverage}`;
}

function podLabel(pod: Pick<TopPod, 'namespace' | 'name' | 'uid'>): string {
  return pod.name === null ? pod.uid : `${pod.namespace ?? '?'}/${pod.name}`;
}

function formatKb(kb: number | null): string {
  if (kb === null) return '?';
  if (kb >= 1024 * 1024) return `${(kb / 1024 / 1024).toFixed(1)} GiB`;
  if (kb >= 1024) return `${(kb / 1024).toFixed(0)} MiB`;
  return `${kb} KiB`;
}

function numbers(summary: DailySummary): [string, string][] {
  const scopes = SCOPES.filter((s) => summary.killsByScope[s] > 0)
    .map((s) => `${s} ${summary.killsByScope[s]}`)
    .join(', ');
  return [
    ['OOM kills', String(summary.totalKills)],
    ['Change', changeText(summary)],
    ['By scope', scopes || 'none'],
    ['Nodes', summary.killsByNode.map((n) => `${n.node} ${n.kills}`).join(', ') || 'none'],
    [
      'Namespaces',
      summary.killsByNamespace.map((n) => `${n.namespace ?? '(none)'} ${n.kills}`).join(', ') ||
        'none',
    ],
    ['Group kills', String(summary.groupKills.count)],
    ['Suspected silent child kills', String(summary.childKillsSuspected.count)],
    ['Memory-pressure records', String(summary.memoryPressure.count)],
    [
      'Pods',
      `${summary.pods.newToday.length} new, ${summary.pods.seenBefore.length} also killed in ` +
        `the ${summary.pods.lookbackDays} days before`,
    ],
  ];
}

const CELL = 'padding:4px 8px;border-bottom:1px solid #eee;font:13px sans-serif;';

function renderHtml(summary: DailySummary, links: DigestLinks): string {
  const facts = numbers(summary)
    .map(
      ([label, value]) =>
        `<tr><td style="${CELL}color:#555;">${escapeHtml(label)}</td>` +
        `<td style="${CELL}">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const offenders = summary.topPods
    .map(
      (pod) =>
        `<tr><td style="${CELL}"><a href="${escapeHtml(links.pod(pod.uid))}">` +
        `${escapeHtml(podLabel(pod))}</a></td>` +
        `<td style="${CELL}text-align:right;">${pod.kills}</td>` +
        `<td style="${CELL}">${escapeHtml(pod.scopes.join(', '))}</td>` +
        `<td style="${CELL}">${escapeHtml(formatKb(pod.peakUsageKb))} / ` +
        `${escapeHtml(formatKb(pod.memcgLimitKb))}</td>` +
        `<td style="${CELL}">${escapeHtml(pod.recommendation)}</td></tr>`,
    )
    .join('');
  const childKills = summary.childKillsSuspected.events
    .map(
      (e) =>
        `<li>${escapeHtml(e.time ?? 'time unknown')} ${escapeHtml(e.node ?? '')}: ` +
        `${escapeHtml(e.process ?? '?')} in ${escapeHtml(e.pod ?? 'no pod')}</li>`,
    )
    .join('');
  const truncated = summary.truncated
    ? '<p style="font:13px sans-serif;color:#a00;">More events were filed than one summary ' +
      'reads; the lists cover the newest.</p>'
    : '';

  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8">',
    `<title>${escapeHtml(digestSubject(summary))}</title></head>`,
    '<body style="margin:0;padding:16px;background:#fff;color:#222;">',
    `<h1 style="font:bold 18px sans-serif;margin:0 0 12px 0;">OOM kills on ` +
      `${escapeHtml(summary.cluster)}, ${escapeHtml(summary.day)} (UTC)</h1>`,
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" ` +
      `style="border-collapse:collapse;margin-bottom:16px;">${facts}</table>`,
    '<h2 style="font:bold 15px sans-serif;margin:16px 0 8px 0;">Kills per hour by scope</h2>',
    renderHourlyChartHtml(summary.killsByHour),
    summary.topPods.length === 0
      ? ''
      : '<h2 style="font:bold 15px sans-serif;margin:16px 0 8px 0;">Top offenders</h2>' +
        '<table cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">' +
        `<tr><th style="${CELL}text-align:left;">Pod</th><th style="${CELL}">Kills</th>` +
        `<th style="${CELL}text-align:left;">Scope</th>` +
        `<th style="${CELL}text-align:left;">Peak / limit</th>` +
        `<th style="${CELL}text-align:left;">Recommendation</th></tr>${offenders}</table>`,
    childKills === ''
      ? ''
      : '<h2 style="font:bold 15px sans-serif;margin:16px 0 8px 0;">Suspected silent child ' +
        `kills</h2><ul style="font:13px sans-serif;">${childKills}</ul>`,
    truncated,
    `<p style="font:13px sans-serif;margin-top:16px;">` +
      `<a href="${escapeHtml(links.events)}">All events of the day</a> · ` +
      `<a href="${escapeHtml(links.summary)}">Summary (JSON)</a></p>`,
    '</body></html>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function renderText(summary: DailySummary, links: DigestLinks): string {
  const facts = numbers(summary).map(([label, value]) => `${label}: ${value}`);
  const offenders = summary.topPods.map(
    (pod, i) =>
      `${i + 1}. ${podLabel(pod)}: ${pod.kills} kills (${pod.scopes.join(', ')}), peak ` +
      `${formatKb(pod.peakUsageKb)} of ${formatKb(pod.memcgLimitKb)}\n` +
      `   ${pod.recommendation}\n   ${links.pod(pod.uid)}`,
  );
  return [
    `OOM kills on ${summary.cluster}, ${summary.day} (UTC)`,
    '',
    ...facts,
    '',
    'Kills per hour by scope:',
    renderHourlyChartText(summary.killsByHour),
    ...(offenders.length === 0 ? [] : ['', 'Top offenders:', ...offenders]),
    ...(summary.truncated ? ['', 'More events were filed than one summary reads.'] : []),
    '',
    `All events of the day: ${links.events}`,
    `Summary (JSON): ${links.summary}`,
    '',
  ].join('\n');
}
