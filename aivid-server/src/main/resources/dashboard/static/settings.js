import { api, byId, el, showError, when, lastRequest } from './common.js';

const isAdmin = document.body.dataset.role === 'admin';
const notice = el('p', { class: 'error', role: 'alert', hidden: true });
document.querySelector('main').prepend(notice);

async function loadKeys() {
  const keys = await api('GET', '/v1/keys');
  byId('keys').tBodies[0].replaceChildren(...keys.data.map((key) =>
    el('tr', { 'data-key-id': key.id },
      el('td', { text: key.name }), el('td', {}, el('code', { text: key.prefix })), el('td', { text: key.role }),
      el('td', { class: 'state', text: key.revoked_at ? `revoked ${when(key.revoked_at)}` : 'active' }),
      el('td', {}, key.id === document.body.dataset.keyId ? el('span', { class: 'muted', text: 'this session' }) : key.revoked_at ? null : el('button', {
        type: 'button', class: 'revoke', 'aria-label': `Revoke key ${key.name}`, text: 'Revoke',
        onclick: async () => {
          try { await api('DELETE', `/v1/keys/${encodeURIComponent(key.id)}`); await loadKeys(); } catch (error) { showError(notice, error); }
        },
      })))));
}

async function loadProviders() {
  const providers = await api('GET', '/v1/providers');
  if (isAdmin) {
    byId('provider-name').replaceChildren(...providers.data.filter((provider) => provider.provider !== 'local')
      .map((provider) => el('option', { value: provider.provider, text: provider.provider })));
    byId('providers').replaceChildren(...providers.data.map((provider) =>
      el('li', { text: `${provider.provider}: ${provider.configured ? `configured (${provider.source})` : 'no credentials'}` })));
  }
}

const PERIODS = ['never', 'daily', 'weekly', 'monthly'];
const status = (text) => { byId('settings-status').textContent = text; };

async function loadBudgets() {
  const budgets = await api('GET', '/v1/credits/budgets');
  const body = byId('budgets').tBodies[0];
  body.replaceChildren(...(budgets.data.length ? budgets.data.map(budgetRow)
    : [el('tr', {}, el('td', { colspan: 5, class: 'muted', text: 'No budgets: the whole pool is available to every key.' }))]));
}

function budgetRow(budget) {
  const row = el('tr', { 'data-budget-id': budget.id },
    el('td', { text: budget.scope }), el('td', {}, el('code', { text: budget.target_id })),
    el('td', { class: 'limit', text: budget.limit }), el('td', { class: 'period', text: budget.reset_period }), el('td'));
  if (isAdmin) {
    row.cells[4].append(
      el('button', { type: 'button', class: 'edit', 'aria-label': `Edit budget for ${budget.target_id}`, text: 'Edit', onclick: () => editBudget(row, budget) }), ' ',
      el('button', { type: 'button', 'aria-label': `Delete budget for ${budget.target_id}`, text: 'Delete',
        onclick: () => api('DELETE', `/v1/credits/budgets/${encodeURIComponent(budget.id)}`)
          .then(() => { status('Budget deleted.'); return loadBudgets(); }, (error) => showError(notice, error)) }));
  }
  return row;
}

/** In-place edit: PUT on the same scope and target replaces the limit and the reset period. */
function editBudget(row, budget) {
  const limitId = `budget-limit-${budget.id}`;
  const periodId = `budget-period-${budget.id}`;
  const limit = el('input', { id: limitId, type: 'number', min: 0, step: 'any', required: true, value: budget.limit, size: 8 });
  const period = el('select', { id: periodId }, ...PERIODS.map((name) => el('option', { value: name, text: name, selected: name === budget.reset_period })));
  row.cells[2].replaceChildren(el('label', { for: limitId, class: 'visually-hidden', text: `Limit for ${budget.target_id}` }), limit);
  row.cells[3].replaceChildren(el('label', { for: periodId, class: 'visually-hidden', text: `Reset period for ${budget.target_id}` }), period);
  const save = async () => {
    try {
      await api('PUT', `/v1/credits/budgets/${encodeURIComponent(budget.scope)}/${encodeURIComponent(budget.target_id)}`,
        { limit: limit.value, reset_period: period.value });
      status(`Budget for ${budget.target_id} saved.`);
      await loadBudgets();
      codePanel();
    } catch (error) { showError(notice, error); }
  };
  row.cells[4].replaceChildren(
    el('button', { type: 'button', class: 'save', text: 'Save', onclick: save }), ' ',
    el('button', { type: 'button', text: 'Cancel', onclick: () => loadBudgets() }));
  limit.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); save(); } });
  limit.focus();
}

async function loadWebhooks() {
  const webhooks = await api('GET', '/v1/webhooks');
  byId('webhooks').tBodies[0].replaceChildren(...(webhooks.data.length ? webhooks.data.map(webhookRow)
    : [el('tr', {}, el('td', { colspan: 4, class: 'muted', text: 'No webhooks.' }))]));
  const deliveries = [];
  for (const hook of webhooks.data.slice(0, 10)) {
    const page = await api('GET', `/v1/webhooks/${encodeURIComponent(hook.id)}/deliveries?limit=20`);
    deliveries.push(...page.data.map((delivery) => ({ ...delivery, url: hook.url })));
  }
  deliveries.sort((a, b) => b.created_at - a.created_at);
  byId('deliveries').tBodies[0].replaceChildren(...(deliveries.length ? deliveries.map((delivery) =>
    el('tr', { 'data-delivery-id': delivery.id },
      el('td', { text: delivery.event_type }), el('td', {}, el('code', { text: delivery.url })),
      el('td', { class: 'delivery-status', text: delivery.status }),
      el('td', { class: 'attempts', text: String(delivery.attempt_count ?? 0) }),
      el('td', { text: delivery.last_response_code ? `HTTP ${delivery.last_response_code}` : (delivery.last_error ?? '–') }),
      el('td', { text: when(delivery.created_at) }),
      el('td', {}, isAdmin ? el('button', { type: 'button', class: 'redeliver', text: 'Redeliver', 'aria-label': `Redeliver ${delivery.event_type} ${delivery.id}`,
        onclick: () => api('POST', `/v1/webhooks/${encodeURIComponent(delivery.webhook_id)}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`)
          .then(() => { status(`Redelivery of ${delivery.id} queued.`); return loadWebhooks(); }, (error) => showError(notice, error)) }) : null)))
    : [el('tr', {}, el('td', { colspan: 7, class: 'muted', text: 'No deliveries yet.' }))]));
}

function webhookRow(hook) {
  const row = el('tr', { 'data-webhook-id': hook.id },
    el('td', {}, el('code', { text: hook.url })), el('td', { class: 'events', text: (hook.events ?? []).join(', ') }),
    el('td', { text: hook.description ?? '' }), el('td'));
  if (isAdmin) {
    row.cells[3].append(
      el('button', { type: 'button', class: 'edit', 'aria-label': `Edit webhook ${hook.url}`, text: 'Edit', onclick: () => editWebhook(row, hook) }), ' ',
      el('button', { type: 'button', 'aria-label': `Delete webhook ${hook.url}`, text: 'Delete',
        onclick: () => api('DELETE', `/v1/webhooks/${encodeURIComponent(hook.id)}`)
          .then(() => { status('Webhook deleted.'); return loadWebhooks(); }, (error) => showError(notice, error)) }));
  }
  return row;
}

/**
 * The API has no webhook update, so an edit replaces the endpoint: the new one is created first (so no
 * event falls in a gap), then the old one is deleted. The replacement has a new id and signing secret.
 */
function editWebhook(row, hook) {
  const fields = [['url', 'URL', hook.url, 'url'], ['events', 'Events', (hook.events ?? []).join(', '), 'text'],
    ['description', 'Description', hook.description ?? '', 'text']].map(([name, label, value, type]) => {
    const id = `webhook-${name}-${hook.id}`;
    return [name, el('label', { for: id, class: 'visually-hidden', text: `${label} of ${hook.url}` }),
      el('input', { id, type, value, required: name !== 'description' })];
  });
  fields.forEach(([, label, input], index) => row.cells[index].replaceChildren(label, input));
  const value = (name) => fields.find(([field]) => field === name)[2].value;
  const save = async () => {
    try {
      const replacement = await api('POST', '/v1/webhooks', {
        url: value('url'),
        events: value('events').split(',').map((name) => name.trim()).filter(Boolean),
        description: value('description') || undefined,
      });
      await api('DELETE', `/v1/webhooks/${encodeURIComponent(hook.id)}`, undefined, { record: false });
      byId('webhook-secret-note').textContent = 'Saved as a replacement endpoint (webhooks cannot be updated in place). Its new signing secret, shown only once:';
      byId('webhook-secret-value').textContent = replacement.secret;
      byId('webhook-secret').hidden = false;
      status(`Webhook ${replacement.url} saved; the old endpoint and its delivery log were removed.`);
      await loadWebhooks();
      codePanel();
    } catch (error) { showError(notice, error); }
  };
  row.cells[3].replaceChildren(
    el('button', { type: 'button', class: 'save', text: 'Save', onclick: save }), ' ',
    el('button', { type: 'button', text: 'Cancel', onclick: () => loadWebhooks() }));
  fields[0][2].focus();
}

// ---- code panel: the last request of this tab, in five forms; the key is always $AIVID_API_KEY.
function quote(text) { return `'${String(text).replaceAll("'", "'\\''")}'`; }

function pythonValue(value) {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map(pythonValue).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonValue(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}

function snippets(request) {
  const origin = window.location.origin;
  const url = origin + request.path;
  const body = request.json;
  const sdkPath = request.path.replace(/^\/v1/, '');
  const videoCreate = request.method === 'POST' && request.path === '/v1/videos' && body;
  const curl = [`curl -s ${quote(url)} -X ${request.method}`, '-H "Authorization: Bearer $AIVID_API_KEY"'];
  if (body !== undefined) curl.push("-H 'Content-Type: application/json'", `-d ${quote(JSON.stringify(body))}`);
  for (const part of request.multipart ?? []) curl.push(part.file ? `-F ${quote(`${part.name}=@${part.file}`)}` : `-F ${quote(`${part.name}=${part.value}`)}`);
  const python = ['from openai import OpenAI', 'import os', '', `client = OpenAI(base_url="${origin}/v1", api_key=os.environ["AIVID_API_KEY"])`];
  const node = ['import OpenAI from "openai";', '', `const client = new OpenAI({ baseURL: "${origin}/v1", apiKey: process.env.AIVID_API_KEY });`];
  const java = ['OpenAIClient client = OpenAIOkHttpClient.builder()', `    .baseUrl("${origin}/v1")`, '    .apiKey(System.getenv("AIVID_API_KEY"))', '    .build();'];
  if (videoCreate) {
    python.push(`video = client.videos.create(${Object.entries(body).map(([k, v]) => `${k}=${pythonValue(v)}`).join(', ')})`);
    node.push(`const video = await client.videos.create(${JSON.stringify(body)});`);
    java.push('Video video = client.videos().create(VideoCreateParams.builder()',
      ...Object.entries(body).map(([k, v]) => `    .${k.replace(/_(.)/g, (_, c) => c.toUpperCase())}(${JSON.stringify(String(v))})`), '    .build());');
  } else {
    python.push(`response = client.${request.method.toLowerCase()}(${JSON.stringify(sdkPath)}${body !== undefined ? `, body=${pythonValue(body)}` : ''}, cast_to=object)`);
    node.push(`const response = await client.${request.method.toLowerCase()}(${JSON.stringify(sdkPath)}${body !== undefined ? `, { body: ${JSON.stringify(body)} }` : ''});`);
    java.push(`// ${request.method} ${request.path} is an AIVid extension: the SDK has no typed method for it, so use the JDK client:`,
      'HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()',
      `    .uri(URI.create("${url}"))`, '    .header("Authorization", "Bearer " + System.getenv("AIVID_API_KEY"))',
      '    .header("Content-Type", "application/json")',
      `    .method("${request.method}", ${body !== undefined ? `HttpRequest.BodyPublishers.ofString(${JSON.stringify(JSON.stringify(body))})` : 'HttpRequest.BodyPublishers.noBody()'})`,
      '    .build(), HttpResponse.BodyHandlers.ofString());');
  }
  const native = ['import os, requests', '', `response = requests.request(${JSON.stringify(request.method)}, ${JSON.stringify(url)},`,
    '    headers={"Authorization": f"Bearer {os.environ[\'AIVID_API_KEY\']}"}' + (body !== undefined ? `,\n    json=${pythonValue(body)})` : ')'),
    'print(response.status_code, response.json())'];
  return { curl: curl.join(' \\\n  '), python: python.join('\n'), node: node.join('\n'), java: java.join('\n'), native: native.join('\n') };
}

function codePanel() {
  const request = lastRequest();
  if (!request) return;
  byId('code-request').textContent = `${request.method} ${request.path}`;
  const code = snippets(request);
  const labels = { curl: 'curl', python: 'OpenAI Python', node: 'OpenAI Node', java: 'OpenAI Java', native: 'Native API' };
  const tabs = byId('code-tabs');
  const select = (name) => {
    byId('code').textContent = code[name];
    for (const tab of tabs.children) tab.setAttribute('aria-selected', String(tab.dataset.language === name));
  };
  tabs.replaceChildren(...Object.entries(labels).map(([name, label]) =>
    el('button', { type: 'button', role: 'tab', 'data-language': name, text: label, onclick: () => select(name) })));
  select('curl');
}

if (isAdmin) {
  byId('new-key').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const key = await api('POST', '/v1/keys', { name: byId('key-name').value, role: byId('key-role').value });
      byId('new-key-value').textContent = key.key;
      byId('new-key-secret').hidden = false;
      await loadKeys();
      codePanel();
    } catch (error) { showError(notice, error); }
  });
  byId('provider-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', `/v1/providers/${encodeURIComponent(byId('provider-name').value)}/credentials`,
        { [byId('provider-field').value]: byId('provider-key').value });
      byId('provider-key').value = '';
      await loadProviders();
    } catch (error) { showError(notice, error); }
  });
  byId('budget-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('PUT', `/v1/credits/budgets/${byId('budget-scope').value}/${encodeURIComponent(byId('budget-target').value)}`,
        { limit: byId('budget-limit').value, reset_period: byId('budget-period').value });
      await loadBudgets();
      codePanel();
    } catch (error) { showError(notice, error); }
  });
  byId('webhook-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const hook = await api('POST', '/v1/webhooks', {
        url: byId('webhook-url').value,
        events: byId('webhook-events').value.split(',').map((name) => name.trim()).filter(Boolean),
        description: byId('webhook-description').value || undefined,
      });
      byId('webhook-secret-note').textContent = 'Signing secret, shown only once:';
      byId('webhook-secret-value').textContent = hook.secret;
      byId('webhook-secret').hidden = false;
      await loadWebhooks();
      codePanel();
    } catch (error) { showError(notice, error); }
  });
  loadKeys();
}
loadProviders();
loadBudgets();
loadWebhooks();
codePanel();
