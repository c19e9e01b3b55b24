import { api, byId, el, when, TERMINAL } from './common.js';

let timer = null;

async function load() {
  const status = byId('filter-status').value;
  const model = byId('filter-model').value.trim().toLowerCase();
  const list = await api('GET', '/v1/videos?limit=100');
  const videos = list.data.filter((video) =>
    (!status || video.status === status) && (!model || video.model.toLowerCase().includes(model)));
  byId('renders').tBodies[0].replaceChildren(...videos.map((video) =>
    el('tr', { 'data-video-id': video.id },
      el('td', {}, el('a', { href: `/renders/${encodeURIComponent(video.id)}`, text: video.id })),
      el('td', { text: (video.prompt ?? '').slice(0, 80) }),
      el('td', { text: video.model }),
      el('td', { class: 'status', text: video.status }),
      el('td', {}, el('progress', { max: 100, value: video.progress, 'aria-label': `Progress of ${video.id}` })),
      el('td', { text: when(video.created_at) }))));
  byId('renders-empty').hidden = videos.length > 0;
  clearTimeout(timer);
  if (list.data.some((video) => !TERMINAL.has(video.status))) timer = setTimeout(load, 2000);
}

byId('filters').addEventListener('submit', (event) => { event.preventDefault(); load(); });
load();
