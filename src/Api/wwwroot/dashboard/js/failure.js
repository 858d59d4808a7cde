// A failed training's text: a one-line reason first, the whole of it (a Python traceback) behind a toggle.
import { h } from './dom.js';

/**
 * A failure as a one-line reason and the rest (a traceback): the first line, plus the last line of
 * the trainer's stderr, which is where Python names the exception.
 */
export function failure(error) {
  if (!error) return { reason: '', detail: '' };
  const lines = String(error).split('\n').map(l => l.trimEnd());
  const first = lines[0].trim();
  const rest = lines.slice(1).filter(l => l.trim() && !/^-+ .* -+$/.test(l.trim()));
  const last = rest.length ? rest[rest.length - 1].trim() : '';
  // A trainer that names its own failure on the first line needs no second copy of it.
  return { reason: last && !first.includes(last) ? `${first} ${last}` : first, detail: lines.length > 1 ? String(error) : '' };
}

/** The reason on one line, the whole text (a Python traceback) behind a toggle, line breaks kept. */
export function failureView(error) {
  const { reason, detail } = failure(error);
  if (!reason) return '';
  return h('div', { class: 'failure' },
    h('p', { class: 'failure-reason', title: reason }, reason),
    detail ? h('details', { class: 'traceback' }, h('summary', {}, 'Show the full error'), h('pre', { class: 'traceback-text' }, detail)) : '');
}
