import { api, byId, el, showError, TERMINAL } from './common.js';

const id = byId('render').dataset.videoId;
const base = `/v1/videos/${encodeURIComponent(id)}`;
let shownCompleted = false;

function show(video) {
  byId('status').textContent = video.status;
  byId('progress').value = video.progress ?? 0;
  byId('progress-text').textContent = `${video.progress ?? 0}%`;
  byId('prompt').textContent = video.prompt ?? '';
  byId('model').textContent = video.model;
  byId('cancel').hidden = TERMINAL.has(video.status);
  byId('delete').hidden = !TERMINAL.has(video.status);
  byId('remix').hidden = video.status !== 'completed';
  if (video.error) showError(byId('error'), { code: video.error.code, message: video.error.message });
  if (TERMINAL.has(video.status)) loadDetails();
  if (video.status === 'completed' && !shownCompleted) {
    shownCompleted = true;
    byId('player').replaceChildren(el('video', {
      id: 'video', controls: true, preload: 'auto', src: `${base}/content`, poster: `${base}/content?variant=thumbnail`,
    }));
    const download = byId('download');
    download.href = `${base}/content`;
    download.setAttribute('download', `${id}.mp4`);
    download.hidden = false;
  }
}

async function loadDetails() {
  const [credits, routing, qc] = await Promise.all([
    api('GET', `${base}/credits`), api('GET', `${base}/routing`), api('GET', `${base}/qc`)]);
  byId('charge').textContent = `${credits.charged ?? credits.held ?? credits.estimate} credits (${credits.status})`;
  byId('charge').dataset.charged = credits.charged ?? '';
  const explanation = routing.routing?.explanation;
  byId('routing').replaceChildren(
    el('p', { text: `${routing.model} via ${routing.provider}${routing.policy ? ` (policy ${routing.policy})` : ''}` }),
    explanation ? el('p', { text: explanation }) : null,
    el('ul', { class: 'plain' }, ...(routing.controls ?? []).map((control) =>
      el('li', { text: `${control.control}: ${control.fidelity}${control.detail ? ` — ${control.detail}` : ''}` }))),
    el('ul', { class: 'plain' }, ...(routing.notes ?? []).map((note) => el('li', { class: 'muted', text: note }))));
  byId('qc').replaceChildren(...(qc.checks.length === 0 ? [el('p', { class: 'muted', text: 'No checks yet.' })] :
    qc.checks.map((check) => el('pre', { text: JSON.stringify(check, null, 2) }))));
}

function follow() {
  const source = new EventSource(`${base}/events`);
  source.addEventListener('video', (event) => {
    const video = JSON.parse(event.data);
    show(video);
    if (TERMINAL.has(video.status)) source.close();
  });
  source.addEventListener('deleted', () => {
    source.close();
    byId('status').textContent = 'deleted';
    byId('player').replaceChildren();
  });
}

async function remove() {
  try {
    await api('DELETE', base);
    window.location.assign('/renders');
  } catch (error) { showError(byId('error'), error); }
}

byId('cancel').addEventListener('click', remove);
byId('delete').addEventListener('click', remove);
byId('remix').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const video = await api('POST', `${base}/remix`, { prompt: byId('remix-prompt').value });
    window.location.assign(`/renders/${encodeURIComponent(video.id)}`);
  } catch (error) { showError(byId('error'), error); }
});

api('GET', base).then(show).catch((error) => showError(byId('error'), error));
follow();
