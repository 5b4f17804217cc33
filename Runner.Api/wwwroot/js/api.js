// The console's only way to the server: the public /api/v1 API with the key of this browser session.

const KEY = 'runner.apiKey';
const ME = 'runner.me';

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  get me() { return JSON.parse(sessionStorage.getItem(ME) ?? 'null'); },
  get isAdmin() { return this.me?.role === 'admin'; },
  signIn(key, me) { sessionStorage.setItem(KEY, key); sessionStorage.setItem(ME, JSON.stringify(me)); },
  signOut() { sessionStorage.removeItem(KEY); sessionStorage.removeItem(ME); },
};

/** A problem details response (RFC 7807): `errors` maps field paths to reasons. */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.problem = problem ?? {};
    this.errors = problem?.errors ?? {};
  }
}

export async function api(method, path, { body, key = session.key, contentType } = {}) {
  const headers = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType ?? 'application/json';
    payload = contentType ? body : JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, body: payload });
  if (response.status === 401 && key === session.key && session.key) {
    // The key was revoked while signed in: back to the sign-in page.
    session.signOut();
    location.hash = '#/sign-in';
  }
  const text = await response.text();
  const type = response.headers.get('Content-Type') ?? '';
  const data = text && type.includes('json') ? JSON.parse(text) : text;
  if (!response.ok) throw new ProblemError(response.status, typeof data === 'object' ? data : { detail: data || undefined });
  return data;
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, { body });
export const patch = (path, body) => api('PATCH', path, { body });
export const put = (path, body) => api('PUT', path, { body });
export const del = path => api('DELETE', path);
