// Where the worker is and who we are: ?api=<origin> (default: this page's origin), ?token=<bearer>, ?conversation=<id>.
const query = new URLSearchParams(window.location.search);

export const apiBase = (query.get('api') ?? window.location.origin).replace(/\/$/, '');
export const token = query.get('token') ?? window.sessionStorage.getItem('nosis-token') ?? '';
if (query.get('token')) window.sessionStorage.setItem('nosis-token', query.get('token'));

export const authHeaders = () => (token ? { Authorization: `Bearer ${token}` } : {});

async function call(path, init = {}) {
  const response = await fetch(`${apiBase}${path}`, { ...init, headers: { ...authHeaders(), ...(init.headers ?? {}) } });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

/** The conversation named in the address, or a new one (then put in the address, so a reload keeps it). */
export async function openConversation() {
  let id = query.get('conversation');
  if (!id) {
    const created = await call('/api/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Browser chat' }),
    });
    id = created.id;
    query.set('conversation', id);
    window.history.replaceState(null, '', `${window.location.pathname}?${query}`);
  }
  const messages = await call(`/api/conversations/${encodeURIComponent(id)}/ui-messages`);
  return { id, messages };
}

/** Stops the conversation's running reply on the worker (POST …/chat/stop); resolves to whether one was stopped. */
export async function stopOnServer(chatApi) {
  const response = await fetch(`${chatApi}/stop`, { method: 'POST', headers: authHeaders() });
  if (!response.ok) return false;
  return (await response.json()).stopped === true;
}

/** The text to show for a failed request: the `error` of a problem-details body, else the message itself. */
export function errorText(error) {
  try {
    const body = JSON.parse(error.message);
    if (body && typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: a network failure or an error chunk's text.
  }
  return error.message || 'Something went wrong.';
}
