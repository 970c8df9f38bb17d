/**
 * The kills-per-hour chart of a digest. Mail clients drop SVG, scripts and most CSS, so the
 * HTML chart is a table whose bars are cells with a fixed pixel width and an inline
 * background colour (plus the `bgcolor` attribute for Outlook's Word renderer).
 */
import { SCOPES, Scope } from '../model/event';
import { HourKills } from '../summary/daily-summary';
import { escapeHtml } from './html-escape';

/** Colour of each scope's bar segment. */
export const SCOPE_COLOURS: Readonly<Record<Scope, string>> = {
  container: '#d9534f',
  pod: '#f0ad4e',
  node: '#8e44ad',
  global: '#2c3e50',
  system: '#16a085',
  cpuset: '#2980b9',
  mempolicy: '#7f8c8d',
  unknown: '#bdc3c7',
};

// The longest bar, for the busiest hour; others scale to it (at least 2 px when non-zero).
const BAR_PX = 320;
const TEXT_BAR_CHARS = 40;

/** The chart as an HTML table: one row per hour, one coloured cell per scope. */
export function renderHourlyChartHtml(hours: readonly HourKills[]): string {
  const busiest = Math.max(1, ...hours.map((h) => h.total));
  const rows = hours.map((h) => {
    const segments = SCOPES.flatMap((scope) => {
      const kills = h.byScope[scope] ?? 0;
      if (kills === 0) return [];
      const width = Math.max(2, Math.round((kills / busiest) * BAR_PX));
      const colour = SCOPE_COLOURS[scope];
      return [
        `<td width="${width}" bgcolor="${colour}" title="${scope}: ${kills}" ` +
          `style="width:${width}px;height:12px;background-color:${colour};` +
          `font-size:1px;line-height:1px;">&nbsp;</td>`,
      ];
    });
    const bar =
      segments.length === 0
        ? '<td style="font-size:1px;line-height:1px;">&nbsp;</td>'
        : segments.join('');
    const label = `${String(h.hour).padStart(2, '0')}:00`;
    return (
      `<tr data-hour="${h.hour}">` +
      `<td style="padding:1px 8px 1px 0;font:12px monospace;color:#555;">${label}</td>` +
      `<td style="padding:1px 0;"><table role="presentation" cellpadding="0" cellspacing="0" ` +
      `border="0"><tr>${bar}</tr></table></td>` +
      `<td style="padding:1px 0 1px 8px;font:12px monospace;">${h.total || ''}</td></tr>`
    );
  });
  const used = SCOPES.filter((s) => hours.some((h) => (h.byScope[s] ?? 0) > 0));
  const legend = used
    .map(
      (s) =>
        `<span style="display:inline-block;margin-right:12px;font:12px sans-serif;">` +
        `<span style="display:inline-block;width:10px;height:10px;` +
        `background-color:${SCOPE_COLOURS[s]};">&nbsp;</span> ${escapeHtml(s)}</span>`,
    )
    .join('');
  return (
    '<table role="presentation" cellpadding="0" cellspacing="0" border="0" ' +
    `style="border-collapse:collapse;">${rows.join('')}</table>` +
    (legend === '' ? '' : `<p style="margin:6px 0 0 0;">${legend}</p>`)
  );
}

/** The same chart in text: one line per hour with kills, `#` bars and the scopes. */
export function renderHourlyChartText(hours: readonly HourKills[]): string {
  const busiest = Math.max(1, ...hours.map((h) => h.total));
  const lines = hours
    .filter((h) => h.total > 0)
    .map((h) => {
      const bar = '#'.repeat(Math.max(1, Math.round((h.total / busiest) * TEXT_BAR_CHARS)));
      const scopes = SCOPES.flatMap((s) => (h.byScope[s] ? [`${s} ${h.byScope[s]}`] : []));
      const label = `${String(h.hour).padStart(2, '0')}:00`;
      return `${label} ${bar} ${h.total} (${scopes.join(', ')})`;
    });
  return lines.length === 0 ? '(no kills with a known time)' : lines.join('\n');
}
