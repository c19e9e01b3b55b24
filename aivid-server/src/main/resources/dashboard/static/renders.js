import { api, byId, el, when, TERMINAL } from './common.js';

// A browser opens at most 6 HTTP/1.1 connections per origin: a few per-video streams, the rest polled.
const MAX_STREAMS = 3;
const POLL_MILLIS = 2000;
const streams = new Map();
let timer = null;
let videos = [];
window.aividRenders = { maxStreams: 0, streamed: new Set() };

function filters() {
  return { status: byId('filter-status').value, model: byId('filter-model').value.trim().toLowerCase() };
}

function matches(video, { status, model }) {
  return (!status || video.status === status) && (!model || video.model.toLowerCase().includes(model));
}

function live(video) {
  if (TERMINAL.has(video.status)) return '';
  return streams.has(video.id) ? 'sse' : 'poll';
}

function row(video) {
  return el('tr', { 'data-video-id': video.id, 'data-live': live(video) },
    el('td', {}, el('a', { href: `/renders/${encodeURIComponent(video.id)}`, text: video.id })),
    el('td', { text: (video.prompt ?? '').slice(0, 80) }),
    el('td', { class: 'model', text: video.model }),
    el('td', { class: 'status', text: video.status }),
    el('td', {}, el('progress', { max: 100, value: video.progress ?? 0, 'aria-label': `Progress of ${video.id}` }),
      el('span', { class: 'progress-text', text: ` ${video.progress ?? 0}%` })),
    el('td', { text: when(video.created_at) }),
    el('td', {}, el('a', { href: `/create?remix=${encodeURIComponent(video.id)}`, 'aria-label': `Remix ${video.id} in Create`, text: 'Remix' })));
}

function draw() {
  const shown = videos.filter((video) => matches(video, filters()));
  byId('renders').tBodies[0].replaceChildren(...shown.map(row));
  byId('renders-empty').hidden = videos.length > 0;
  byId('renders-none-match').hidden = videos.length === 0 || shown.length > 0;
  byId('renders-count').textContent = `${shown.length} of ${videos.length} shown`;
}

/** Updates one video in place, from its stream or a poll, and announces the end of a render. */
function update(video) {
  const index = videos.findIndex((item) => item.id === video.id);
  const before = index >= 0 ? videos[index] : null;
  if (index >= 0) videos[index] = video;
  const existing = byId('renders').querySelector(`tr[data-video-id="${CSS.escape(video.id)}"]`);
  if (existing) existing.replaceWith(row(video));
  if (before && !TERMINAL.has(before.status) && TERMINAL.has(video.status)) {
    byId('renders-live').textContent = `${video.id} ${video.status}.`;
  }
}

function follow(video) {
  const source = new EventSource(`/v1/videos/${encodeURIComponent(video.id)}/events`);
  streams.set(video.id, source);
  window.aividRenders.streamed.add(video.id);
  window.aividRenders.maxStreams = Math.max(window.aividRenders.maxStreams, streams.size);
  const stop = () => { source.close(); streams.delete(video.id); };
  source.addEventListener('video', (event) => {
    const next = JSON.parse(event.data);
    if (TERMINAL.has(next.status)) stop();
    update(next);
    if (TERMINAL.has(next.status)) followMore();
  });
  source.addEventListener('deleted', () => { stop(); videos = videos.filter((item) => item.id !== video.id); draw(); followMore(); });
  // The stream failed (or the server is gone): this video falls back to polling.
  source.onerror = () => { if (streams.has(video.id)) { stop(); schedulePoll(); } };
}

/** Streams the first few running videos; the rest are refreshed by polling the list. */
function followMore() {
  for (const video of videos) {
    if (streams.size >= MAX_STREAMS) break;
    if (!TERMINAL.has(video.status) && !streams.has(video.id) && !window.aividRenders.streamed.has(video.id)) follow(video);
  }
  for (const video of videos) {
    const tr = byId('renders').querySelector(`tr[data-video-id="${CSS.escape(video.id)}"]`);
    if (tr) tr.dataset.live = live(video);
  }
  schedulePoll();
}

function schedulePoll() {
  clearTimeout(timer);
  if (videos.some((video) => !TERMINAL.has(video.status) && !streams.has(video.id))) timer = setTimeout(load, POLL_MILLIS);
}

async function load() {
  try {
    const list = await api('GET', '/v1/videos?limit=100');
    // A streamed video's row is fresher than the poll.
    videos = list.data.map((video) => (streams.has(video.id) ? videos.find((item) => item.id === video.id) ?? video : video));
    const previous = new Map([...byId('renders').tBodies[0].rows].map((tr) => [tr.dataset.videoId, tr.querySelector('.status')?.textContent]));
    draw();
    for (const video of videos) {
      if (TERMINAL.has(video.status) && previous.has(video.id) && !TERMINAL.has(previous.get(video.id))) {
        byId('renders-live').textContent = `${video.id} ${video.status}.`;
      }
    }
    followMore();
  } catch (error) {
    byId('renders-count').textContent = `Could not load renders: ${error.message}`;
  }
}

function applyFilters() {
  const { status, model } = filters();
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (model) query.set('model', byId('filter-model').value.trim());
  window.history.replaceState(null, '', `${window.location.pathname}${query.size ? `?${query}` : ''}`);
  draw();
}

const initial = new URLSearchParams(window.location.search);
byId('filter-status').value = initial.get('status') ?? '';
byId('filter-model').value = initial.get('model') ?? '';
byId('filters').addEventListener('submit', (event) => { event.preventDefault(); applyFilters(); });
byId('filter-status').addEventListener('change', applyFilters);
load();
