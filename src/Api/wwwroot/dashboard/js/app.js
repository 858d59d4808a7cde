// The shell: login gate, hash router, page lifecycle, flash messages and the confirmation dialog.
import { login, session, setUnauthorizedHandler } from './api.js';
import * as cluster from './pages/cluster.js';
import * as grains from './pages/grains.js';
import * as scheduler from './pages/scheduler.js';
import * as training from './pages/training.js';
import * as models from './pages/models.js';

const pages = { cluster, grains, scheduler, training, models };
const $ = id => document.getElementById(id);
let cleanup = null;
let generation = 0;

const ui = {
  flash(message, kind = 'ok') {
    const el = $('flash');
    el.textContent = message;
    el.className = `flash flash-${kind}`;
    el.hidden = false;
    clearTimeout(ui.flashTimer);
    ui.flashTimer = setTimeout(() => { el.hidden = true; }, 6000);
  },
  /** Resolves true when the user confirms; a modal dialog instead of window.confirm, so it is styled and testable. */
  confirm(text, { yes = 'Confirm', no = 'Cancel' } = {}) {
    const dialog = $('confirm');
    $('confirm-text').textContent = text;
    // The buttons say what they do ("Stop training" / "Keep training"), not only yes and no.
    $('confirm-yes').textContent = yes;
    $('confirm-no').textContent = no;
    dialog.returnValue = '';
    dialog.showModal();
    return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
  },
  /** Runs a write, reports its outcome, and re-renders the page on success. */
  async act(label, action) {
    try {
      await action();
      ui.flash(label);
      await render();
    } catch (error) {
      ui.flash(error.message, 'error');
    }
  },
};

function showLogin(message) {
  $('shell').hidden = true;
  $('login').hidden = false;
  const error = $('login-error');
  error.hidden = !message;
  error.textContent = message ?? '';
  $('login-username').focus();
}

function showShell() {
  $('login').hidden = true;
  $('shell').hidden = false;
  $('who').textContent = session.user ?? '';
}

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const name = pages[parts[0]] ? parts[0] : 'cluster';
  return { name, params: parts.slice(1) };
}

async function render() {
  if (!session.token) { showLogin(); return; }
  showShell();
  const { name, params } = parseRoute();
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.dataset.page === name);
  if (cleanup) { cleanup(); cleanup = null; }
  const mine = ++generation;
  const root = document.createElement('div');
  root.className = `page page-${name}`;
  root.dataset.page = name;
  $('page').replaceChildren(root);
  try {
    const result = await pages[name].mount(root, params, ui);
    if (mine !== generation) { if (typeof result === 'function') result(); return; }
    cleanup = typeof result === 'function' ? result : null;
  } catch (error) {
    root.append(Object.assign(document.createElement('p'), { className: 'error', textContent: error.message }));
  }
}

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    await login($('login-username').value.trim(), $('login-password').value);
    $('login-password').value = '';
    // Sent here by the Orleans dashboard: go back to it, now with the cookie.
    const back = new URLSearchParams(location.search).get('returnUrl');
    if (back && back.startsWith('/orleans')) { location.assign(back); return; }
    await render();
  } catch (error) {
    showLogin(error.status === 401 ? 'Unknown user or wrong password.' : error.message);
  }
});

$('logout').addEventListener('click', () => {
  session.clear();
  if (cleanup) { cleanup(); cleanup = null; }
  $('page').replaceChildren();
  showLogin();
});

setUnauthorizedHandler(() => {
  session.clear();
  if (cleanup) { cleanup(); cleanup = null; }
  showLogin('Your session has expired; sign in again.');
});

window.addEventListener('hashchange', render);
render();
