import { api, byId, el, colour } from './common.js';

const id = byId('storyboard').dataset.storyboardId;

async function load() {
  const board = await api('GET', `/v1/storyboards/${encodeURIComponent(id)}`);
  byId('status').textContent = board.status;
  const models = new Set();
  byId('timeline').replaceChildren(...board.shots.map((shot, index) => {
    models.add(shot.model);
    const item = el('li', { title: `${shot.model}: ${shot.status}` },
      el('a', { href: `/renders/${encodeURIComponent(shot.video_id)}`, text: `Shot ${index + 1}` }),
      el('br'), `${shot.seconds ?? '?'} s · ${shot.status ?? ''}`);
    item.style.backgroundColor = colour(shot.model);
    item.style.flexGrow = String(Number(shot.seconds ?? 1));
    item.querySelector('a').style.color = '#fff';
    return item;
  }));
  byId('legend').replaceChildren(...[...models].map((model) => {
    const swatch = el('span', { 'aria-hidden': 'true', text: '■ ' });
    swatch.style.color = colour(model);
    return el('li', {}, swatch, model);
  }));
  if (board.video_url) {
    byId('player').replaceChildren(el('video', { controls: true, src: board.video_url }),
      el('p', {}, el('a', { href: board.edl_url, text: 'Edit decision list (CMX 3600)' })));
  } else if (board.status !== 'failed') {
    setTimeout(load, 2000);
  }
}

load();
