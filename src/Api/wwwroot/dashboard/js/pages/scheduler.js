// Scheduler: the cluster-wide switch and every task with its schedule, last and next run; pause, resume, run now.
import { enc, get, post } from '../api.js';
import { badge, errorBox, fmtRelative, fmtTime, h, table } from '../dom.js';

const REFRESH_MS = 2000;
// A reminder a few seconds late is normal polling; beyond this the scheduler is behind.
const OVERDUE_AFTER_MS = 5000;

export async function mount(root, _params, ui) {
  const body = h('div');
  root.append(h('h2', {}, 'Scheduler'), body);
  let stopped = false;
  const refresh = async () => {
    try {
      const [status, tasks] = await Promise.all([get('/scheduler'), get('/tasks')]);
      if (!stopped) body.replaceChildren(view(status, tasks, ui));
    } catch (error) {
      if (!stopped) body.replaceChildren(errorBox(error));
    }
  };
  await refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); };
}

function view(status, tasks, ui) {
  const running = status.running;
  const header = h('div', { class: 'toolbar' },
    h('span', {}, 'Scheduler is ', badge(status.status), ` · ${status.tasks} tasks, ${status.paused_tasks} paused, ${status.running_tasks} running · next run ${fmtRelative(status.next_run)}`),
    h('button', {
      id: running ? 'scheduler-stop' : 'scheduler-start', class: 'secondary',
      onclick: () => ui.act(running ? 'Scheduler stopped' : 'Scheduler started', () => post(`/scheduler/${running ? 'stop' : 'start'}`)),
    }, running ? 'Stop scheduler' : 'Start scheduler'));
  if (tasks.length === 0) return h('div', {}, header, h('p', { class: 'muted' }, 'No tasks.'));
  const rows = tasks.map(t => {
    const overdue = !t.paused && running && t.next_run && Date.now() - Date.parse(t.next_run) > OVERDUE_AFTER_MS && !t.current;
    const last = t.history.length ? t.history[t.history.length - 1] : null;
    const name = enc(t.name);
    return h('tr', { class: overdue ? 'overdue' : '', dataset: { task: t.name, paused: t.paused, overdue } },
      h('td', {}, h('strong', {}, t.name)),
      h('td', {}, h('a', { href: `#/models/${enc(t.model_id)}` }, t.model_id)),
      h('td', {}, t.cron ? h('code', {}, t.cron) : `every ${t.interval_seconds}s`),
      h('td', {}, t.paused ? badge('paused') : badge('active')),
      h('td', {}, last ? [badge(last.status), ` ${fmtRelative(last.ended_at ?? last.started_at)}`, last.version ? ` · ${last.version}` : '',
        last.error ? h('div', { class: 'error small' }, last.error) : ''] : h('span', { class: 'muted' }, 'never')),
      h('td', { class: 'next-run', title: fmtTime(t.next_run) }, t.paused ? '–' : fmtRelative(t.next_run), overdue ? [' ', badge('overdue')] : ''),
      h('td', {}, t.current ? [badge('running'), ` ${t.current.version ?? ''}`] : h('span', { class: 'muted' }, 'idle')),
      h('td', { class: 'actions' },
        t.paused
          ? h('button', { class: 'resume', onclick: () => ui.act(`Resumed ${t.name}`, () => post(`/tasks/${name}/resume`)) }, 'Resume')
          : h('button', { class: 'pause secondary', onclick: () => ui.act(`Paused ${t.name}`, () => post(`/tasks/${name}/pause`)) }, 'Pause'),
        h('button', { class: 'run-now', disabled: Boolean(t.current), onclick: () => ui.act(`Started ${t.name}`, () => post(`/tasks/${name}/run`)) }, 'Run now')));
  });
  const history = tasks.flatMap(t => t.history.map(r => ({ task: t.name, ...r })))
    .sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at)).slice(0, 20);
  return h('div', {}, header,
    table(['task', 'model', 'schedule', 'state', 'last run', 'next run', 'current', ''], rows, { id: 'tasks', class: 'grid' }),
    h('h3', {}, 'Recent runs'),
    history.length === 0 ? h('p', { class: 'muted' }, 'No runs yet.')
      : table(['task', 'run', 'trigger', 'started', 'ended', 'version', 'outcome'], history.map(r => h('tr', {},
        h('td', {}, r.task), h('td', {}, r.run_id), h('td', {}, r.trigger), h('td', {}, fmtTime(r.started_at)), h('td', {}, fmtTime(r.ended_at)),
        h('td', {}, r.version ?? '–'), h('td', {}, badge(r.status), r.error ? h('div', { class: 'error small' }, r.error) : ''))), { class: 'grid' }));
}
