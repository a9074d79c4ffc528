// The console's one way to the server: every call is an /api call with the signed-in user's
// bearer token (kept in this tab's sessionStorage, never in a URL or a cookie).
const TOKEN = 'inkwell.console.token';
const USER = 'inkwell.console.user';

/** An answer the API refused: its status and its problem+json body (title, detail, errors). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let onExpired = () => {};

/** What to do when the API no longer accepts the token (expired, revoked, user deactivated). */
export function whenExpired(callback) { onExpired = callback; }

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  user: () => JSON.parse(sessionStorage.getItem(USER) || 'null'),
  isAdmin: () => session.user()?.role === 'admin',
  save(token, user) { sessionStorage.setItem(TOKEN, token); sessionStorage.setItem(USER, JSON.stringify(user)); },
  clear() { sessionStorage.removeItem(TOKEN); sessionStorage.removeItem(USER); },
};

/**
 * Calls the API. Resolves to {status, body, headers}; rejects with an ApiError for 4xx/5xx. A
 * 401 while signed in clears the session and returns to the sign-in page (onExpired).
 */
export async function api(method, path, { body, headers = {}, anonymous = false } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  const token = session.token();
  if (token && !anonymous) sent.Authorization = `Bearer ${token}`;
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, { title: 'No answer', detail: 'The server did not answer. Check the connection and try again.' });
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try { parsed = JSON.parse(text); } catch (e) { parsed = { detail: text.slice(0, 200) }; }
  }
  if (response.status === 401 && token && !anonymous) {
    session.clear();
    onExpired();
    throw new ApiError(401, parsed || { title: 'Unauthorized' });
  }
  if (!response.ok) throw new ApiError(response.status, parsed || { title: response.statusText });
  return { status: response.status, body: parsed, headers: response.headers };
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Every item of a paged list, following next_cursor (at most `limit` items). */
export async function all(path, limit = 1000) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = (await api('GET', `${path}${sep}per_page=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < limit);
  return items;
}

/** A random request id for bulk requests (a retry of the same click starts nothing new). */
export function requestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 'console-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
