import { api, byId, el, showError } from './common.js';

const MAX_ENTRIES = 12;
const KINDS = ['image', 'video', 'audio', 'depth_map', 'skeletal_rig', 'style_reference', 'camera_path',
  'negative_reference', 'regional_mask', 'color_palette'];
const WORDS = { image: 'Image', video: 'Video', audio: 'Audio', depth_map: 'Depth', skeletal_rig: 'Rig',
  style_reference: 'Style', camera_path: 'Camera', negative_reference: 'Negative', regional_mask: 'Mask',
  color_palette: 'Palette', frame_rate: 'FrameRate', seed: 'Seed' };
const entries = [];
let preflightTimer = null;
let preflightGeneration = 0;

/** The server detected the family from the bytes; this picks the stack kind it most likely means. */
function detectedKind(asset) {
  switch (asset.family) {
    case 'video': return 'video';
    case 'audio': return 'audio';
    case 'motion': return 'skeletal_rig';
    case 'data': return asset.metadata?.json_kind === 'camera_path' ? 'camera_path' : 'color_palette';
    default: return 'image';
  }
}

function inlineEntries() {
  const extra = [];
  if (byId('frame-rate').value) extra.push({ kind: 'frame_rate', value: Number(byId('frame-rate').value) });
  if (byId('seed').value) extra.push({ kind: 'seed', value: Number(byId('seed').value) });
  return extra;
}

function stack() {
  return {
    prompt: byId('prompt').value,
    entries: [...entries.map((entry) => ({ kind: entry.kind, asset_id: entry.asset.id, name: entry.name })), ...inlineEntries()],
  };
}

function mentions() {
  const counts = {};
  const list = [];
  for (const entry of stack().entries) {
    counts[entry.kind] = (counts[entry.kind] ?? 0) + 1;
    list.push({ token: `@${WORDS[entry.kind]}${counts[entry.kind]}`, hint: entry.name ?? String(entry.value) });
    if (entry.name && /^[A-Za-z][\w.-]*$/.test(entry.name)) list.push({ token: `@${entry.name}`, hint: entry.kind });
  }
  return list;
}

async function addFiles(files) {
  const error = byId('stack-error');
  error.hidden = true;
  for (const file of files) {
    if (entries.length + inlineEntries().length >= MAX_ENTRIES) {
      showError(error, { message: `A stack holds at most ${MAX_ENTRIES} entries; ${file.name} was not added.` });
      break;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const asset = await api('POST', '/v1/assets', form);
      const entry = { file, asset, kind: detectedKind(asset), name: asset.name };
      entries.push(entry);
      renderEntries();
    } catch (failure) {
      showError(error, { code: failure.code, message: `${file.name}: ${failure.message}` });
    }
  }
  schedulePreflight();
}

function thumbnail(entry) {
  const family = entry.asset.family;
  if (family === 'image') return el('img', { src: URL.createObjectURL(entry.file), alt: '' });
  if (family === 'video') return el('video', { src: URL.createObjectURL(entry.file), muted: true, 'aria-hidden': 'true' });
  const canvas = el('canvas', { width: 192, height: 128, 'aria-hidden': 'true', 'data-preview': entry.kind });
  if (family === 'audio') drawWaveform(canvas, entry.file);
  else if (family === 'motion') entry.file.text().then((text) => drawSkeleton(canvas, text));
  else entry.file.text().then((text) => drawCameraPath(canvas, text));
  return canvas;
}

async function drawWaveform(canvas, file) {
  const context = canvas.getContext('2d');
  try {
    const audio = await new OfflineAudioContext(1, 1, 44100).decodeAudioData(await file.arrayBuffer());
    const samples = audio.getChannelData(0);
    const step = Math.max(1, Math.floor(samples.length / canvas.width));
    context.fillStyle = '#111';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.strokeStyle = '#4ade80';
    context.beginPath();
    for (let x = 0; x < canvas.width; x++) {
      let min = 1; let max = -1;
      for (let i = x * step; i < Math.min(samples.length, (x + 1) * step); i++) { min = Math.min(min, samples[i]); max = Math.max(max, samples[i]); }
      context.moveTo(x + 0.5, (1 - max) * canvas.height / 2);
      context.lineTo(x + 0.5, (1 - min) * canvas.height / 2);
    }
    context.stroke();
    canvas.dataset.drawn = 'waveform';
  } catch { canvas.dataset.drawn = 'undecodable'; }
}

/** Parses the BVH HIERARCHY (offsets only) and draws the rest pose seen from the front. */
function drawSkeleton(canvas, text) {
  const tokens = text.split('MOTION')[0].split(/\s+/).filter(Boolean);
  const points = [];
  const stackOfParents = [];
  let pending = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === 'ROOT' || token === 'JOINT' || token === 'End') pending = { parent: stackOfParents.at(-1) ?? null };
    else if (token === '{') stackOfParents.push(pending);
    else if (token === '}') stackOfParents.pop();
    else if (token === 'OFFSET' && pending) {
      const offset = [Number(tokens[i + 1]), Number(tokens[i + 2]), Number(tokens[i + 3])];
      const base = pending.parent?.position ?? [0, 0, 0];
      pending.position = base.map((value, axis) => value + offset[axis]);
      if (pending.parent) points.push([pending.parent.position, pending.position]);
      i += 3;
    }
  }
  const context = canvas.getContext('2d');
  context.fillStyle = '#111';
  context.fillRect(0, 0, canvas.width, canvas.height);
  if (points.length === 0) return;
  const all = points.flat();
  const [minX, maxX] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const [minY, maxY] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const scale = 0.85 * Math.min(canvas.width / Math.max(maxX - minX, 1e-6), canvas.height / Math.max(maxY - minY, 1e-6));
  const x = (p) => canvas.width / 2 + (p[0] - (minX + maxX) / 2) * scale;
  const y = (p) => canvas.height / 2 - (p[1] - (minY + maxY) / 2) * scale;
  context.strokeStyle = '#facc15';
  context.lineWidth = 2;
  context.beginPath();
  for (const [from, to] of points) { context.moveTo(x(from), y(from)); context.lineTo(x(to), y(to)); }
  context.stroke();
  canvas.dataset.drawn = 'skeleton';
  canvas.dataset.bones = String(points.length);
}

/** Draws an AIVid camera path (docs/camera-path.md) or a nerfstudio one, seen from above (x, z). */
function drawCameraPath(canvas, text) {
  let positions = [];
  try {
    const path = JSON.parse(text);
    if (Array.isArray(path.keyframes)) positions = path.keyframes.map((key) => key.position).filter(Array.isArray);
    else if (Array.isArray(path.camera_path)) positions = path.camera_path.map((key) => [key.camera_to_world[3], key.camera_to_world[7], key.camera_to_world[11]]);
  } catch { return; }
  const context = canvas.getContext('2d');
  context.fillStyle = '#111';
  context.fillRect(0, 0, canvas.width, canvas.height);
  if (positions.length === 0) return;
  const xs = positions.map((p) => p[0]); const zs = positions.map((p) => p[2]);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...zs) - Math.min(...zs), 1);
  const px = (p) => canvas.width / 2 + ((p[0] - (Math.max(...xs) + Math.min(...xs)) / 2) / span) * canvas.width * 0.7;
  const pz = (p) => canvas.height / 2 + ((p[2] - (Math.max(...zs) + Math.min(...zs)) / 2) / span) * canvas.height * 0.7;
  context.strokeStyle = '#60a5fa';
  context.lineWidth = 2;
  context.beginPath();
  positions.forEach((p, index) => (index === 0 ? context.moveTo(px(p), pz(p)) : context.lineTo(px(p), pz(p))));
  context.stroke();
  context.fillStyle = '#f87171';
  for (const p of positions) context.fillRect(px(p) - 3, pz(p) - 3, 6, 6);
  canvas.dataset.drawn = 'camera';
}

function renderEntries() {
  // Re-rendering replaces the controls: a keyboard user keeps focus on the same one.
  const focused = byId('entries').contains(document.activeElement) ? document.activeElement.id : null;
  byId('entries').replaceChildren(...entries.map((entry, index) => {
    const kindId = `kind-${index}`;
    const nameId = `name-${index}`;
    const kind = el('select', { id: kindId, class: 'kind',
      // Updated in place: replacing the select would reset a keyboard user's type-ahead.
      onchange: (event) => { entry.kind = event.target.value; schedulePreflight(); } },
    ...KINDS.map((value) => el('option', { value, text: value, selected: value === entry.kind })));
    const name = el('input', { id: nameId, class: 'name', value: entry.name,
      onchange: (event) => { entry.name = event.target.value; schedulePreflight(); } });
    const remove = el('button', { type: 'button', 'aria-label': `Remove ${entry.name}`, text: 'Remove',
      onclick: () => { entries.splice(index, 1); renderEntries(); schedulePreflight(); } });
    return el('li', { 'data-asset-id': entry.asset.id },
      entry.thumbnail ??= thumbnail(entry),
      el('div', {},
        el('p', { class: 'file-name', text: entry.file.name }),
        el('label', { for: kindId, text: 'Kind' }), kind,
        el('label', { for: nameId, text: 'Name' }), name,
        ' ', remove));
  }));
  byId('stack-count').textContent = `${entries.length + inlineEntries().length} / ${MAX_ENTRIES}`;
  if (focused && byId(focused)) byId(focused).focus();
}

function schedulePreflight() {
  clearTimeout(preflightTimer);
  preflightTimer = setTimeout(preflight, 500);
}

async function preflight() {
  const generation = ++preflightGeneration;
  const request = stack();
  const state = byId('preflight-state');
  if (!request.prompt.trim()) { state.textContent = '(write a prompt)'; return; }
  state.textContent = 'checking…';
  try {
    const report = await api('POST', '/v1/stacks/preflight',
      { ...request, seconds: Number(byId('seconds').value) || 4, size: byId('size').value }, { record: false });
    if (generation !== preflightGeneration) return;
    state.textContent = `(${report.models.length} models)`;
    byId('recommendation').textContent = report.recommendation ?? '';
    byId('preflight').tBodies[0].replaceChildren(...report.models.map((model) =>
      el('tr', { 'data-model': model.model },
        el('th', { scope: 'row', text: model.model }),
        el('td', { class: `verdict verdict-${model.verdict}`, text: model.verdict }),
        el('td', { text: model.estimated_credits }),
        el('td', {}, el('ul', { class: 'plain' }, ...(model.findings ?? []).slice(0, 5).map((finding) =>
          el('li', { text: finding.message ?? finding.detail ?? finding.rule ?? JSON.stringify(finding) })))))));
  } catch (error) {
    if (generation === preflightGeneration) state.textContent = `(${error.code ?? 'error'}: ${error.message})`;
  }
}

// ---- @mention autocomplete
let suggestionIndex = 0;
function currentMention() {
  const prompt = byId('prompt');
  const before = prompt.value.slice(0, prompt.selectionStart);
  const match = /(^|[^\w.+-])@([\w.-]*)$/.exec(before);
  return match ? { start: before.length - match[2].length - 1, partial: match[2] } : null;
}

function suggest() {
  const list = byId('mentions');
  const mention = currentMention();
  const options = mention ? mentions().filter((option) => option.token.slice(1).toLowerCase().startsWith(mention.partial.toLowerCase())) : [];
  list.hidden = options.length === 0;
  suggestionIndex = Math.min(suggestionIndex, Math.max(options.length - 1, 0));
  list.replaceChildren(...options.map((option, index) => el('li', {
    role: 'option', id: `mention-${index}`, 'aria-selected': String(index === suggestionIndex), 'data-token': option.token,
    onmousedown: (event) => { event.preventDefault(); accept(option.token); },
  }, option.token, el('span', { class: 'muted', text: ` ${option.hint}` }))));
  const prompt = byId('prompt');
  if (options.length > 0) prompt.setAttribute('aria-activedescendant', `mention-${suggestionIndex}`);
  else prompt.removeAttribute('aria-activedescendant');
}

function closeSuggestions() {
  byId('mentions').hidden = true;
  byId('prompt').removeAttribute('aria-activedescendant');
}

function accept(token) {
  const prompt = byId('prompt');
  const mention = currentMention();
  if (!mention) return;
  const end = prompt.selectionStart;
  prompt.value = `${prompt.value.slice(0, mention.start)}${token} ${prompt.value.slice(end)}`;
  const caret = mention.start + token.length + 1;
  prompt.setSelectionRange(caret, caret);
  closeSuggestions();
  schedulePreflight();
}

byId('prompt').addEventListener('input', () => { suggestionIndex = 0; suggest(); schedulePreflight(); });
byId('prompt').addEventListener('keydown', (event) => {
  const list = byId('mentions');
  if (list.hidden) return;
  const count = list.children.length;
  if (event.key === 'ArrowDown') { suggestionIndex = (suggestionIndex + 1) % count; suggest(); event.preventDefault(); }
  else if (event.key === 'ArrowUp') { suggestionIndex = (suggestionIndex + count - 1) % count; suggest(); event.preventDefault(); }
  else if (event.key === 'Enter' || event.key === 'Tab') { accept(list.children[suggestionIndex].dataset.token); event.preventDefault(); }
  else if (event.key === 'Escape') { closeSuggestions(); event.preventDefault(); }
});
byId('prompt').addEventListener('blur', closeSuggestions);

// ---- files: drag and drop, or the file input for keyboard users
const drop = byId('drop');
drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => { event.preventDefault(); drop.classList.remove('over'); addFiles([...event.dataTransfer.files]); });
byId('files').addEventListener('change', (event) => { addFiles([...event.target.files]); event.target.value = ''; });
for (const id of ['frame-rate', 'seed', 'seconds', 'size']) byId(id).addEventListener('input', () => { renderEntries(); schedulePreflight(); });

// ---- preview and render
function renderRequest() {
  const body = { stack: stack(), seconds: byId('seconds').value, size: byId('size').value };
  if (byId('model').value) body.model = byId('model').value;
  if (byId('policy').value) body.routing_policy = byId('policy').value;
  return body;
}

byId('preview').addEventListener('click', async () => {
  const button = byId('preview');
  button.disabled = true;
  byId('create-error').hidden = true;
  try {
    const preview = await api('POST', '/v1/previews', { stack: stack(), seconds: 2 });
    byId('preview-player').replaceChildren(el('video', {
      id: 'preview-video', src: preview.video_url, poster: preview.poster_url, controls: true, autoplay: true, muted: true, playsinline: true,
    }), el('p', { class: 'muted', text: `Rendered ${preview.frame_count} frames in ${preview.render_millis} ms · never charged` }));
    byId('preview-video').muted = true;
  } catch (error) { showError(byId('create-error'), error); } finally { button.disabled = false; }
});

// ---- remix: the API keeps no link from a video to its stack, so this browser remembers the stacks it rendered.
const REMEMBERED = 'aivid.renderStacks';
const REMEMBER_MAX = 50;

function rememberedStacks() {
  try { return JSON.parse(localStorage.getItem(REMEMBERED) ?? '{}'); } catch { return {}; }
}

function remember(videoId) {
  const stacks = rememberedStacks();
  stacks[videoId] = {
    entries: entries.map((entry) => ({ asset_id: entry.asset.id, kind: entry.kind, name: entry.name })),
    frame_rate: byId('frame-rate').value, seed: byId('seed').value, policy: byId('policy').value,
  };
  const kept = Object.entries(stacks).slice(-REMEMBER_MAX);
  try { localStorage.setItem(REMEMBERED, JSON.stringify(Object.fromEntries(kept))); } catch { /* storage full or disabled */ }
}

async function remix(videoId) {
  const note = byId('remix-note');
  try {
    const video = await api('GET', `/v1/videos/${encodeURIComponent(videoId)}`);
    byId('prompt').value = video.prompt ?? '';
    byId('seconds').value = video.seconds;
    if (![...byId('size').options].some((option) => option.value === video.size)) byId('size').append(el('option', { value: video.size, text: video.size }));
    byId('size').value = video.size;
    await modelsLoaded;
    if (![...byId('model').options].some((option) => option.value === video.model)) byId('model').append(el('option', { value: video.model, text: video.model }));
    byId('model').value = video.model;
    const remembered = rememberedStacks()[videoId];
    for (const saved of remembered?.entries ?? []) {
      const asset = await api('GET', `/v1/assets/${encodeURIComponent(saved.asset_id)}`);
      const blob = await (await fetch(`/v1/assets/${encodeURIComponent(saved.asset_id)}/content`, { credentials: 'same-origin' })).blob();
      entries.push({ file: new File([blob], asset.name ?? saved.asset_id, { type: blob.type }), asset, kind: saved.kind, name: saved.name });
    }
    if (remembered) {
      byId('frame-rate').value = remembered.frame_rate ?? '';
      byId('seed').value = remembered.seed ?? '';
      byId('policy').value = remembered.policy ?? '';
    }
    renderEntries();
    note.textContent = `Remixing ${videoId}: its prompt, model, length and size${remembered ? ` and its ${remembered.entries.length}-file stack` : ''} are filled in.`
      + (remembered ? '' : ' Its stack, if it had one, was not rendered from this browser.');
    note.hidden = false;
    schedulePreflight();
  } catch (error) { showError(byId('create-error'), error); }
}

byId('render').addEventListener('click', async () => {
  byId('create-error').hidden = true;
  try {
    const video = await api('POST', '/v1/renders', renderRequest());
    remember(video.id);
    window.location.assign(`/renders/${encodeURIComponent(video.id)}`);
  } catch (error) { showError(byId('create-error'), error); }
});

const modelsLoaded = api('GET', '/v1/models').then((models) => {
  byId('model').append(...models.data.filter((model) => model.aivid?.lifecycle?.state !== 'retired')
    .map((model) => el('option', { value: model.id, text: model.id })));
});
renderEntries();
const remixOf = new URLSearchParams(window.location.search).get('remix');
if (remixOf) remix(remixOf);
