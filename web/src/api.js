// The JSON API of `parley serve`, same origin. Errors carry the server's message.
export async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, v);
  }
  const url = `api/${path}${q.toString() ? `?${q}` : ''}`;
  const res = await fetch(url);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
  return body;
}

export const QUAD_NAMES = {
  1: 'Verbal cooperation',
  2: 'Material cooperation',
  3: 'Verbal conflict',
  4: 'Material conflict',
};
export const QUAD_COLORS = { 1: '#7fb8e0', 2: '#2a7ab8', 3: '#f0a35e', 4: '#c23b22' };

// Goldstein -10..10 to red..grey..green.
export function goldsteinColor(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return '#999';
  const t = Math.max(-1, Math.min(1, g / 10));
  const mix = (a, b, u) => Math.round(a + (b - a) * u);
  return t < 0
    ? `rgb(${mix(150, 200, -t)},${mix(150, 40, -t)},${mix(150, 40, -t)})`
    : `rgb(${mix(150, 40, t)},${mix(150, 150, t)},${mix(150, 70, t)})`;
}

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
