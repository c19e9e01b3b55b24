import { api, byId, el, showError, when } from './common.js';

const PAGE_SIZE = 20;
let after = null;

function row(board) {
  const shots = board.shots ?? [];
  const done = shots.filter((shot) => shot.status === 'completed').length;
  const models = [...new Set(shots.map((shot) => shot.model).filter(Boolean))];
  const credits = board.credits ?? {};
  return el('tr', { 'data-storyboard-id': board.id },
    el('td', {}, el('a', { href: `/storyboards/${encodeURIComponent(board.id)}`, text: board.id })),
    el('td', { class: 'status', text: board.status }),
    el('td', { class: 'shots', text: `${done} / ${shots.length} done` }),
    el('td', { class: 'models', text: models.join(', ') }),
    el('td', { class: 'credits', text: `${credits.charged ?? '0'} charged of ${credits.estimated ?? '0'} estimated` }),
    el('td', { text: when(board.created_at) }));
}

const REFRESH_MILLIS = 2000;
const TERMINAL_BOARD = new Set(['completed', 'failed']);
let timer = null;

async function load() {
  try {
    const page = await api('GET', `/v1/storyboards?limit=${PAGE_SIZE}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    if (!after) {
      byId('storyboards').tBodies[0].replaceChildren();
      // While a board on the first page is still rendering, that page is refreshed.
      clearTimeout(timer);
      if (page.data.some((board) => !TERMINAL_BOARD.has(board.status))) timer = setTimeout(refresh, REFRESH_MILLIS);
    }
    byId('storyboards').tBodies[0].append(...page.data.map(row));
    byId('storyboards-empty').hidden = byId('storyboards').tBodies[0].rows.length > 0;
    after = page.last_id;
    byId('storyboards-more').hidden = !page.has_more;
  } catch (error) { showError(byId('storyboards-error'), error); }
}

function refresh() {
  if (byId('storyboards-more').hidden) { after = null; load(); }
}

byId('storyboards-more').addEventListener('click', () => { clearTimeout(timer); load(); });
load();
