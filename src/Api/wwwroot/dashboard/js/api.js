// The dashboard's only way to the server: the public REST API under /api/v1.
const TOKEN_KEY = 'httm.token';
const USER_KEY = 'httm.user';

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get user() { return sessionStorage.getItem(USER_KEY); },
  // The Orleans dashboard at /orleans/ is plain pages: it reads the same token from a cookie sent only there.
  save(token, user) {
    sessionStorage.setItem(TOKEN_KEY, token); sessionStorage.setItem(USER_KEY, user);
    document.cookie = `httm_token=${encodeURIComponent(token)}; path=/orleans; SameSite=Strict`;
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY); sessionStorage.removeItem(USER_KEY);
    document.cookie = 'httm_token=; path=/orleans; SameSite=Strict; max-age=0';
  },
};

/** An API error carrying the problem-details body, so pages can show the server's own reason. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function problemText(status, problem) {
  if (!problem) return `HTTP ${status}`;
  const fields = problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${[].concat(v).join(', ')}`).join('; ') : '';
  return [problem.title, problem.detail, fields].filter(Boolean).join(' — ') || `HTTP ${status}`;
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(handler) { onUnauthorized = handler; }

function headers(json) {
  const h = { Accept: 'application/json' };
  if (json) h['Content-Type'] = 'application/json';
  // Sent on reads too: a server with Httm:Auth:ProtectReads=true needs it everywhere.
  if (session.token) h.Authorization = `Bearer ${session.token}`;
  return h;
}

export async function request(method, path, body) {
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text }; }
  }
  if (response.status === 401 && path !== '/auth/login') onUnauthorized();
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = path => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});

export async function login(username, password) {
  const result = await request('POST', '/auth/login', { username, password });
  session.save(result.access_token, username);
  return result;
}

export const enc = encodeURIComponent;

/**
 * Follows a Server-Sent Events stream with fetch rather than EventSource, because EventSource
 * cannot send the Authorization header a read-protected server asks for.
 * Calls onEvent(name, data) per event; resolves when the stream ends; abort with the signal.
 */
export async function stream(path, onEvent, signal) {
  const response = await fetch(`/api/v1${path}`, { headers: { ...headers(false), Accept: 'text/event-stream' }, signal });
  if (!response.ok || !response.body) throw new ApiError(response.status, null);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}
