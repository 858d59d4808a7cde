// Models: versions with their headline metrics, the active one marked, activate/rollback with confirmation, train, compare.
import { enc, get, post } from '../api.js';
import { curveChart } from '../charts.js';
import { badge, errorBox, fmtNumber, fmtTime, h, json, table } from '../dom.js';
import { failure, failureView } from '../failure.js';
import { fmtMetric, fmtSeconds, GROUPS, grouped, headline } from '../metrics.js';
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
  return modelView(main, id, models, ui);
}

async function modelView(main, id, models, ui) {
  const model = await get(`/models/${enc(id)}`);
  const selected = new Set();
  const open = new Set();
  const registryBox = h('div', { id: 'registry' });
  const versionsBox = h('div');
  const compareButton = h('button', {
    id: 'compare', disabled: true,
    onclick: () => { location.hash = `#/models/${enc(id)}/compare/${[...selected].map(enc).join(',')}`; },
  }, 'Compare selected');
  const pick = ref => ({
    checked: selected.has(ref),
    onchange: e => { if (e.target.checked) selected.add(ref); else selected.delete(ref); compareButton.disabled = selected.size < 2; },
  });
  main.append(
    h('h3', {}, model.name && model.name !== model.id ? `${model.name} (${model.id})` : model.id),
    h('p', {}, `${model.kind} · ${model.algorithm} · dataset `, model.dataset_id ?? '–', model.description ? ` · ${model.description}` : ''),
    h('details', {}, h('summary', {}, 'Hyperparameters'), json(model.hyperparameters)),
    registryBox,
    h('div', { class: 'toolbar' },
      h('button', { id: 'train', onclick: () => ui.act(`Training started for ${id}`, () => post(`/models/${enc(id)}/versions`, {})) }, 'Train new version'),
      compareButton, h('span', { class: 'muted' }, 'Tick two or more versions to compare them.')),
    versionsBox,
    await otherModels(model, models, pick));

  let stopped = false;
  let shown = '';
  const refresh = async (force = false) => {
    const [versions, registry] = await Promise.all([get(`/models/${enc(id)}/versions`), get(`/models/${enc(id)}/registry`)]);
    if (stopped) return;
    // Redrawn only on change, so an open traceback or details panel stays open while nothing moves.
    const signature = JSON.stringify([versions, registry]);
    if (!force && signature === shown) return;
    shown = signature;
    registryBox.replaceChildren(registryView(id, registry, ui));
    versionsBox.replaceChildren(versionsTable(id, model.kind, versions, registry.active_version, { open, pick, ui, redraw: () => refresh(true) }));
    compareButton.disabled = selected.size < 2;
  };
  try {
    await refresh();
  } catch (error) {
    main.append(errorBox(error));
  }
  const timer = setInterval(() => refresh().catch(() => {}), REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); };
}

/** Versions of other models trained on the same dataset, to compare against (a seq2seq model against the lead-k baseline). */
async function otherModels(model, models, pick) {
  const others = models.filter(m => m.id !== model.id && m.dataset_id && m.dataset_id === model.dataset_id && m.versions?.length);
  if (others.length === 0) return '';
  const lists = await Promise.all(others.map(m => get(`/models/${enc(m.id)}/versions`).catch(() => [])));
  const rows = others.flatMap((m, i) => lists[i].filter(v => v.status === 'completed').map(v => h('li', {},
    h('label', {}, h('input', { type: 'checkbox', class: 'pick-other', 'aria-label': `select ${m.id} ${v.version}`, dataset: { ref: `${m.id}:${v.version}` }, ...pick(`${m.id}:${v.version}`) }),
      ` ${m.id} / ${v.version} `, h('span', { class: 'muted' }, m.algorithm)))));
  if (rows.length === 0) return '';
  return h('details', { id: 'other-models', class: 'other-models' },
    h('summary', {}, `Compare with other models on dataset ${model.dataset_id} (${rows.length} versions)`),
    h('ul', { class: 'plain' }, rows));
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
      h('div', { class: 'table-scroll' }, table(['at', 'action', 'version', 'previous', 'by'], history.slice().reverse().map(e => h('tr', {},
        h('td', {}, fmtTime(e.at)), h('td', {}, e.action), h('td', {}, e.version), h('td', {}, e.previous ?? '–'), h('td', {}, e.by))), { class: 'grid' }))));
}

function statusCell(v) {
  const reason = v.status === 'failed' || v.status === 'stopped' ? failure(v.error).reason : '';
  return h('td', { class: 'status-cell' }, badge(v.status), FINAL.has(v.status) ? '' : ` ${fmtNumber(v.progress, 3)}%`,
    reason ? h('div', { class: 'failure-reason one-line', title: reason }, reason) : '');
}

function versionsTable(id, kind, versions, active, state) {
  const { open, pick, ui, redraw } = state;
  if (versions.length === 0) return h('p', { class: 'muted' }, 'No versions yet.');
  const columns = headline(versions.flatMap(v => Object.keys(v.metrics ?? {})));
  const rows = versions.flatMap(v => {
    const isActive = v.version === active;
    const tick = h('input', { type: 'checkbox', class: 'pick', 'aria-label': `select ${v.version}`, ...pick(v.version) });
    const row = h('tr', { class: `${isActive ? 'active-row' : ''} status-${v.status}`, dataset: { version: v.version, status: v.status, active: isActive } },
      h('td', {}, tick),
      h('td', {}, h('strong', {}, v.version), isActive ? [' ', h('span', { class: 'active-mark', title: 'active version' }, '★ active')] : ''),
      statusCell(v),
      h('td', { class: 'nowrap' }, fmtTime(v.created_at)),
      h('td', { class: 'num' }, fmtSeconds(v.training_duration)),
      columns.map(m => h('td', { class: 'num', dataset: { metric: m } }, fmtMetric(m, v.metrics?.[m]))),
      h('td', { class: 'row-actions' },
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
    return [row, h('tr', { class: 'details-row' }, h('td', { colspan: 6 + columns.length }, detailsView(v)))];
  });
  return h('div', { class: 'table-scroll', id: 'versions-box' },
    table(['', 'version', 'status', 'created', 'duration', ...columns, ''], rows, { id: 'versions', class: 'grid', dataset: { kind } }));
}

function metricsList(v) {
  const groups = grouped(Object.keys(v.metrics ?? {}));
  return GROUPS.filter(([g]) => groups[g].length).map(([g, title]) => h('div', { class: 'metric-group', dataset: { group: g } }, h('h5', {}, title),
    h('dl', { class: 'figures' }, groups[g].flatMap(m => [h('dt', {}, m), h('dd', { dataset: { metric: m } }, fmtMetric(m, v.metrics[m]))]))));
}

function detailsView(v) {
  const curve = curveChart(v.curve ?? [], { id: `curve-${v.version}` });
  const final = (v.curve ?? []).filter(p => typeof p.loss === 'number').at(-1);
  return h('div', { class: 'details-grid' },
    v.error ? h('div', { class: 'wide' }, h('h4', {}, v.status === 'failed' ? 'Why it failed' : 'Why it stopped'), failureView(v.error)) : '',
    h('div', {}, h('h4', {}, 'Metrics'), Object.keys(v.metrics ?? {}).length ? metricsList(v) : h('p', { class: 'muted' }, 'No metrics.')),
    h('div', { class: 'curve-box' }, h('h4', {}, final ? `Loss curve (final loss ${fmtNumber(final.loss)} at step ${fmtNumber(final.step)})` : 'Progress'),
      curve || h('p', { class: 'muted' }, 'No curve recorded.')),
    h('div', {}, h('h4', {}, 'Parameters'), json(v.parameters)),
    h('div', {}, h('h4', {}, 'Data'), h('dl', { class: 'figures' },
      h('dt', {}, 'dataset'), h('dd', {}, v.dataset_id || '–'),
      h('dt', {}, 'snapshot'), h('dd', {}, v.snapshot ?? '–'),
      h('dt', {}, 'base version'), h('dd', {}, v.base_version ?? '–'),
      h('dt', {}, 'artifact'), h('dd', { class: 'wrap' }, v.artifact_id ? `${v.artifact_id.slice(0, 19)}… (${fmtNumber(v.artifact_size ?? 0)} B)` : '–'),
      h('dt', {}, 'created by'), h('dd', {}, v.created_by || '–'),
      h('dt', {}, 'silo'), h('dd', {}, v.silo ?? '–'))));
}
