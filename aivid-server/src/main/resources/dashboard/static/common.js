// Shared helpers for every dashboard page. Data is only ever written with textContent/attributes.
export const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
const LAST_REQUEST = 'aivid.lastRequest';
const SECRET_FIELD = /key|secret|token|password/i;

/** Builds an element: attrs are attributes (text → textContent, on* → listeners); children are nodes or text. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const byId = (id) => document.getElementById(id);

/** Calls the /v1 API with the session cookie and, for state changes, the CSRF header. */
export async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (method !== 'GET' && options.record !== false) recordRequest(method, path, body);
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    const error = new Error(json?.error?.message ?? json?.detail ?? `HTTP ${response.status}`);
    error.status = response.status;
    error.code = json?.error?.code ?? json?.code ?? null;
    throw error;
  }
  return json;
}

/** Keeps the last state-changing request for the code panel; secrets are replaced, never stored. */
function recordRequest(method, path, body) {
  let recorded = null;
  if (body instanceof FormData) {
    recorded = { multipart: [...body.entries()].map(([name, value]) =>
      value instanceof File ? { name, file: value.name } : { name, value: SECRET_FIELD.test(name) ? '$SECRET' : String(value) }) };
  } else if (body !== undefined) {
    recorded = { json: redact(body) };
  }
  try { sessionStorage.setItem(LAST_REQUEST, JSON.stringify({ method, path, ...recorded })); } catch { /* storage full or disabled */ }
}

function redact(value, key = '') {
  if (Array.isArray(value)) return value.map((item) => redact(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redact(item, name)]));
  }
  return typeof value === 'string' && SECRET_FIELD.test(key) ? '$SECRET' : value;
}

export function lastRequest() {
  try { return JSON.parse(sessionStorage.getItem(LAST_REQUEST) ?? 'null'); } catch { return null; }
}

export function showError(node, error) {
  node.textContent = error.code ? `${error.code}: ${error.message}` : String(error.message ?? error);
  node.hidden = false;
}

export function when(seconds) {
  return seconds ? new Date(seconds * 1000).toLocaleString() : '';
}

export const TERMINAL = new Set(['completed', 'failed']);

/** A stable colour per model, so charts and timelines agree; dark enough for white text at every hue (≥ 4.5:1). */
export function colour(name) {
  let hash = 0;
  for (const character of String(name)) hash = (hash * 31 + character.codePointAt(0)) >>> 0;
  return `hsl(${hash % 360} 60% 28%)`;
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** A horizontal bar chart of [label, value] pairs as inline SVG. */
export function barChart(container, pairs, unit) {
  container.replaceChildren();
  if (pairs.length === 0) { container.append(el('p', { class: 'muted', text: 'No spend yet.' })); return; }
  const max = Math.max(...pairs.map(([, value]) => value), 1e-9);
  const rowHeight = 26;
  const chart = svg('svg', { viewBox: `0 0 400 ${pairs.length * rowHeight}`, role: 'img' });
  const title = svg('title');
  title.textContent = pairs.map(([label, value]) => `${label}: ${value} ${unit}`).join('; ');
  chart.append(title);
  pairs.forEach(([label, value], index) => {
    const y = index * rowHeight;
    const text = svg('text', { x: 0, y: y + 17, 'font-size': 12, fill: '#1b1f24' });
    text.textContent = label;
    const bar = svg('rect', { x: 150, y: y + 4, height: 18, width: Math.max(1, (value / max) * 180), fill: colour(label) });
    const amount = svg('text', { x: 155 + (value / max) * 180, y: y + 17, 'font-size': 12, fill: '#1b1f24' });
    amount.textContent = `${Math.round(value * 1e6) / 1e6}`;
    chart.append(text, bar, amount);
  });
  container.append(chart);
}
