// Comparison of two or more versions, of one model or of several models on the same dataset:
// quality metrics (the one best marked), timings, counts, one small chart per quality metric, and a parameter diff.
import { enc, get } from '../api.js';
import { colour, metricChart } from '../charts.js';
import { errorBox, fmtNumber, h } from '../dom.js';
import { arrow, bestIndex, describe, fmtMetric, fmtSeconds, GROUPS, grouped } from '../metrics.js';

/** "v2" is a version of the page's model; "lead:v1" a version of another model. */
export const parseRef = (id, ref) => (ref.includes(':') ? { model: ref.slice(0, ref.indexOf(':')), version: ref.slice(ref.indexOf(':') + 1) } : { model: id, version: ref });

export async function compareView(id, refs) {
  const back = h('p', {}, h('a', { href: `#/models/${enc(id)}` }, `← ${id}`));
  if (refs.length < 2) return h('div', {}, back, h('p', { class: 'error' }, 'Pick two or more versions to compare.'));
  let versions;
  try {
    versions = await Promise.all(refs.map(r => parseRef(id, r)).map(r => get(`/models/${enc(r.model)}/versions/${enc(r.version)}`)));
  } catch (error) {
    return h('div', {}, back, errorBox(error));
  }
  const oneModel = versions.every(v => v.model_id === versions[0].model_id);
  const labels = versions.map(v => (oneModel ? v.version : `${v.model_id}/${v.version}`));
  const names = [...new Set(versions.flatMap(v => Object.keys(v.metrics ?? {})))];
  const groups = grouped(names);

  const metricRow = name => {
    const values = versions.map(v => v.metrics?.[name]);
    const best = bestIndex(name, values);
    const { direction } = describe(name);
    return h('tr', { dataset: { metric: name, direction: direction ?? 'none' } },
      h('th', {}, name, direction ? h('span', { class: 'direction', title: `${direction} is better` }, ` ${arrow(name)}`) : ''),
      values.map((value, i) => h('td', { class: `num${i === best ? ' best' : ''}` }, fmtMetric(name, value), i === best ? ' ★' : '')));
  };
  const section = (title, rows) => (rows.length ? [h('tr', { class: 'section' }, h('th', { colspan: versions.length + 1 }, title)), rows] : []);
  const facts = [
    ['model', v => `${v.model_id} (${v.algorithm})`],
    ['status', v => v.status],
    ['dataset', v => `${v.dataset_id || '–'}${v.snapshot ? ` #${v.snapshot}` : ''}`],
    ['base version', v => v.base_version ?? '–'],
    ['training time', v => fmtSeconds(v.training_duration)],
  ].map(([label, pick]) => h('tr', { class: 'fact' }, h('th', {}, label), versions.map(v => h('td', {}, pick(v)))));
  const header = h('thead', {}, h('tr', {}, h('th', {}, 'metric'),
    labels.map((label, i) => h('th', {}, h('span', { class: 'swatch', style: `background:${colour(i)}` }), label))));
  const body = h('tbody', {}, GROUPS.map(([group, title]) => section(title, groups[group].map(metricRow))), section('Version', facts));

  const charts = groups.quality.map(name => {
    const values = versions.map(v => v.metrics?.[name]);
    return h('figure', { class: 'metric-figure' }, metricChart(name, labels.map((label, i) => ({ label, value: values[i] })), {
      best: bestIndex(name, values), title: `${name} ${arrow(name)}`.trim(),
    }));
  });

  return h('div', { id: 'comparison' }, back,
    h('h3', {}, labels.join(' vs ')),
    h('p', { class: 'muted' }, '★ marks the one best value of a metric (↑ higher is better, ↓ lower is better); ties, counts and metrics without a direction are not marked.'),
    h('div', { class: 'table-scroll' }, h('table', { id: 'compare-table', class: 'grid' }, header, body)),
    charts.length ? [h('h4', {}, 'Quality metrics'), h('div', { id: 'compare-charts', class: 'metric-charts' }, charts)] : '',
    h('h4', {}, 'Parameters'),
    parameterDiff(versions, labels));
}

/** Every parameter in one row, the ones that differ between the versions first and marked. */
function parameterDiff(versions, labels) {
  const keys = [...new Set(versions.flatMap(v => Object.keys(v.parameters ?? {})))].sort();
  const show = value => (value === undefined ? '–' : typeof value === 'number' ? fmtNumber(value) : JSON.stringify(value));
  const rows = keys.map(key => {
    const shown = versions.map(v => show(v.parameters?.[key]));
    return { key, shown, differs: new Set(shown).size > 1 };
  });
  const row = r => h('tr', { class: r.differs ? 'differs' : 'same', dataset: { parameter: r.key } },
    h('th', {}, r.key), r.shown.map(s => h('td', {}, s)));
  const differing = rows.filter(r => r.differs);
  const same = rows.filter(r => !r.differs);
  const head = h('thead', {}, h('tr', {}, h('th', {}, 'parameter'), labels.map(l => h('th', {}, l))));
  return h('div', { id: 'parameter-diff' },
    h('p', { class: 'muted' }, differing.length ? `${differing.length} of ${rows.length} parameters differ.` : 'All parameters are the same.'),
    differing.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'grid params' }, head, h('tbody', {}, differing.map(row)))) : '',
    same.length ? h('details', {}, h('summary', {}, `${same.length} identical parameters`),
      h('div', { class: 'table-scroll' }, h('table', { class: 'grid params' }, head.cloneNode(true), h('tbody', {}, same.map(row))))) : '');
}
