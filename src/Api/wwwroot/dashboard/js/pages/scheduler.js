// Scheduler: the cluster-wide switch and every task with its schedule, a grid of its recent outcomes
// (as Airflow's), its failures, last and next run; pause, resume, run now; each task's own run history.
import { enc, get, post } from '../api.js';
import { badge, errorBox, fmtRelative, fmtTime, h, table } from '../dom.js';
import { phoneCards } from '../phone.js';
import { every, firstLine, plural, span } from '../words.js';

const REFRESH_MS = 2000;
// A reminder a few seconds late is normal polling; beyond this the scheduler is behind.
const OVERDUE_AFTER_MS = 5000;
// Squares in a row's grid: enough to see a pattern at a glance, few enough to fit a phone.
const GRID_RUNS = 24;

export async function mount(root, _params, ui) {
  const body = h('div');
  root.append(h('h2', {}, 'Scheduler'), body);
  // What the user opened survives the refresh: expanded histories and unfolded error details.
  const view = { open: new Set(), unfolded: new Set() };
  let stopped = false;
  const refresh = async () => {
    try {
      const [status, tasks] = await Promise.all([get('/scheduler'), get('/tasks')]);
      const runs = Object.fromEntries(await Promise.all(tasks.filter(t => view.open.has(t.name))
        .map(async t => [t.name, await get(`/tasks/${enc(t.name)}/runs?limit=50`)])));
      if (!stopped) body.replaceChildren(render(status, tasks, runs, view, ui, refresh));
    } catch (error) {
      if (!stopped) body.replaceChildren(errorBox(error));
    }
  };
  await refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); };
}

function render(status, tasks, runs, view, ui, refresh) {
  const running = status.running;
  const header = h('div', { class: 'toolbar', id: 'scheduler-status', dataset: { status: status.status } },
    h('span', {}, 'Scheduler is ', badge(status.status),
      ` · ${plural(status.tasks, 'task')}, ${status.paused_tasks} paused, ${status.running_tasks} running · `,
      running ? `next run ${fmtRelative(status.next_run)}`
        : h('strong', {}, `no task runs on schedule until it is started${status.changed_by ? ` (stopped by ${status.changed_by} ${fmtRelative(status.changed_at)})` : ''}`)),
    h('button', {
      id: running ? 'scheduler-stop' : 'scheduler-start', class: running ? 'danger' : '',
      onclick: () => running ? stopScheduler(status, ui) : ui.act('Scheduler started', () => post('/scheduler/start')),
    }, running ? 'Stop scheduler' : 'Start scheduler'));
  if (tasks.length === 0) return h('div', {}, header, h('p', { class: 'muted' }, 'No tasks.'));
  const rows = tasks.flatMap(t => {
    const row = taskRow(t, running, view, ui, refresh);
    return view.open.has(t.name) && runs[t.name] ? [row, historyRow(t, runs[t.name], view)] : [row];
  });
  return h('div', {}, header,
    h('div', { class: 'table-scroll' },
      phoneCards(table(['task', 'model', 'schedule', 'state', 'recent runs', 'last run', 'next run', ''], rows, { id: 'tasks', class: 'grid' }))),
    h('p', { class: 'muted small' }, 'Each square is one run, oldest left: green completed, red failed, amber skipped, grey stopped. "History" lists a task\'s own runs.'));
}

async function stopScheduler(status, ui) {
  const text = `Stop the scheduler for the whole cluster? None of the ${plural(status.tasks, 'task')} will run on schedule, on any silo, until someone starts it again. Runs going now finish; "Run now" still works.`;
  if (await ui.confirm(text, { yes: 'Stop scheduler', no: 'Keep it running', danger: true }))
    await ui.act('Scheduler stopped for the whole cluster', () => post('/scheduler/stop'));
}

/** What the task will really do: a task of a stopped scheduler is not "active, next run in 10s". */
function stateOf(t, schedulerRunning) {
  if (t.current) return 'running';
  if (t.paused) return 'paused';
  return schedulerRunning ? 'active' : 'scheduler_stopped';
}

function taskRow(t, schedulerRunning, view, ui, refresh) {
  const state = stateOf(t, schedulerRunning);
  const overdue = state === 'active' && t.next_run && Date.now() - Date.parse(t.next_run) > OVERDUE_AFTER_MS;
  const last = t.history.length ? t.history[t.history.length - 1] : null;
  const failed = t.history.filter(r => r.status === 'failed').length;
  const name = enc(t.name);
  const open = view.open.has(t.name);
  return h('tr', { class: [overdue ? 'overdue' : '', last?.status === 'failed' ? 'failed-run' : ''].join(' ').trim(),
    dataset: { task: t.name, paused: t.paused, overdue, state, failed } },
  h('td', {}, h('strong', {}, t.name)),
  h('td', {}, h('a', { href: `#/models/${enc(t.model_id)}` }, t.model_id)),
  h('td', { class: 'schedule', title: t.interval_seconds ? `${t.interval_seconds} s` : 'cron, UTC' },
    t.cron ? [h('code', {}, t.cron), h('span', { class: 'muted small' }, ' UTC')] : every(t.interval_seconds)),
  h('td', { class: 'state' }, state === 'scheduler_stopped' ? badge('held: scheduler stopped', 'stopped') : badge(state)),
  h('td', { class: 'recent' }, grid(t.history, t.current),
    h('div', { class: 'small' }, failed > 0 ? h('span', { class: 'fail-count' }, `${failed} failed`) : h('span', { class: 'muted' }, '0 failed'),
      h('span', { class: 'muted' }, ` of ${plural(t.history.length, 'run')}`))),
  h('td', { class: 'last-run' }, last ? runSummary(t.name, last, view) : h('span', { class: 'muted' }, 'never')),
  h('td', { class: 'next-run', title: fmtTime(t.next_run) }, nextRun(t, state), overdue ? [' ', badge('overdue')] : ''),
  h('td', { class: 'task-actions' }, h('div', { class: 'page-links' },
    t.paused
      ? h('button', { class: 'resume', onclick: () => ui.act(`Resumed ${t.name}`, () => post(`/tasks/${name}/resume`)) }, 'Resume')
      : h('button', { class: 'pause secondary', onclick: () => ui.act(`Paused ${t.name}`, () => post(`/tasks/${name}/pause`)) }, 'Pause'),
    h('button', { class: 'run-now', disabled: Boolean(t.current), onclick: () => ui.act(`Started ${t.name}`, () => post(`/tasks/${name}/run`)) }, 'Run now'),
    h('button', {
      class: 'history linkish', 'aria-expanded': String(open),
      onclick: () => { if (open) view.open.delete(t.name); else view.open.add(t.name); refresh(); },
    }, open ? 'Hide history' : 'History'))));
}

function nextRun(t, state) {
  if (state === 'paused') return '–';
  if (state === 'scheduler_stopped') return h('span', { class: 'muted' }, 'none while the scheduler is stopped');
  if (state === 'running') return [badge('running'), ` ${t.current.version ?? ''} · then ${fmtRelative(t.next_run)}`];
  return fmtRelative(t.next_run);
}

/** One square per run, oldest left, the running one last; each says its outcome, time and length on hover. */
function grid(history, current) {
  const runs = history.slice(-GRID_RUNS);
  const cells = runs.map(r => h('span', {
    class: `run run-${r.status}`, dataset: { status: r.status },
    title: `#${r.run_id} ${r.status} · ${fmtTime(r.started_at)} · ${span(seconds(r))}${r.error ? ` · ${firstLine(r.error)}` : ''}`,
  }));
  if (current) cells.push(h('span', { class: 'run run-running', dataset: { status: 'running' }, title: `#${current.run_id} running since ${fmtTime(current.started_at)}` }));
  return h('span', { class: 'runs-grid', role: 'img', 'aria-label': `last ${plural(cells.length, 'run')}` }, cells);
}

const seconds = r => (r.ended_at ? (Date.parse(r.ended_at) - Date.parse(r.started_at)) / 1000 : null);

function runSummary(task, r, view) {
  return [badge(r.status), ` ${fmtRelative(r.ended_at ?? r.started_at)}`, h('span', { class: 'muted' }, ` · ${span(r.duration_seconds ?? seconds(r))}`),
    r.version ? ` · ${r.version}` : '', reason(`${task}#${r.run_id}`, r, view)];
}

/** A failed or skipped run's reason on one line, the whole text behind a toggle that survives the refresh. */
function reason(key, r, view) {
  if (!r.error) return '';
  const whole = r.error.trim();
  const line = firstLine(whole);
  // Short enough for its cell (.reason cuts at 48 characters): nothing more to unfold.
  if (line === whole && whole.length <= 48) return h('div', { class: 'reason small', title: whole }, line);
  return [h('div', { class: 'reason small', title: line }, line),
    h('details', {
      class: 'why', open: view.unfolded.has(key),
      ontoggle: e => { if (e.target.open) view.unfolded.add(key); else view.unfolded.delete(key); },
    }, h('summary', {}, 'details'), h('pre', {}, whole))];
}

function historyRow(t, data, view) {
  const counts = Object.entries(data.counts).map(([status, n]) => `${n} ${status}`).join(', ') || 'no runs yet';
  const rows = data.runs.map(r => h('tr', { class: r.status === 'failed' ? 'failed-run' : '', dataset: { run: r.run_id, status: r.status } },
    h('td', { class: 'num' }, r.run_id), h('td', {}, r.trigger), h('td', { title: fmtTime(r.started_at) }, fmtRelative(r.started_at)),
    h('td', { class: 'num duration' }, span(r.duration_seconds)), h('td', {}, r.version ?? '–'),
    h('td', { class: 'outcome' }, badge(r.status), reason(`${t.name}#${r.run_id}`, r, view))));
  return h('tr', { class: 'history-row', dataset: { historyOf: t.name } }, h('td', { colspan: 8 },
    h('div', { class: 'small' }, h('strong', {}, `${t.name}: `), `${plural(data.runs_started, 'run')} started · kept: ${counts}`,
      data.failing_in_a_row > 1 ? h('span', { class: 'fail-count' }, ` · failing ${data.failing_in_a_row} times in a row`) : ''),
    rows.length === 0 ? h('p', { class: 'muted' }, 'No runs yet.')
      : h('div', { class: 'table-scroll' }, phoneCards(table(['run', 'trigger', 'started', 'took', 'version', 'outcome'], rows, { class: 'grid runs' })))));
}
