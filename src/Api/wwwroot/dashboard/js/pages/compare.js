// Comparison of two or more versions: metrics side by side (best marked) and a grouped bar chart.
import { enc, get } from '../api.js';
import { barChart, colour } from '../charts.js';
import { errorBox, fmtDuration, fmtNumber, h, json, table } from '../dom.js';

// Error-like metrics improve downwards; everything else (ndcg, precision, rouge…) upwards.
const lowerIsBetter = name => /^(rmse|mae|mse|loss|error)/i.test(name);

export async function compareView(id, names) {
  const back = h('p', {}, h('a', { href: `#/models/${enc(id)}` }, `← ${id}`));
  if (names.length < 2) return h('div', {}, back, h('p', { class: 'error' }, 'Pick two or more versions to compare.'));
  let result;
  try {
    result = await get(`/models/${enc(id)}/compare?versions=${names.map(enc).join(',')}`);
  } catch (error) {
    return h('div', {}, back, errorBox(error));
  }
  const versions = result.versions.map(v => v.version);
  const metricRows = Object.entries(result.metrics).map(([metric, byVersion]) => {
    const values = versions.map(v => byVersion[v]).filter(x => typeof x === 'number');
    const best = values.length ? (lowerIsBetter(metric) ? Math.min(...values) : Math.max(...values)) : null;
    return h('tr', { dataset: { metric } }, h('th', {}, metric),
      versions.map(v => h('td', { class: `num${byVersion[v] === best && values.length > 1 ? ' best' : ''}` }, fmtNumber(byVersion[v]))));
  });
  const facts = [
    ['status', v => v.status],
    ['dataset', v => v.dataset_id || '–'],
    ['snapshot', v => v.snapshot ?? '–'],
    ['base version', v => v.base_version ?? '–'],
    ['training time', v => fmtDuration(v.training_duration)],
  ].map(([label, pick]) => h('tr', {}, h('th', {}, label), result.versions.map(v => h('td', {}, pick(v)))));
  const header = h('thead', {}, h('tr', {}, h('th', {}, 'metric'),
    versions.map((v, i) => h('th', {}, h('span', { class: 'swatch', style: `background:${colour(i)}` }), v))));
  return h('div', { id: 'comparison' }, back,
    h('h3', {}, `${id}: ${versions.join(' vs ')}`),
    h('table', { id: 'compare-table', class: 'grid' }, header, h('tbody', {}, metricRows, facts)),
    h('h4', {}, 'Metrics (each scaled to its largest value)'),
    barChart(result.metrics, versions, { id: 'compare-chart' }),
    h('h4', {}, 'Parameters'),
    table(versions, [h('tr', {}, result.versions.map(v => h('td', {}, json(v.parameters))))], { class: 'grid params' }));
}
