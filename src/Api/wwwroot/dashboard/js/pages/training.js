// Training live: versions with a progress bar fed by Server-Sent Events (no reload), figures, silo, cancel, loss curve.
import { enc, get, post, stream } from '../api.js';
import { curveChart } from '../charts.js';
import { badge, errorBox, fmtDuration, fmtNumber, fmtTime, h } from '../dom.js';
import { failureView } from '../failure.js';
import { fmtMetric, fmtSeconds, headline } from '../metrics.js';

const DISCOVER_MS = 2000;
const FINAL = new Set(['completed', 'failed', 'stopped']);
const RECENT_FINISHED = 12;

export async function mount(root, _params, ui) {
  const list = h('div', { id: 'trainings', class: 'cards' });
  const empty = h('p', { class: 'muted', id: 'no-trainings' }, 'No trainings yet.');
  root.append(h('h2', {}, 'Training'),
    h('p', { class: 'muted' }, 'Running versions update live as their events arrive; new trainings appear on their own.'), empty, list);
  const cards = new Map();
  const streams = new Map();
  let stopped = false;

  const follow = (version) => {
    const key = `${version.model_id}/${version.version}`;
    if (streams.has(key) || FINAL.has(version.status)) return;
    const abort = new AbortController();
    streams.set(key, abort);
    stream(`/models/${enc(version.model_id)}/versions/${enc(version.version)}/events`, (_name, data) => {
      if (!stopped) cards.get(key)?.update(data);
    }, abort.signal)
      .catch(() => { /* the discovery poll refreshes the card instead */ })
      .finally(() => streams.delete(key));
  };

  // One request per refresh, whatever the number of models; running cards then follow their own event stream.
  const discover = async () => {
    const { running, finished } = await get(`/trainings?finished=${RECENT_FINISHED}`);
    if (stopped) return;
    for (const v of [...running, ...finished]) {
      const key = `${v.model_id}/${v.version}`;
      let card = cards.get(key);
      if (!card) {
        card = versionCard(v, ui);
        cards.set(key, card);
        // Newest trainings first; finished ones found at start go below the running ones.
        if (FINAL.has(v.status)) list.append(card.element); else list.prepend(card.element);
      } else if (!streams.has(key)) {
        card.update(v);
      }
      follow(v);
    }
    empty.hidden = cards.size > 0;
  };

  try {
    await discover();
  } catch (error) {
    root.append(errorBox(error));
  }
  const timer = setInterval(() => discover().catch(() => {}), DISCOVER_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    for (const abort of streams.values()) abort.abort();
  };
}

/** Trainers without an ETA of their own (the recommenders) get one from the rate so far, marked as an estimate. */
function estimateEta(v, progress) {
  if (!v.started_at || progress <= 0 || progress >= 100) return undefined;
  const elapsed = (Date.now() - Date.parse(v.started_at)) / 1000;
  return elapsed > 0 ? `~${fmtDuration((elapsed * (100 - progress)) / progress)}` : undefined;
}

function versionCard(initial, ui) {
  const key = `${initial.model_id}/${initial.version}`;
  const bar = h('progress', { class: 'bar', max: 100, value: 0 });
  const percent = h('span', { class: 'percent' });
  const status = h('span', { class: 'status' });
  const message = h('span', { class: 'message muted' });
  const figures = h('dl', { class: 'figures' });
  const curve = h('div', { class: 'curve' });
  const failureBox = h('div', { class: 'failure-box' });
  const results = h('dl', { class: 'figures results' });
  let shown = '';
  const cancel = h('button', {
    class: 'cancel danger',
    onclick: async () => {
      if (!await ui.confirm(`Stop the training of ${key}? What it has learnt so far is thrown away.`, { yes: 'Stop training', no: 'Keep training' })) return;
      try {
        element.update(await post(`/models/${enc(initial.model_id)}/versions/${enc(initial.version)}/cancel`));
        ui.flash(`Cancel requested for ${key}`);
      } catch (error) {
        ui.flash(error.message, 'error');
      }
    },
  }, 'Cancel');
  const element = h('article', { class: 'card training', dataset: { version: key } },
    h('header', {}, h('h3', {}, h('a', { href: `#/models/${enc(initial.model_id)}` }, initial.model_id), ` / ${initial.version}`),
      h('span', { class: 'muted' }, ` ${initial.algorithm}`), status),
    h('div', { class: 'bar-row' }, bar, percent), message, failureBox, results, figures, curve, h('div', { class: 'actions' }, cancel));

  element.update = (v) => {
    // The poll hands finished cards the same version again and again: redraw only on change, so an open traceback stays open.
    const signature = JSON.stringify(v);
    if (signature === shown) return;
    shown = signature;
    const progress = Math.max(0, Math.min(100, v.progress ?? 0));
    // setAttribute, not .value, so the attribute (what observers and tests read) always changes with it.
    bar.setAttribute('value', String(progress));
    percent.textContent = `${fmtNumber(progress, 3)}%`;
    status.replaceChildren(badge(v.status));
    element.dataset.status = v.status;
    message.textContent = v.status === 'failed' || v.status === 'stopped' ? '' : v.message ?? '';
    failureBox.replaceChildren(failureView(v.error));
    const f = v.figures ?? {};
    const finalLoss = f.loss ?? (v.curve ?? []).filter(p => typeof p.loss === 'number').at(-1)?.loss;
    const shownMetrics = headline(Object.keys(v.metrics ?? {}));
    results.replaceChildren(...shownMetrics.flatMap(m => [h('dt', {}, m), h('dd', { dataset: { metric: m } }, fmtMetric(m, v.metrics[m]))]));
    const rows = [
      ['step', f.step !== undefined ? `${fmtNumber(f.step)}${f.total_steps ? ` / ${fmtNumber(f.total_steps)}` : ''}` : undefined],
      ['iteration', f.iteration !== undefined ? `${fmtNumber(f.iteration)}${f.iterations ? ` / ${fmtNumber(f.iterations)}` : ''}` : undefined],
      [FINAL.has(v.status) ? 'final loss' : 'loss', finalLoss !== undefined ? fmtNumber(finalLoss) : undefined],
      ['tokens/s', f.tokens_per_second !== undefined ? fmtNumber(f.tokens_per_second, 3) : undefined],
      ['iterations/s', f.iterations_per_second !== undefined ? fmtNumber(f.iterations_per_second, 3) : undefined],
      ['ETA', FINAL.has(v.status) ? undefined : f.eta_seconds !== undefined ? fmtDuration(f.eta_seconds) : estimateEta(v, progress)],
      ['silo', v.silo ?? undefined],
      ['started', v.started_at ? fmtTime(v.started_at) : undefined],
      ['duration', v.training_duration !== null && v.training_duration !== undefined ? fmtSeconds(v.training_duration) : undefined],
    ];
    const known = new Set(['step', 'total_steps', 'iteration', 'iterations', 'loss', 'tokens_per_second', 'iterations_per_second', 'eta_seconds']);
    for (const [name, value] of Object.entries(f)) if (!known.has(name)) rows.push([name.replaceAll('_', ' '), fmtNumber(value)]);
    figures.replaceChildren(...rows.filter(([, value]) => value !== undefined).flatMap(([name, value]) => [h('dt', {}, name), h('dd', { dataset: { figure: name.replaceAll(' ', '-') } }, value)]));
    curve.replaceChildren(curveChart(v.curve ?? []));
    cancel.hidden = FINAL.has(v.status);
  };
  element.update(initial);
  return { element, update: element.update };
}
