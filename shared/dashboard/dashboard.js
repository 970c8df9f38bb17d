/*
 * The dashboard's client, inlined into the page after uPlot: reads `cluster`, `days`, `to` and
 * the function key (`code`) from the page's URL, fetches the JSON routes that sit next to the
 * page and draws them. Text that came from logs (node, pod, process names…) is only ever set
 * with textContent, never parsed as HTML.
 */
'use strict';

(function dashboard() {
  const SCOPES = ['container', 'pod', 'node', 'global', 'system', 'cpuset', 'mempolicy', 'unknown'];
  const SCOPE_COLORS = {
    container: '#1f77b4',
    pod: '#ff7f0e',
    node: '#d62728',
    global: '#9467bd',
    system: '#8c564b',
    cpuset: '#e377c2',
    mempolicy: '#bcbd22',
    unknown: '#7f7f7f',
  };
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#17becf', '#8c564b'];
  const OTHER_COLOR = '#b0b7c0';
  /** Series drawn per node or namespace chart; the rest are summed as "other". */
  const TOP_GROUPS = 6;
  const DEFAULT_DAYS = 7;
  const MAX_DAYS = 92;
  const TABLE_LIMIT = 100;
  const DAY_MS = 86_400_000;

  const params = new URLSearchParams(location.search);
  const functionKey = params.get('code');
  // The page is served at <prefix>/dashboard; the API routes are its siblings.
  const apiBase = new URL(location.pathname.replace(/\/dashboard\/*$/i, '/'), location.origin);

  const byId = (id) => document.getElementById(id);

  /** A URL of the API, with the function key passed through when the page was given one. */
  function apiUrl(path, query = {}) {
    const url = new URL(path, apiBase);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    if (functionKey) url.searchParams.set('code', functionKey);
    return url;
  }

  /** A page URL for another cluster or window, keeping the function key. */
  function pageUrl(query) {
    const url = new URL(location.pathname, location.origin);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    if (functionKey) url.searchParams.set('code', functionKey);
    return url;
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const message = body && typeof body.message === 'string' ? body.message : '';
      throw new Error(`${url.pathname} answered ${response.status}. ${message}`);
    }
    return body;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
  const dayMs = (day) => Date.parse(`${day}T00:00:00Z`);

  /** The days shown: `days` days ending on `to`, else on the day of the cluster's last event. */
  function chooseWindow(info) {
    const today = dayOf(Date.now());
    const asked = Number(params.get('days') ?? DEFAULT_DAYS);
    const days = Number.isInteger(asked) && asked >= 1 && asked <= MAX_DAYS ? asked : DEFAULT_DAYS;
    let to = params.get('to') ?? dayOf(Date.parse(info.lastEventTime));
    if (to > today) to = today;
    const from = dayOf(dayMs(to) - (days - 1) * DAY_MS);
    return { from, to, days };
  }

  async function showClusters() {
    const { clusters } = await getJson(apiUrl('clusters'));
    const list = byId('cluster-list');
    for (const info of clusters) {
      const item = element('li');
      const link = element('a', info.cluster);
      link.href = pageUrl({ cluster: info.cluster }).toString();
      item.append(link, ` — last event ${info.lastEventTime}`);
      list.append(item);
    }
    if (clusters.length === 0) list.append(element('li', 'No cluster has events yet.', 'empty'));
    byId('clusters').hidden = false;
  }

  async function showCluster(cluster) {
    byId('cluster-name').textContent = `on ${cluster}`;
    document.title = `oomwatch · ${cluster}`;
    const clusterPath = `clusters/${encodeURIComponent(cluster)}`;

    const { clusters } = await getJson(apiUrl('clusters'));
    const info = clusters.find((c) => c.cluster === cluster);
    if (info === undefined) throw new Error(`No events are stored for cluster '${cluster}'.`);
    const range = chooseWindow(info);
    byId('window').textContent =
      `${range.from} to ${range.to} (UTC, ${range.days} ` +
      `day${range.days === 1 ? '' : 's'}; change with ?days= and ?to=)`;

    const nextDay = dayOf(dayMs(range.to) + DAY_MS);
    const [{ summaries }, page] = await Promise.all([
      getJson(apiUrl(`${clusterPath}/summaries/daily`, { from: range.from, to: range.to })),
      getJson(
        apiUrl(`${clusterPath}/events`, {
          from: range.from,
          to: `${nextDay}T00:00:00Z`,
          limit: TABLE_LIMIT,
        }),
      ),
    ]);

    byId('overview').hidden = false;
    showTotals(summaries);
    drawScopeChart(summaries);
    drawGroupChart(
      'chart-namespace',
      summaries,
      (s) => s.killsByNamespace.map((k) => [k.namespace ?? '(no namespace)', k.kills]),
      'namespace',
    );
    drawGroupChart(
      'chart-node',
      summaries,
      (s) => s.killsByNode.map((k) => [k.node, k.kills]),
      'node',
    );
    showEvents(cluster, clusterPath, page);
  }

  function showTotals(summaries) {
    const totals = byId('totals');
    const total = summaries.reduce((n, s) => n + s.totalKills, 0);
    totals.append(totalItem('all scopes', total, 'total'));
    for (const scope of SCOPES) {
      const kills = summaries.reduce((n, s) => n + (s.killsByScope[scope] ?? 0), 0);
      if (kills > 0) totals.append(totalItem(scope, kills, scope));
    }
  }

  function totalItem(label, count, key) {
    const item = element('li', label);
    item.dataset.scope = key;
    item.append(element('span', count, 'count'));
    return item;
  }

  /** Hourly stacked bars by scope, from each day's killsByHour. */
  function drawScopeChart(summaries) {
    const xs = [];
    const values = new Map(SCOPES.map((scope) => [scope, []]));
    for (const summary of summaries) {
      const start = Date.parse(summary.from) / 1000;
      for (const hour of summary.killsByHour) {
        xs.push(start + hour.hour * 3600 + 1800);
        for (const scope of SCOPES) values.get(scope).push(hour.byScope[scope] ?? 0);
      }
    }
    const groups = SCOPES.map((scope) => ({
      label: scope,
      color: SCOPE_COLORS[scope],
      values: values.get(scope),
    })).filter((group) => group.values.some((v) => v > 0));
    drawStackedBars('chart-scope', xs, groups, windowOf(summaries), 3600);

    // A report without a wall time is filed by when it was received: its day is known (the
    // daily charts count it), its hour of the kill is not.
    const untimed = summaries.reduce((n, s) => n + s.killsWithoutTime, 0);
    if (untimed > 0) {
      const note = element('p', '', 'note');
      note.id = 'untimed';
      note.append(element('span', untimed, 'count'));
      note.append(` kill${untimed === 1 ? '' : 's'} without a wall time in the kernel log `);
      note.append('are not placed by hour (the daily charts below count them).');
      byId('chart-scope').append(note);
    }
  }

  /** Daily stacked bars of the busiest node or namespace names; the rest summed as "other". */
  function drawGroupChart(id, summaries, killsOf, what) {
    // Each day's bar stands at its noon, between the midnight ticks that bound it.
    const xs = summaries.map((s) => Date.parse(s.from) / 1000 + 12 * 3600);
    const perDay = summaries.map((s) => new Map(killsOf(s)));
    const totals = new Map();
    for (const day of perDay) {
      for (const [name, kills] of day) totals.set(name, (totals.get(name) ?? 0) + kills);
    }
    const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = ranked.slice(0, TOP_GROUPS).map(([name]) => name);
    const groups = top.map((name, index) => ({
      label: name,
      color: PALETTE[index % PALETTE.length],
      values: perDay.map((day) => day.get(name) ?? 0),
    }));
    if (ranked.length > TOP_GROUPS) {
      const shown = new Set(top);
      groups.push({
        label: `other (${ranked.length - TOP_GROUPS} ${what}s)`,
        color: OTHER_COLOR,
        values: perDay.map((day) =>
          [...day].reduce((n, [name, kills]) => (shown.has(name) ? n : n + kills), 0),
        ),
      });
    }
    drawStackedBars(id, xs, groups, windowOf(summaries), 86400);
  }

  /** The x range of the summaries' days, in seconds: the first midnight to the last. */
  function windowOf(summaries) {
    const first = summaries[0];
    const last = summaries[summaries.length - 1];
    return [Date.parse(first.from) / 1000, Date.parse(last.to) / 1000];
  }

  /**
   * Stacked bars with uPlot: each series holds the running sum up to it and the series are
   * drawn top of the stack first, so each lower one paints over the part below it. The legend
   * shows each series' own value.
   */
  function drawStackedBars(id, xs, groups, [xMin, xMax], step) {
    const target = byId(id);
    if (groups.length === 0) {
      target.append(element('p', 'No kills in this window.', 'empty'));
      target.dataset.drawn = 'empty';
      return;
    }
    const sums = [];
    let running = xs.map(() => 0);
    for (const group of groups) {
      running = running.map((sum, i) => sum + group.values[i]);
      sums.push(running);
    }
    const order = groups.map((_, i) => groups.length - 1 - i);
    const bars = uPlot.paths.bars({ size: [0.9, 48], gap: 1 });
    const options = {
      width: Math.max(320, target.clientWidth),
      height: 220,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: {
        x: { time: true, range: () => [xMin, xMax] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        // Ticks no closer than one bar: whole hours or whole days.
        { incrs: [1, 2, 3, 6, 12, 24, 48, 168, 336].map((n) => n * 3600).filter((n) => n >= step) },
        { label: 'kills', size: 50, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
      ],
      series: [
        {},
        ...order.map((index) => ({
          label: groups[index].label,
          fill: groups[index].color,
          stroke: groups[index].color,
          width: 0,
          paths: bars,
          points: { show: false },
          value: (_u, _v, _series, idx) => (idx === null ? '–' : groups[index].values[idx]),
        })),
      ],
    };
    const chart = new uPlot(options, [xs, ...order.map((index) => sums[index])], target);
    window.addEventListener('resize', () =>
      chart.setSize({ width: Math.max(320, target.clientWidth), height: 220 }),
    );
    target.dataset.drawn = 'chart';
  }

  function mib(kb) {
    return typeof kb === 'number' ? (kb / 1024).toFixed(0) : '?';
  }

  function showEvents(cluster, clusterPath, page) {
    const body = document.querySelector('#events tbody');
    for (const event of page.events) {
      const row = element('tr');
      row.dataset.scope = event.scope;
      const time = event.time ?? (event.receivedAt ? `${event.receivedAt} (received)` : '—');
      const victim = event.victim ? `${event.victim.name} (pid ${event.victim.pid})` : '';
      const memory = event.memcg ? `${mib(event.memcg.usageKb)} / ${mib(event.memcg.limitKb)}` : '';
      const cells = [
        time.replace('T', ' ').replace(/\.000Z|Z/, ''),
        event.node,
        event.scope,
        event.pod?.namespace,
        event.pod ? (event.pod.name ?? `uid ${event.pod.uid.slice(0, 8)}…`) : '',
        event.container ? (event.container.name ?? event.container.id.slice(0, 12)) : '',
        victim,
      ];
      for (const text of cells) row.append(element('td', text ?? ''));
      if (event.pod) row.children[4].title = `pod uid ${event.pod.uid}`;
      row.append(element('td', memory, 'number'));

      const detail = element('td');
      const link = element('a', 'JSON');
      link.href = apiUrl(`${clusterPath}/events/${encodeURIComponent(event.id)}`).toString();
      link.title = `Event ${event.id} of ${cluster}`;
      detail.append(link);
      row.append(detail);
      body.append(row);
    }
    const more = page.nextCursor === null ? '' : `; the newest ${TABLE_LIMIT} are listed`;
    byId('events-note').textContent = `(${page.events.length} shown${more})`;
  }

  async function main() {
    const cluster = params.get('cluster');
    if (cluster) await showCluster(cluster);
    else await showClusters();
    byId('status').textContent = '';
    document.body.dataset.state = 'ready';
  }

  main().catch((error) => {
    byId('status').textContent = `Could not load the dashboard: ${error.message}`;
    document.body.dataset.state = 'error';
  });
})();
