// Models: versions with metrics, the active one marked, activate/rollback with confirmation, train, compare.
import { enc, get, post } from '../api.js';
import { badge, errorBox, fmtDuration, fmtNumber, fmtTime, h, json, table } from '../dom.js';
import { compareView } from './compare.js';

const REFRESH_MS = 3000;
const FINAL = new Set(['completed', 'failed', 'stopped']);

export async function mount(root, params, ui) {
  const [modelId, view, versions] = params;
  const models = await get('/models');
  const side = h('aside', { class: 'side' }, h('h3', {}, 'Models'),
    models.length === 0 ? h('p', { class: 'muted' }, 'No models yet.')
      : h('ul', { id: 'model-list', class: 'plain' }, models.map(m => h('li', { class: m.id === modelId ? 'selected' : '' },
        h('a', { href: `#/models/${enc(m.id)}`, dataset: { model: m.id } }, m.id), ' ', h('span', { class: 'muted' }, m.algorithm)))));
  const main = h('section', { class: 'main' });
  root.append(h('h2', {}, 'Models'), h('div', { class: 'split' }, side, main));
  const id = modelId ?? models[0]?.id;
  if (!id) return undefined;
  if (view === 'compare') {
    main.append(await compareView(id, (versions ?? '').split(',').filter(Boolean)));
    return undefined;
  }
  return modelView(main, id, ui);
}

async function modelView(main, id, ui) {
  const model = await get(`/models/${enc(id)}`);
  const selected = new Set();
  const open = new Set();
  const registryBox = h('div', { id: 'registry' });
  const versionsBox = h('div');
  const compareButton = h('button', {
    id: 'compare', disabled: true,
    onclick: () => { location.hash = `#/models/${enc(id)}/compare/${[...selected].map(enc).join(',')}`; },
  }, 'Compare selected');
  main.append(
    h('h3', {}, model.name && model.name !== model.id ? `${model.name} (${model.id})` : model.id),
    h('p', {}, `${model.kind} · ${model.algorithm} · dataset `, model.dataset_id ?? '–', model.description ? ` · ${model.description}` : ''),
    h('details', {}, h('summary', {}, 'Hyperparameters'), json(model.hyperparameters)),
    registryBox,
    h('div', { class: 'toolbar' },
      h('button', { id: 'train', onclick: () => ui.act(`Training started for ${id}`, () => post(`/models/${enc(id)}/versions`, {})) }, 'Train new version'),
      compareButton, h('span', { class: 'muted' }, 'Tick two or more versions to compare them.')),
    versionsBox);

  let stopped = false;
  const refresh = async () => {
    const [versions, registry] = await Promise.all([get(`/models/${enc(id)}/versions`), get(`/models/${enc(id)}/registry`)]);
    if (stopped) return false;
    registryBox.replaceChildren(registryView(id, registry, ui));
    versionsBox.replaceChildren(versionsTable(id, versions, registry.active_version, { selected, open, compareButton, ui, redraw: () => refresh() }));
    compareButton.disabled = selected.size < 2;
    return versions.some(v => !FINAL.has(v.status));
  };
  try {
    await refresh();
  } catch (error) {
    main.append(errorBox(error));
  }
  const timer = setInterval(() => refresh().catch(() => {}), REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); };
}

function registryView(id, registry, ui) {
  const history = registry.history ?? [];
  return h('div', { class: 'registry' },
    h('p', {}, 'Active version: ', registry.active_version ? h('strong', { id: 'active-version' }, registry.active_version) : h('span', { class: 'muted', id: 'active-version' }, 'none'),
      registry.activated_at ? h('span', { class: 'muted' }, ` since ${fmtTime(registry.activated_at)}`) : '', ' ',
      h('button', {
        id: 'rollback', class: 'secondary', disabled: history.length < 2,
        onclick: async () => {
          if (await ui.confirm(`Roll ${id} back to the previously active version?`)) await ui.act(`Rolled ${id} back`, () => post(`/models/${enc(id)}/registry/rollback`));
        },
      }, 'Roll back')),
    history.length === 0 ? '' : h('details', {}, h('summary', {}, `Activation history (${history.length})`),
      table(['at', 'action', 'version', 'previous', 'by'], history.slice().reverse().map(e => h('tr', {},
        h('td', {}, fmtTime(e.at)), h('td', {}, e.action), h('td', {}, e.version), h('td', {}, e.previous ?? '–'), h('td', {}, e.by))), { class: 'grid' })));
}

function versionsTable(id, versions, active, state) {
  const { selected, open, compareButton, ui, redraw } = state;
  if (versions.length === 0) return h('p', { class: 'muted' }, 'No versions yet.');
  const metricNames = [...new Set(versions.flatMap(v => Object.keys(v.metrics ?? {})))].sort();
  const rows = versions.flatMap(v => {
    const isActive = v.version === active;
    const tick = h('input', {
      type: 'checkbox', class: 'pick', 'aria-label': `select ${v.version}`, checked: selected.has(v.version),
      onchange: e => { if (e.target.checked) selected.add(v.version); else selected.delete(v.version); compareButton.disabled = selected.size < 2; },
    });
    const row = h('tr', { class: isActive ? 'active-row' : '', dataset: { version: v.version, status: v.status, active: isActive } },
      h('td', {}, tick),
      h('td', {}, h('strong', {}, v.version), isActive ? [' ', h('span', { class: 'active-mark', title: 'active version' }, '★ active')] : ''),
      h('td', {}, badge(v.status), FINAL.has(v.status) ? '' : ` ${fmtNumber(v.progress, 3)}%`),
      h('td', {}, fmtTime(v.created_at)),
      h('td', {}, fmtDuration(v.training_duration)),
      h('td', {}, `${v.dataset_id || '–'}${v.snapshot ? ` #${v.snapshot}` : ''}`),
      metricNames.map(m => h('td', { class: 'num', dataset: { metric: m } }, fmtNumber(v.metrics?.[m]))),
      h('td', { class: 'actions' },
        v.status === 'completed' && !isActive ? h('button', {
          class: 'activate',
          onclick: async () => {
            if (await ui.confirm(`Activate ${id} ${v.version}? It will serve every request from now on.`)) {
              await ui.act(`Activated ${v.version}`, () => post(`/models/${enc(id)}/registry/activate`, { version: v.version }));
            }
          },
        }, 'Activate') : '',
        h('button', { class: 'details secondary', onclick: () => { if (open.has(v.version)) open.delete(v.version); else open.add(v.version); redraw(); } },
          open.has(v.version) ? 'Hide' : 'Details')));
    if (!open.has(v.version)) return [row];
    return [row, h('tr', { class: 'details-row' }, h('td', { colspan: 7 + metricNames.length }, detailsView(v)))];
  });
  return table(['', 'version', 'status', 'created', 'duration', 'dataset snapshot', ...metricNames, ''], rows, { id: 'versions', class: 'grid' });
}

function detailsView(v) {
  return h('div', { class: 'details-grid' },
    h('div', {}, h('h4', {}, 'Parameters'), json(v.parameters)),
    h('div', {}, h('h4', {}, 'Data'), h('dl', { class: 'figures' },
      h('dt', {}, 'dataset'), h('dd', {}, v.dataset_id || '–'),
      h('dt', {}, 'snapshot'), h('dd', {}, v.snapshot ?? '–'),
      h('dt', {}, 'base version'), h('dd', {}, v.base_version ?? '–'),
      h('dt', {}, 'artifact'), h('dd', {}, v.artifact_id ? `${v.artifact_id.slice(0, 19)}… (${fmtNumber(v.artifact_size ?? 0)} B)` : '–'),
      h('dt', {}, 'created by'), h('dd', {}, v.created_by || '–'),
      h('dt', {}, 'silo'), h('dd', {}, v.silo ?? '–'),
      h('dt', {}, 'error'), h('dd', {}, v.error ?? '–'))));
}
