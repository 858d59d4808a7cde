// Cluster: every silo and API node in Orleans membership, its capabilities, uptime, last sign of life, activations and the jobs it holds.
import { get } from '../api.js';
import { badge, errorBox, fmtDuration, fmtNumber, fmtRelative, fmtTime, h, table } from '../dom.js';

const REFRESH_MS = 2000;

export async function mount(root) {
  const body = h('div');
  root.append(h('h2', {}, 'Cluster'), h('p', { class: 'muted' }, 'Every node that shares this database. Refreshes every 2 s.'), body);
  let stopped = false;
  const refresh = async () => {
    try {
      const [silos, jobs] = await Promise.all([get('/silos'), get('/jobs?status=running')]);
      if (!stopped) body.replaceChildren(view(silos, jobs));
    } catch (error) {
      if (!stopped) body.replaceChildren(errorBox(error));
    }
  };
  await refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); };
}

function view(silos, jobs) {
  const active = silos.filter(s => s.status === 'active').length;
  const summary = h('div', { class: 'stats' },
    stat('nodes', silos.length), stat('active', active), stat('dead', silos.filter(s => s.status === 'dead').length),
    stat('running jobs', jobs.length));
  const rows = silos.map(s => {
    const held = jobs.filter(j => j.silo_id === s.id);
    const jobIds = new Set(held.map(j => j.id));
    return h('tr', { class: `silo silo-${s.status}`, dataset: { silo: s.id, status: s.status } },
      h('td', {}, h('strong', {}, s.id)),
      h('td', {}, s.role),
      h('td', {}, badge(s.status)),
      h('td', {}, s.capabilities.map(c => badge(c, 'cap'))),
      h('td', {}, s.address || '–'),
      h('td', { title: s.problem ?? '' }, s.activations ?? '–'),
      h('td', { title: `started ${fmtTime(s.started_at)}` }, fmtDuration(s.uptime_seconds)),
      h('td', { title: fmtTime(s.last_alive_at) }, fmtRelative(s.last_alive_at)),
      h('td', { class: 'jobs' }, jobIds.size === 0 ? h('span', { class: 'muted' }, 'none')
        : [...jobIds].map(id => jobLine(id, held.find(j => j.id === id)))));
  });
  return h('div', {}, summary,
    table(['id', 'role', 'status', 'capabilities', 'address', 'activations', 'uptime', 'last alive', 'jobs'], rows, { id: 'silos', class: 'grid' }));
}

function jobLine(id, job) {
  if (!job) return h('div', {}, h('code', {}, id));
  const owner = typeof job.owner === 'object' && job.owner ? `${job.owner.type}/${job.owner.key}` : String(job.owner ?? '');
  return h('div', { title: job.progress_message ?? '' },
    h('code', {}, id), ' ', job.kind, ' ', h('span', { class: 'muted' }, owner), ' ',
    h('progress', { max: 100, value: job.progress ?? 0 }), ` ${fmtNumber(job.progress ?? 0, 3)}%`);
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, label));
}
