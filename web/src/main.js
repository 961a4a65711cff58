// Parley's dashboard: one view per question, all behind the same filter bar (actor, dates,
// outlet). The route and the filters live in the URL hash (#/view/arg?actor=ISR&from=...), so
// every state can be linked, and the browser tests can open any view directly.
import './style.css';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, GraphChart, HeatmapChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, BrushComponent,
  ToolboxComponent, VisualMapComponent, GeoComponent, TitleComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { api, QUAD_NAMES, QUAD_COLORS, goldsteinColor, esc } from './api.js';

echarts.use([
  BarChart, LineChart, GraphChart, HeatmapChart, ScatterChart, GridComponent, TooltipComponent,
  LegendComponent, DataZoomComponent, BrushComponent, ToolboxComponent, VisualMapComponent,
  GeoComponent, TitleComponent, CanvasRenderer,
]);
echarts.registerMap('world', feature(world, world.objects.countries));

const FILTER_KEYS = ['actor_prefix', 'from', 'to', 'outlet'];
const view = document.getElementById('view');
const status = document.getElementById('status');
let charts = [];

function route() {
  const hash = location.hash.replace(/^#\/?/, '') || 'timeline';
  const [path, query = ''] = hash.split('?');
  const [name, ...rest] = path.split('/');
  return { name, arg: rest.map(decodeURIComponent).join('/'), params: new URLSearchParams(query) };
}

function filters() {
  const p = route().params;
  const f = {};
  for (const k of FILTER_KEYS) if (p.get(k)) f[k] = p.get(k);
  return f;
}

function link(name, arg = '', extra = {}) {
  const q = new URLSearchParams({ ...filters(), ...extra });
  return `#/${name}${arg ? `/${encodeURIComponent(arg)}` : ''}${q.toString() ? `?${q}` : ''}`;
}

// ---- Shared pieces ------------------------------------------------------------------------

function chartBox(id, height = 420) {
  return `<div class="chart" id="${id}" style="height:${height}px"></div>`;
}

function makeChart(id) {
  const c = echarts.init(document.getElementById(id));
  charts.push(c);
  return c;
}

// The first mention of an event: the article and sentence that support it.
function evidenceOf(e) {
  const m = (e.mentions && e.mentions[0]) || {};
  return {
    article: m.article_id || e.first_article || e.article_id,
    start: m.evidence_start ?? e.evidence_start,
    end: m.evidence_end ?? e.evidence_end,
    text: m.evidence_text || e.evidence_text || '',
    outlet: m.outlet || e.outlet || '',
  };
}

function evidenceLink(article, start, end, label) {
  if (!article) return esc(label);
  const hl = start !== undefined && start !== null ? { hl: `${start}-${end}` } : {};
  return `<a class="evidence-link" href="${link('article', article, hl)}">${esc(label)}</a>`;
}

function eventTable(events, title) {
  if (!events.length) return `<p class="empty">No events${title ? ` for ${esc(title)}` : ''}.</p>`;
  const rows = events.map((e) => {
    const ev = evidenceOf(e);
    return `<tr class="event-row">
      <td>${esc(e.date)}</td>
      <td title="${esc(e.source_name)}">${esc(e.source_code || e.source_name || '—')}</td>
      <td><span class="quad q${e.quad_class}">${esc(e.cameo)}</span> ${esc(e.cameo_name)}</td>
      <td title="${esc(e.target_name)}">${esc(e.target_code || e.target_name || '—')}</td>
      <td style="color:${goldsteinColor(e.goldstein)}">${Number(e.goldstein).toFixed(1)}</td>
      <td>${esc(e.place_name || '')}</td>
      <td class="sentence">${evidenceLink(ev.article, ev.start, ev.end, ev.text || 'open article')}
        <small>${esc(ev.outlet)}</small></td></tr>`;
  });
  return `<h3>${esc(title || 'Events')} <small>(${events.length})</small></h3>
    <table class="events"><thead><tr><th>Date</th><th>Source</th><th>Event</th><th>Target</th>
    <th>Goldstein</th><th>Place</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

async function showEvents(target, params, title, keep = () => true) {
  target.innerHTML = '<p class="loading">Loading events…</p>';
  const res = await api('events', { ...filters(), limit: 500, ...params });
  target.innerHTML = eventTable(res.items.filter(keep), title);
}

// ---- Views --------------------------------------------------------------------------------

const views = {};

views.timeline = async () => {
  const bucket = route().params.get('bucket') || 'day';
  view.innerHTML = `<h2>Timeline</h2>
    <p class="hint">Events per ${bucket}, stacked by quad class, with the mean Goldstein score.
    Drag on the chart (or the slider) to zoom; click a bar to list that period's events.
    Per <a href="${link('timeline', '', { bucket: 'day' })}">day</a> ·
    <a href="${link('timeline', '', { bucket: 'week' })}">week</a> ·
    <a href="${link('timeline', '', { bucket: 'month' })}">month</a></p>
    ${chartBox('timeline-chart')}<div id="drill"></div>`;
  const res = await api('timeline', { ...filters(), bucket, group: 'quad' });
  const periods = [...new Set(res.items.map((r) => r.bucket))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const counts = { 1: [], 2: [], 3: [], 4: [] };
  for (const q of [1, 2, 3, 4]) counts[q] = periods.map(() => 0);
  const gsum = periods.map(() => 0);
  const gn = periods.map(() => 0);
  for (const r of res.items) {
    const i = index.get(r.bucket);
    const q = Number(r.group);
    if (counts[q]) counts[q][i] += r.count;
    gsum[i] += r.goldstein * r.count;
    gn[i] += r.count;
  }
  view.querySelector('.hint').dataset.periods = periods.length;
  const chart = makeChart('timeline-chart');
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    toolbox: { feature: { dataZoom: { yAxisIndex: 'none' }, restore: {} } },
    grid: { left: 50, right: 50, top: 40, bottom: 70 },
    xAxis: { type: 'category', data: periods },
    yAxis: [{ type: 'value', name: 'events' }, { type: 'value', name: 'Goldstein', min: -10, max: 10 }],
    dataZoom: [{ type: 'inside' }, { type: 'slider' }],
    series: [
      ...[1, 2, 3, 4].map((q) => ({
        name: QUAD_NAMES[q], type: 'bar', stack: 'quad', data: counts[q],
        itemStyle: { color: QUAD_COLORS[q] },
      })),
      {
        name: 'Mean Goldstein', type: 'line', yAxisIndex: 1, smooth: true,
        data: periods.map((_, i) => (gn[i] ? +(gsum[i] / gn[i]).toFixed(2) : null)),
        itemStyle: { color: '#333' },
      },
    ],
  });
  chart.on('click', (p) => {
    const start = periods[p.dataIndex];
    if (!start) return;
    const end = periodEnd(start, bucket);
    showEvents(document.getElementById('drill'), { from: start, to: end }, `${start} – ${end}`);
  });
  status.textContent = `${gn.reduce((a, b) => a + b, 0)} events in ${periods.length} periods`;
};

function periodEnd(start, bucket) {
  const d = new Date(`${start}T00:00:00Z`);
  if (bucket === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else if (bucket === 'month') { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

views.network = async () => {
  view.innerHTML = `<h2>Actors network</h2>
    <p class="hint">Who acts on whom: an edge per dyad, its width the number of events, its colour
    the mean Goldstein score (red hostile, green cooperative). Click an edge for the dyad's events,
    a node for the actor's.</p>${chartBox('network-chart', 520)}<div id="drill"></div>`;
  const res = await api('network', { ...filters(), limit: 300 });
  const edges = res.items.filter((d) => d.source && d.target && d.source !== d.target);
  const weight = new Map();
  for (const d of edges) {
    weight.set(d.source, (weight.get(d.source) || 0) + d.count);
    weight.set(d.target, (weight.get(d.target) || 0) + d.count);
  }
  const max = Math.max(1, ...edges.map((d) => d.count));
  const chart = makeChart('network-chart');
  chart.setOption({
    tooltip: {
      formatter: (p) => (p.dataType === 'edge'
        ? `${esc(p.data.source)} → ${esc(p.data.target)}: ${p.data.count} events, Goldstein ${p.data.goldstein.toFixed(1)}`
        : `${esc(p.name)}: ${p.value} events`),
    },
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true,
      force: { repulsion: 260, edgeLength: [60, 180], gravity: 0.08 },
      label: { show: true, position: 'right' },
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
      data: [...weight].map(([code, n]) => ({ name: code, value: n, symbolSize: 10 + 4 * Math.sqrt(n) })),
      links: edges.map((d) => ({
        source: d.source, target: d.target, count: d.count, goldstein: d.goldstein,
        lineStyle: { width: 1 + (5 * d.count) / max, color: goldsteinColor(d.goldstein), opacity: 0.85, curveness: 0.15 },
      })),
    }],
  });
  chart.on('click', (p) => {
    const drill = document.getElementById('drill');
    if (p.dataType === 'edge') {
      const { source, target } = p.data;
      showEvents(drill, { actor: source }, `${source} → ${target}`,
        (e) => e.source_code === source && e.target_code === target);
    } else if (p.dataType === 'node') {
      showEvents(drill, { actor: p.name }, p.name);
    }
  });
  status.textContent = `${weight.size} actors, ${edges.length} dyads`;
};

const STANCES = { support: 1, oppose: -1 };

views.positions = async () => {
  view.innerHTML = `<h2>Positions matrix</h2>
    <p class="hint">Party × issue: green supports, red opposes, grey mixed or neutral. Click a cell
    for the sentences that support it.</p>${chartBox('matrix-chart', 520)}<div id="drill"></div>`;
  const res = await api('matrix', { ...filters(), limit: 40 });
  const issues = res.items.map((i) => i.issue || i.issue_key);
  const parties = [...new Set(res.items.flatMap((i) => i.parties.map((p) => p.actor_code)))].sort();
  const cells = [];
  res.items.forEach((issue, x) => {
    const byParty = new Map();
    for (const p of issue.parties) {
      const c = byParty.get(p.actor_code) || { score: 0, count: 0, stances: [], evidence: [] };
      c.score += (STANCES[p.stance] ?? 0) * p.count;
      c.count += p.count;
      c.stances.push(`${p.stance} ×${p.count}`);
      c.evidence.push(...(p.evidence || []).map((e) => ({ ...e, stance: p.stance })));
      byParty.set(p.actor_code, c);
    }
    for (const [code, c] of byParty) {
      cells.push({ value: [x, parties.indexOf(code), +(c.score / c.count).toFixed(2)], code, issue: issues[x], ...c });
    }
  });
  const chart = makeChart('matrix-chart');
  chart.setOption({
    tooltip: { formatter: (p) => `${esc(p.data.code)} on ${esc(p.data.issue)}: ${esc(p.data.stances.join(', '))}` },
    grid: { left: 110, right: 30, top: 20, bottom: 160 },
    xAxis: { type: 'category', data: issues, axisLabel: { rotate: 40, width: 140, overflow: 'truncate' } },
    yAxis: { type: 'category', data: parties },
    visualMap: { min: -1, max: 1, show: false, inRange: { color: ['#c23b22', '#bbbbbb', '#2f9e44'] } },
    series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: (p) => p.data.count } }],
  });
  chart.on('click', (p) => {
    const c = p.data;
    const items = c.evidence.map((e) => `<li class="evidence-item"><span class="stance ${esc(e.stance)}">${esc(e.stance)}</span>
      ${evidenceLink(e.article_id, e.start, e.end, e.text)}</li>`);
    document.getElementById('drill').innerHTML = `<h3>${esc(c.code)} on ${esc(c.issue)}</h3>
      <ul class="evidence-list">${items.join('') || '<li>No evidence stored.</li>'}</ul>`;
  });
  status.textContent = `${parties.length} parties × ${issues.length} issues`;
};

views.map = async () => {
  view.innerHTML = `<h2>Map</h2>
    <p class="hint">Where events happened, clustered on a 3° grid (circle size: events, colour:
    mean Goldstein). Scroll to zoom; click a cluster for its events.</p>
    ${chartBox('map-chart', 520)}<div id="drill"></div>`;
  const res = await api('events', { ...filters(), limit: 500 });
  const located = res.items.filter((e) => e.lat !== null && e.lat !== undefined && e.lon !== null && e.lon !== undefined);
  const clusters = new Map();
  for (const e of located) {
    const key = `${Math.round(e.lat / 3)},${Math.round(e.lon / 3)}`;
    const c = clusters.get(key) || { lat: 0, lon: 0, n: 0, g: 0, places: new Set(), events: [] };
    c.lat += e.lat; c.lon += e.lon; c.n += 1; c.g += e.goldstein;
    c.places.add(e.place_name); c.events.push(e);
    clusters.set(key, c);
  }
  const data = [...clusters.values()].map((c) => ({
    name: [...c.places].filter(Boolean).join(', '),
    value: [c.lon / c.n, c.lat / c.n, c.n],
    itemStyle: { color: goldsteinColor(c.g / c.n) },
    events: c.events,
  }));
  const chart = makeChart('map-chart');
  chart.setOption({
    tooltip: { formatter: (p) => `${esc(p.name)}: ${p.value[2]} events` },
    geo: { map: 'world', roam: true, itemStyle: { areaColor: '#eef1f4', borderColor: '#aab' }, emphasis: { disabled: true } },
    series: [{
      type: 'scatter', coordinateSystem: 'geo', data,
      symbolSize: (v) => 8 + 5 * Math.sqrt(v[2]),
      label: { show: true, formatter: (p) => String(p.value[2]), color: '#fff', fontSize: 10 },
    }],
  });
  chart.on('click', (p) => {
    if (!p.data || !p.data.events) return;
    document.getElementById('drill').innerHTML = eventTable(p.data.events, p.data.name || 'cluster');
  });
  view.querySelector('.hint').dataset.clusters = data.length;
  status.textContent = `${located.length} located events of ${res.items.length}, ${data.length} clusters`;
};

views.divergences = async () => {
  view.innerHTML = `<h2>Divergences</h2>
    <p class="hint">Topics on which parties or outlets contradict each other, side by side, each
    side with the sentence that says it.</p><div id="disputes"></div>`;
  const res = await api('disputes', { ...filters(), limit: 100 });
  const html = res.items.map((d) => `<section class="dispute">
      <h3>${esc(d.topic)} <small>${esc(d.kind)}</small></h3>
      <div class="sides">${d.sides.map((s) => `<div class="side">
        <h4>${esc(s.actor_code || s.outlet || '?')} <span class="value">${esc(s.value)}</span></h4>
        <ul>${(Array.isArray(s.evidence) ? s.evidence : [s.evidence]).filter(Boolean).map((e) => `<li>${evidenceLink(
          e.article_id, e.start, e.end, e.text)}</li>`).join('')}</ul></div>`).join('')}</div></section>`);
  document.getElementById('disputes').innerHTML = html.join('') || '<p class="empty">No divergences.</p>';
  status.textContent = `${res.items.length} disputed topics`;
};

views.articles = async () => {
  view.innerHTML = '<h2>Articles</h2><div id="list"></div>';
  const res = await api('articles', { ...filters(), limit: 200 });
  const rows = res.items.map((a) => `<tr class="article-row"><td>${esc(a.date)}</td><td>${esc(a.source)}</td>
    <td><a href="${link('article', a.id)}">${esc(a.title || a.id)}</a></td></tr>`);
  document.getElementById('list').innerHTML = `<table class="articles"><thead><tr><th>Date</th>
    <th>Outlet</th><th>Title</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  status.textContent = `${res.items.length} articles`;
};

// The text with every span highlighted. Spans may nest (an actor inside a quote) or overlap;
// the text is cut at every span boundary and each piece carries the classes of the spans over
// it, so any overlap renders.
function highlight(text, spans, hl) {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const cuts = new Set([0, bytes.length]);
  const all = [...spans];
  if (hl) all.push({ kind: 'evidence', start: hl[0], end: hl[1], label: 'evidence' });
  for (const s of all) {
    if (s.start >= 0 && s.end <= bytes.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); }
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const over = all.filter((s) => s.start <= a && s.end >= b && s.start < s.end);
    const piece = esc(decoder.decode(bytes.subarray(a, b)));
    if (!over.length) { html += piece; continue; }
    const kinds = [...new Set(over.map((s) => `hl-${s.kind}`))].join(' ');
    const title = over.map((s) => s.label).filter(Boolean).join(' · ');
    const evid = over.some((s) => s.kind === 'evidence') ? ' data-evidence="1"' : '';
    html += `<span class="${kinds}" title="${esc(title)}"${evid}>${piece}</span>`;
  }
  return html;
}

function articleSpans(a) {
  const spans = [];
  for (const actor of a.actors || []) {
    for (const m of actor.mentions || []) {
      spans.push({ kind: 'actor', start: m.start ?? m.start_byte, end: m.end ?? m.end_byte, label: `${actor.name} (${actor.code})` });
    }
  }
  for (const m of a.actor_mentions || []) {
    spans.push({ kind: 'actor', start: m.start ?? m.start_byte, end: m.end ?? m.end_byte, label: m.name || m.code });
  }
  for (const e of a.events || []) {
    const t = e.trigger || {};
    const start = t.start ?? e.trigger_start;
    const end = t.end ?? e.trigger_end;
    spans.push({ kind: 'event', start, end, label: `${e.cameo} ${e.cameo_name || ''}` });
  }
  for (const q of a.quotes || []) {
    spans.push({ kind: 'quote', start: q.start ?? q.start_byte, end: q.end ?? q.end_byte, label: `quote: ${q.speaker_name || q.speaker_code || ''}` });
  }
  return spans.filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end));
}

views.article = async (id) => {
  const a = await api(`articles/${encodeURIComponent(id)}`);
  const hlParam = route().params.get('hl');
  const hl = hlParam && /^\d+-\d+$/.test(hlParam) ? hlParam.split('-').map(Number) : null;
  const spans = articleSpans(a);
  // This article's events, for the table: their evidence is in this very text.
  const bytes = new TextEncoder().encode(a.text || '');
  const dec = new TextDecoder();
  const rows = (a.events || []).map((e) => ({
    ...e, date: a.date, article_id: a.id, outlet: a.source,
    evidence_text: dec.decode(bytes.subarray(e.evidence_start, e.evidence_end)),
  }));
  const counts = { actor: 0, event: 0, quote: 0 };
  for (const s of spans) counts[s.kind] += 1;
  view.innerHTML = `<h2 id="article-title">${esc(a.title || a.id)}</h2>
    <p class="meta">${esc(a.date)} · ${esc(a.source)} ${a.url ? `· <a href="${esc(a.url)}" rel="noopener noreferrer">${esc(a.url)}</a>` : ''}</p>
    <p class="legend"><span class="hl-actor">actor</span> ${counts.actor}
      <span class="hl-event">event</span> ${counts.event} <span class="hl-quote">quote</span> ${counts.quote}
      ${hl ? '<span class="hl-evidence">evidence</span>' : ''}</p>
    <article id="article-text">${highlight(a.text || '', spans, hl)}</article>
    <div id="drill">${eventTable(rows, 'Events of this article')}</div>`;
  const ev = view.querySelector('[data-evidence]');
  if (ev) ev.scrollIntoView({ block: 'center' });
  status.textContent = `${counts.actor} actor mentions, ${counts.event} events, ${counts.quote} quotes`;
};

// ---- Router -------------------------------------------------------------------------------

async function render() {
  for (const c of charts) c.dispose();
  charts = [];
  const { name, arg } = route();
  const f = filters();
  const form = document.getElementById('filters');
  for (const k of FILTER_KEYS) form.elements[k].value = f[k] || '';
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.view === name || (name === 'article' && a.dataset.view === 'articles'));
    a.href = link(a.dataset.view);
  }
  status.textContent = '';
  document.body.dataset.view = name;
  document.body.dataset.ready = '';
  try {
    await (views[name] || views.timeline)(arg);
  } catch (err) {
    view.insertAdjacentHTML('beforeend', `<p class="error" role="alert">${esc(err.message)}</p>`);
  }
  document.body.dataset.ready = '1';
}

document.getElementById('filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const { name, arg, params } = route();
  const form = ev.target;
  for (const k of FILTER_KEYS) {
    if (form.elements[k].value) params.set(k, form.elements[k].value);
    else params.delete(k);
  }
  location.hash = `#/${name}${arg ? `/${encodeURIComponent(arg)}` : ''}?${params}`;
});
document.getElementById('clear').addEventListener('click', () => {
  const { name, arg } = route();
  location.hash = `#/${name}${arg ? `/${encodeURIComponent(arg)}` : ''}`;
});
window.addEventListener('hashchange', render);
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
render();
