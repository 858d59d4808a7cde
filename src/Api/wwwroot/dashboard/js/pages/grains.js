// Grains: counts per type, a searchable key list per type, one grain's state and event history.
import { enc, get } from '../api.js';
import { errorBox, fmtTime, h, json, table } from '../dom.js';

const keyPath = key => key.split('/').map(enc).join('/');
const link = (...parts) => '#/grains/' + parts.map(enc).join('/');

export async function mount(root, params) {
  const [type, ...rest] = params;
  const key = rest.length ? rest.join('/') : null;
  const counts = await get('/grains');
  const side = h('aside', { class: 'side' }, h('h3', {}, 'Grain types'),
    table(['type', 'stored', 'active now'], counts.map(c => h('tr', { class: c.type === type ? 'selected' : '', dataset: { type: c.type } },
      h('td', {}, h('a', { href: link(c.type) }, c.type)), h('td', { class: 'num' }, c.count), h('td', { class: 'num activations' }, c.activations ?? 0))),
      { id: 'grain-types', class: 'grid' }));
  const main = h('section', { class: 'main' });
  root.append(h('h2', {}, 'Grains'), h('div', { class: 'split' }, side, main));
  if (!type) {
    main.append(h('p', { class: 'muted' }, 'Pick a grain type to list its keys.'));
    return;
  }
  if (key !== null) await showGrain(main, type, key);
  else await showKeys(main, type);
}

async function showKeys(main, type) {
  const search = h('input', { type: 'search', id: 'grain-search', placeholder: 'key prefix…', 'aria-label': 'Search keys by prefix' });
  const list = h('div');
  main.append(h('h3', {}, type), h('div', { class: 'toolbar' }, search), list);
  let shown = 0;
  const load = async () => {
    const mine = ++shown;
    try {
      const prefix = search.value.trim();
      const keys = await get(`/grains/${enc(type)}?limit=500${prefix ? `&prefix=${enc(prefix)}` : ''}`);
      if (mine !== shown) return;
      list.replaceChildren(keys.length === 0 ? h('p', { class: 'muted' }, 'No grains.')
        : table(['key', 'etag'], keys.map(k => h('tr', { dataset: { key: k.key } },
          h('td', {}, h('a', { href: link(type, k.key) }, k.key)), h('td', { class: 'muted' }, k.etag))), { id: 'grain-keys', class: 'grid' }));
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  };
  search.addEventListener('input', load);
  await load();
}

async function showGrain(main, type, key) {
  const grain = await get(`/grains/${enc(type)}/${keyPath(key)}`);
  main.append(
    h('p', {}, h('a', { href: link(type) }, `← ${type}`)),
    h('h3', {}, `${type} / ${key}`),
    h('p', { class: 'muted' }, `etag ${grain.etag}`),
    h('h4', {}, 'State'),
    h('div', { id: 'grain-state' }, json(grain.state)),
    h('h4', {}, `Events (${grain.events.length})`),
    grain.events.length === 0 ? h('p', { class: 'muted' }, 'No events.')
      : table(['#', 'at', 'event', 'payload'], grain.events.map(e => h('tr', {},
        h('td', { class: 'num' }, e.id), h('td', {}, fmtTime(e.at)), h('td', {}, h('code', {}, e.type)), h('td', {}, json(e.payload)))),
      { id: 'grain-events', class: 'grid' }));
}
