import { api, byId, el, barChart, TERMINAL } from './common.js';

const LOW_BALANCE_CREDITS = 10;

function showBalance(balance) {
  byId('available').textContent = balance.available;
  byId('held').textContent = balance.pending;
  byId('spent').textContent = balance.posted;
  const available = Number(balance.available);
  const low = available < Math.max(LOW_BALANCE_CREDITS, Number(balance.credited) * 0.1);
  const warning = byId('low-balance');
  warning.hidden = !low;
  warning.textContent = low ? `Low balance: ${balance.available} credits left. Ask an admin for a grant.` : '';
}

function followBalance() {
  const state = byId('stream-state');
  const source = new EventSource('/v1/credits/stream');
  source.addEventListener('balance', (event) => {
    showBalance(JSON.parse(event.data));
    state.textContent = 'live';
    loadSpend();
    loadRunning();
  });
  source.onerror = () => { state.textContent = 'reconnecting…'; };
}

async function loadSpend() {
  const ledger = await api('GET', '/v1/credits/ledger?kind=post&limit=100');
  const perModel = new Map();
  const perDay = new Map();
  for (const transfer of ledger.data) {
    const amount = Number(transfer.amount);
    const model = transfer.model ?? 'other';
    perModel.set(model, (perModel.get(model) ?? 0) + amount);
    const day = new Date(transfer.created_at * 1000).toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + amount);
  }
  barChart(byId('chart-model'), [...perModel.entries()].sort((a, b) => b[1] - a[1]), 'credits');
  barChart(byId('chart-day'), [...perDay.entries()].sort(), 'credits');
}

async function loadRunning() {
  const list = await api('GET', '/v1/videos?limit=50');
  const running = list.data.filter((video) => !TERMINAL.has(video.status));
  const target = byId('running');
  target.replaceChildren(...running.map((video) =>
    el('li', {}, el('a', { href: `/renders/${encodeURIComponent(video.id)}`, text: video.id }),
      ` ${video.model} · ${video.status} · ${video.progress}%`)));
  if (running.length === 0) target.append(el('li', { class: 'muted', text: 'Nothing rendering right now.' }));
}

api('GET', '/v1/credits').then(showBalance);
followBalance();
loadSpend();
loadRunning();
