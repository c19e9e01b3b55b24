import { api, byId, el } from './common.js';

function price(model) {
  return (model.aivid?.pricing?.tiers ?? []).map((tier) => `${tier.name} ${tier.credits_per_second}/s`).join(', ');
}

function lifecycle(model) {
  const state = model.aivid?.lifecycle ?? { state: 'active' };
  const badge = el('span', { class: `badge ${state.state}`, text: state.state });
  if (state.state === 'active') return badge;
  return el('span', {}, badge, ` → ${state.successor}${state.since ? ` since ${state.since}` : ''}${state.shutdown_at ? ` until ${state.shutdown_at}` : ''}`);
}

function capabilities(model) {
  const inputs = model.aivid?.capabilities?.inputs ?? {};
  return Object.entries(inputs).map(([kind, support]) => `${kind}: ${support.treatment}`).join(', ');
}

async function load() {
  const [models, providers] = await Promise.all([api('GET', '/v1/models'), api('GET', '/v1/providers')]);
  const configured = new Map(providers.data.map((provider) => [provider.provider, provider.configured]));
  byId('models').tBodies[0].replaceChildren(...models.data.map((model) => {
    const provider = model.aivid?.provider ?? '';
    const quality = model.aivid?.quality;
    const hasKey = provider === 'local' || configured.get(provider) === true;
    return el('tr', { 'data-model': model.id },
      el('th', { scope: 'row' }, el('code', { text: model.id }), el('br'), el('small', { class: 'muted', text: model.aivid?.description ?? '' })),
      el('td', { text: provider || '—' }),
      el('td', {}, lifecycle(model)),
      el('td', { text: price(model) }),
      el('td', { text: quality ? `temporal ${quality.temporal_consistency}, motion ${quality.motion_fluidity}` : '—' }),
      el('td', {}, el('small', { text: capabilities(model) })),
      el('td', { text: provider ? (hasKey ? 'key configured' : 'no key') : '—' }));
  }));
}

load();
