// Cluster: every silo and API node in Orleans membership, where it runs, its capabilities, uptime, last sign of
// life, activations, CPU and memory of the silo process together with its children (trainers), and the jobs it holds.
import { get } from '../api.js';
import { badge, errorBox, fmtDuration, fmtNumber, fmtRelative, fmtTime, h, svg, table } from '../dom.js';
import { phoneCards } from '../phone.js';
import { plural } from '../words.js';

const REFRESH_MS = 2000;

export async function mount(root) {
  const body = h('div');
  root.append(h('h2', {}, 'Cluster'),
    h('p', { class: 'muted page-links' }, h('span', {}, 'Every node that shares this database, from Orleans membership. Refreshes every 2 s.'),
      h('a', { href: '/orleans/', id: 'orleans-dashboard' }, 'Orleans dashboard (grain calls, per-method timings) ↗')),
    body);
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
    return h('tr', { class: `silo silo-${s.status}`, dataset: { silo: s.id, status: s.status } },
      h('td', {}, h('strong', {}, s.id)),
      h('td', {}, s.role),
      h('td', {}, badge(s.status)),
      h('td', {}, s.capabilities.map(c => badge(c, 'cap'))),
      h('td', { class: 'where' }, where(s)),
      h('td', { class: 'num activations', title: s.problem ?? '' }, s.activations ?? '–'),
      h('td', { class: 'usage-cell' }, usage(s)),
      h('td', { title: `started ${fmtTime(s.started_at)}` }, fmtDuration(s.uptime_seconds)),
      h('td', { title: fmtTime(s.last_alive_at) }, fmtRelative(s.last_alive_at)),
      h('td', { class: 'jobs' }, held.length === 0 ? h('span', { class: 'muted' }, 'none') : held.map(jobLine)));
  });
  return h('div', {}, summary,
    h('div', { class: 'table-scroll' },
      phoneCards(table(['id', 'role', 'status', 'capabilities', 'where', 'activations', 'CPU · memory (with children)', 'uptime', 'last alive', 'jobs'], rows,
        { id: 'silos', class: 'grid' }))));
}

/** The machine and process an operator would look for, then the address other silos use. */
function where(s) {
  return [
    s.host ? h('div', {}, h('strong', { class: 'host' }, s.host), s.pid ? h('span', { class: 'muted' }, ` · pid ${s.pid}`) : '') : '',
    h('div', { class: 'muted small', title: `Orleans silo address ${s.silo_address ?? ''}` }, `silo ${s.address || '–'}`),
  ];
}

function usage(s) {
  const u = s.usage;
  if (!u) return h('span', { class: 'muted' }, s.status === 'active' ? 'no readings yet' : '–');
  const children = u.child_processes > 0
    ? `incl. ${plural(u.child_processes, 'child process', 'child processes')}: ${cpu(u.child_cpu_percent)} · ${mb(u.child_memory_bytes)}`
    : 'no child processes';
  return h('div', { class: 'usage', dataset: { cpu: u.cpu_percent ?? '', childCpu: u.child_cpu_percent ?? '', memory: u.memory_bytes, children: u.child_processes } },
    h('div', { class: 'figures' }, h('div', {}, h('strong', { class: 'cpu' }, cpu(u.cpu_percent)), ' · ', h('strong', { class: 'memory' }, mb(u.memory_bytes))),
      h('div', { class: 'muted small children' }, children)),
    spark(u.history));
}

const cpu = p => (p === null || p === undefined ? '–' : `${fmtNumber(p, 3)} % CPU`);
const mb = bytes => `${fmtNumber(bytes / 1048576, 3)} MB`;

/** CPU (blue, 100 % = one core, or the peak if higher) and memory (amber, up to the peak) over the last readings. */
function spark(history) {
  const w = 120, hgt = 28;
  const points = history.filter(p => p.cpu_percent !== null);
  if (points.length < 2) return '';
  const t0 = Date.parse(points[0].at), t1 = Date.parse(points[points.length - 1].at);
  const x = at => ((Date.parse(at) - t0) / Math.max(1, t1 - t0)) * (w - 2) + 1;
  const cpuMax = Math.max(100, ...points.map(p => p.cpu_percent));
  const memMax = Math.max(1, ...points.map(p => p.memory_bytes));
  const line = (value, max) => points.map(p => `${x(p.at).toFixed(1)},${(hgt - 1 - (value(p) / max) * (hgt - 4)).toFixed(1)}`).join(' ');
  const peakCpu = Math.max(...points.map(p => p.cpu_percent));
  return svg('svg', { class: 'spark', viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, role: 'img', 'data-points': points.length,
    'aria-label': `last ${fmtDuration((t1 - t0) / 1000)}: CPU up to ${cpu(peakCpu)}, memory up to ${mb(memMax)}` },
  svg('title', {}, `last ${fmtDuration((t1 - t0) / 1000)} · CPU peak ${cpu(peakCpu)} (blue) · memory peak ${mb(memMax)} (amber)`),
  svg('polyline', { class: 'mem', points: line(p => p.memory_bytes, memMax) }),
  svg('polyline', { class: 'cpu', points: line(p => p.cpu_percent, cpuMax) }));
}

/** A job by what it works for: a training links to its model's versions and the Training page, not a 32-hex id. */
function jobLine(job) {
  const owner = typeof job.owner === 'object' && job.owner ? job.owner : { type: '', key: String(job.owner ?? '') };
  const progress = [h('progress', { max: 100, value: job.progress ?? 0 }), ` ${fmtNumber(job.progress ?? 0, 3)}%`];
  if (owner.type === 'ModelVersion') {
    const model = owner.key.split('/')[0];
    return h('div', { class: 'job', title: `job ${job.id}${job.progress_message ? ` · ${job.progress_message}` : ''}`, dataset: { job: job.id } },
      h('a', { href: `#/models/${encodeURIComponent(model)}`, class: 'job-owner' }, owner.key), ' ',
      h('a', { href: '#/training', class: 'muted' }, job.kind), ' ', progress);
  }
  return h('div', { class: 'job', title: `job ${job.id}${job.progress_message ? ` · ${job.progress_message}` : ''}`, dataset: { job: job.id } },
    h('span', { class: 'job-owner' }, owner.type ? `${owner.type} ${owner.key}` : owner.key), ' ', h('span', { class: 'muted' }, job.kind), ' ', progress);
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, label));
}
