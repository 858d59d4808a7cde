// Grains: counts per type (stored, and active now in Orleans), a searchable key list per type, one grain's state
// and event history, refreshed while it is open.
import { enc, get } from '../api.js';
import { errorBox, fmtRelative, fmtTime, h, json, table } from '../dom.js';
import { plural } from '../words.js';

const REFRESH_MS = 3000;

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
  root.append(h('h2', {}, 'Grains'),
    h('p', { class: 'muted page-links' }, h('span', {}, '"active now" is Orleans\' own count of activations across the silos.'),
      h('a', { href: '/orleans/', id: 'orleans-dashboard' }, 'Orleans dashboard (per-grain calls and timings) ↗')),
    h('div', { class: 'split' }, side, main));
  if (!type) {
    main.append(h('p', { class: 'muted' }, 'Pick a grain type to list its keys.'));
    return undefined;
  }
  if (key !== null) return showGrain(main, type, key);
  await showKeys(main, type);
  return undefined;
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

/** The grain's state and events, read again every few seconds: a training's version changes while you look. */
async function showGrain(main, type, key) {
  const body = h('div');
  main.append(h('p', {}, h('a', { href: link(type) }, `← ${type}`)), h('h3', {}, `${type} / ${key}`), body);
  let stopped = false;
  const refresh = async () => {
    try {
      const grain = await get(`/grains/${enc(type)}/${keyPath(key)}`);
      if (!stopped) body.replaceChildren(grainView(grain));
    } catch (error) {
      if (!stopped) body.replaceChildren(errorBox(error));
    }
  };
  await refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); };
}

function grainView(grain) {
  // Newest first: a long-lived grain's latest events are the ones being looked for.
  const events = [...grain.events].sort((a, b) => b.id - a.id);
  const last = events[0];
  return h('div', {},
    h('p', { class: 'muted', id: 'grain-meta', dataset: { etag: grain.etag, events: events.length } },
      `etag ${grain.etag} (changes at every state write) · ${plural(events.length, 'event')} ${grain.events_older ? 'shown, the newest (older ones left out)' : 'recorded'}`,
      last ? ` · last ${fmtRelative(last.at)}` : '', ` · read ${fmtTime(new Date().toISOString())}`),
    h('p', { class: 'muted small' }, 'Events are what the grain did (created, trained, paused…); progress updates write the state without an event, so the etag runs ahead of the event count.'),
    h('h4', {}, 'State'),
    h('div', { id: 'grain-state' }, json(grain.state)),
    h('h4', {}, `Events (${events.length}, newest first)`),
    events.length === 0 ? h('p', { class: 'muted' }, 'No events.')
      : h('div', { class: 'table-scroll' }, table(['#', 'at', 'event', 'payload'], events.map(e => h('tr', { dataset: { event: e.id } },
        h('td', { class: 'num' }, e.id), h('td', {}, fmtTime(e.at)), h('td', {}, h('code', {}, e.type)), h('td', {}, json(e.payload)))),
      { id: 'grain-events', class: 'grid' })));
}
