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
  byId('remix-create').href = `/create?remix=${encodeURIComponent(id)}`;
  byId('remix-create').hidden = false;
  if (video.error) showError(byId('error'), { code: video.error.code, message: video.error.message });
  if (TERMINAL.has(video.status)) loadDetails(video);
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

async function loadDetails(video) {
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
    qc.checks.map((check) => qcTable(check, video))));
}

const QC_LIMITS = JSON.parse(byId('qc').dataset.thresholds || '{}');
const RESULT_TEXT = { pass: '✓ pass', warning: '! warning', fail: '✗ fail', info: '· info' };
const number = (value, digits = 3) => (typeof value === 'number' ? String(Math.round(value * 10 ** digits) / 10 ** digits) : '–');
const span = (intervals) => (intervals ?? []).reduce((sum, interval) => sum + (interval.end_seconds - interval.start_seconds), 0);

/** One QC attempt as rows of check, measured value, limit, result (in words, not colour alone) and findings. */
function qcTable(check, video) {
  const report = check.report ?? {};
  const issues = report.issues ?? [];
  const duration = report.duration_seconds || 0;
  const share = (seconds) => (duration > 0 ? `${number((seconds / duration) * 100, 1)}%` : '–');
  const result = (...codes) => {
    const found = issues.filter((issue) => codes.includes(issue.code));
    if (found.some((issue) => issue.severity === 'error')) return ['fail', found];
    return [found.length ? 'warning' : 'pass', found];
  };
  const black = span(report.black_intervals);
  const frozen = span(report.frozen_intervals);
  const rows = [
    ['Container', report.container, 'mp4', result('wrong_container')],
    ['Video codec', report.video_codec, 'h264', result('wrong_codec')],
    ['Size', `${report.width}x${report.height}`, `ordered ${video.size ?? '–'}`, result('wrong_size')],
    ['Frame rate', `${number(report.frames_per_second)} fps`, `ordered rate ± ${number((QC_LIMITS.frame_rate_relative_tolerance ?? 0) * 100, 1)}%`, result('wrong_frame_rate')],
    ['Duration', `${number(duration)} s`, `ordered ${video.seconds ?? '–'} s`, result('wrong_duration')],
    ['Black frames', `${number(black, 2)} s (${share(black)})`,
      `≤ ${number((QC_LIMITS.black_video_fraction ?? 0) * 100, 0)}% of the video; no run ≥ ${QC_LIMITS.black_segment_minimum_seconds} s`,
      result('black_video', 'black_segment')],
    ['Frozen frames', `${number(frozen, 2)} s (${share(frozen)})`,
      `≤ ${number((QC_LIMITS.frozen_video_fraction ?? 0) * 100, 0)}% of the video; no hold ≥ ${QC_LIMITS.freeze_minimum_seconds} s`,
      result('frozen_video', 'frozen_segment')],
    ['Flicker score', number(report.flicker_score), `≥ ${QC_LIMITS.flicker_minimum_score} in a static shot (1 = none)`, result('flicker')],
    ['Scene cuts', String((report.scene_cut_seconds ?? []).length), 'reported, never an issue', ['info', []]],
  ];
  const checked = check.checked_at ? ` · ${new Date(check.checked_at * 1000).toLocaleString()}` : '';
  return el('table', { class: 'table qc', 'data-attempt': check.attempt ?? '' },
    el('caption', { text: `Attempt ${check.attempt ?? 1} · ${check.model ?? ''} · ${check.passes ? 'passed' : 'failed'}${checked}` }),
    el('thead', {}, el('tr', {}, ...['Check', 'Value', 'Threshold', 'Result', 'Findings'].map((name) => el('th', { scope: 'col', text: name })))),
    el('tbody', {}, ...rows.map(([name, value, threshold, [outcome, found]]) =>
      el('tr', { 'data-check': name },
        el('th', { scope: 'row', text: name }),
        el('td', { text: value ?? '–' }),
        el('td', { text: threshold }),
        el('td', { class: `result result-${outcome}`, text: RESULT_TEXT[outcome] }),
        el('td', { text: found.map((issue) => issue.message).join('; ') }))),
      ...issues.filter((issue) => !rows.some(([, , , [, found]]) => found.includes(issue))).map((issue) =>
        el('tr', { 'data-check': issue.code },
          el('th', { scope: 'row', text: issue.code }), el('td', { text: '–' }), el('td', { text: '–' }),
          el('td', { class: `result result-${issue.severity === 'error' ? 'fail' : 'warning'}`, text: RESULT_TEXT[issue.severity === 'error' ? 'fail' : 'warning'] }),
          el('td', { text: issue.message })))));
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
