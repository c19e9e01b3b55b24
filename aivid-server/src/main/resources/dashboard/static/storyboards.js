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
    el('td', { class: 'credits', text: `${credits.charged ?? '0'} charged of ${credits.estimate ?? '0'} estimated` }),
    el('td', { text: when(board.created_at) }));
}

async function load() {
  try {
    const page = await api('GET', `/v1/storyboards?limit=${PAGE_SIZE}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    byId('storyboards').tBodies[0].append(...page.data.map(row));
    byId('storyboards-empty').hidden = byId('storyboards').tBodies[0].rows.length > 0;
    after = page.last_id;
    byId('storyboards-more').hidden = !page.has_more;
  } catch (error) { showError(byId('storyboards-error'), error); }
}

byId('storyboards-more').addEventListener('click', load);
load();
