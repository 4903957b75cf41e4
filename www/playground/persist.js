// Persistence and sharing, in one place. The playground's state is
// `{rules, request, today, cases, published, fileName, downloaded}`; it is restored from the
// URL hash (a share link), else from localStorage (the autosave), else from the defaults, and
// saved to localStorage on every change. A share link is `#v1=` followed by the state's JSON
// (rules, request and today only), deflated with CompressionStream and base64url-encoded.

const STORAGE_KEY = 'yesif.playground.v1';
const HASH_PREFIX = '#v1=';
/** Beyond this many characters the autosave is skipped: localStorage quotas are ~5 MB of UTF-16. */
export const MAX_PERSISTED_CHARS = 1_000_000;

/**
 * Where the state comes from: `{source: "link"|"saved"|"default", state}`, with `state` null for
 * the default. A link that cannot be read is reported as `{source: "link", error}` and the
 * autosave is used instead, so a bad link never costs the lead their work.
 */
export async function restore(location = window.location) {
  let linkError = null;
  if (location.hash.startsWith(HASH_PREFIX)) {
    try {
      return { source: 'link', state: await decodeShare(location.hash.slice(HASH_PREFIX.length)) };
    } catch (e) {
      linkError = `the share link could not be read (${e.message})`;
    }
  }
  const saved = loadLocal();
  if (saved) return { source: 'saved', state: saved, linkError };
  return { source: 'default', state: null, linkError };
}

function loadLocal() {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (!text) return null;
    const state = JSON.parse(text);
    return typeof state?.rules === 'string' ? state : null;
  } catch {
    return null;
  }
}

/** Autosaves `state`; returns false (and saves nothing) when it is too big or storage refuses. */
export function saveLocal(state) {
  let text;
  try {
    text = JSON.stringify(state);
  } catch {
    return false;
  }
  if (text.length > MAX_PERSISTED_CHARS) return false;
  try {
    localStorage.setItem(STORAGE_KEY, text);
    return true;
  } catch {
    return false;
  }
}

/** The share link for `{rules, request, today}` on the current page. */
export async function shareUrl({ rules, request, today }, location = window.location) {
  const payload = await encodeShare({ rules, request, today });
  return `${location.origin}${location.pathname}${location.search}${HASH_PREFIX}${payload}`;
}

async function encodeShare(state) {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  const packed = await pipe(bytes, new CompressionStream('deflate-raw'));
  return toBase64Url(packed);
}

async function decodeShare(payload) {
  const bytes = fromBase64Url(payload);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_PERSISTED_CHARS * 4));
  const state = JSON.parse(text);
  if (typeof state !== 'object' || state === null || typeof state.rules !== 'string') throw new Error('it holds no rules');
  const request = state.request && typeof state.request === 'object' && !Array.isArray(state.request) ? state.request : {};
  const today = typeof state.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(state.today) ? state.today : null;
  return { rules: state.rules, request, today };
}

/** Runs bytes through a (de)compression stream, refusing output beyond `limit` bytes. */
async function pipe(bytes, transform, limit = Infinity) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw new Error('it is too large');
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it is not base64url');
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** Drops a share link from the address bar without reloading, once the state has moved on. */
export function clearHash() {
  if (window.location.hash.startsWith(HASH_PREFIX)) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}

/** Puts `url` (a share link) in the address bar without reloading. */
export function showInAddressBar(url) {
  history.replaceState(null, '', url);
}
