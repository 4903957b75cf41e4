// Persistence and sharing, in one place. The playground's state is
// `{rules, request, today, cases, published, fileName, downloaded}`; it is restored from the
// URL hash (a share link), else from localStorage (the autosave), else from the defaults, and
// saved to localStorage on every change. A share link is `#v1=` followed by the state's JSON
// (rules, request and today only), deflated with CompressionStream and base64url-encoded.
//
// What is read back is checked field by field: an autosave that is not JSON, or whose fields
// have the wrong types, never stops the playground. The fields that can be read are used and
// the rest fall back to the defaults; the entry as it was is kept aside, under UNREADABLE_KEY,
// so that nothing is lost, and `restore()` says so.

const STORAGE_KEY = 'yesif.playground.v1';
/** Where an autosave that could not be read (or only in part) is kept, as it was. */
export const UNREADABLE_KEY = 'yesif.playground.v1.unreadable';
const HASH_PREFIX = '#v1=';
/** Beyond this many characters the autosave is skipped: localStorage quotas are ~5 MB of UTF-16. */
export const MAX_PERSISTED_CHARS = 1_000_000;

/**
 * Where the state comes from: `{source: "link"|"saved"|"default", state, linkError, saved,
 * savedProblem}`, with `state` null for the default. A link that cannot be read is reported in
 * `linkError` and the autosave is used instead, so a bad link never costs the lead their work.
 * `saved` is the autosave (also when a link wins, so that the caller can keep it in the
 * history); `savedProblem` says what in it could not be read, if anything.
 */
export async function restore(location = window.location) {
  let linkError = null;
  const { state: saved, problem: savedProblem } = loadLocal();
  if (isShareLink(location.hash)) {
    try {
      return { source: 'link', state: await readShareLink(location.hash), linkError, saved, savedProblem };
    } catch (e) {
      linkError = `the share link could not be read (${e.message})`;
    }
  }
  if (saved) return { source: 'saved', state: saved, linkError, saved, savedProblem };
  return { source: 'default', state: null, linkError, saved: null, savedProblem };
}

/** True for a hash that holds a share link. */
export function isShareLink(hash) {
  return hash.startsWith(HASH_PREFIX);
}

/** The `{rules, request, today}` of a share link's hash; throws if it cannot be read. */
export function readShareLink(hash) {
  return decodeShare(hash.slice(HASH_PREFIX.length));
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDate = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isString = (v) => typeof v === 'string';

/** The autosave's fields: each one's check. A field that fails it is dropped (the default is used). */
const FIELDS = {
  request: isObject,
  today: isDate,
  cases: (v) => Array.isArray(v) && v.every(isObject),
  published: isString,
  unedited: (v) => typeof v === 'boolean',
  publishedName: isString,
  fileName: (v) => isString(v) && v.length > 0 && v.length < 256,
  origin: (v) => isObject(v) && ['server', 'file'].includes(v.rules ?? 'server') && ['server', 'file', 'edited'].includes(v.cases ?? 'server'),
  downloaded: (v) => isObject(v) && isString(v.rules) && isString(v.cases),
};

/**
 * Reads the autosave: `{state, problem}`. `state` holds only fields that passed their check
 * (null if there is no autosave or its rules cannot be read); `problem` is null, or says what
 * could not be read, in which case the entry as it was is now also under UNREADABLE_KEY.
 */
export function loadLocal() {
  let text;
  try {
    text = localStorage.getItem(STORAGE_KEY);
  } catch {
    return { state: null, problem: null }; // storage is off (a privacy setting): nothing to read
  }
  if (!text) return { state: null, problem: null };
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { state: null, problem: keepAside(text, 'it is not JSON') };
  }
  if (!isObject(parsed) || typeof parsed.rules !== 'string') {
    return { state: null, problem: keepAside(text, 'it holds no rules') };
  }
  const state = { v: 1, rules: parsed.rules };
  const bad = [];
  for (const [key, check] of Object.entries(FIELDS)) {
    if (parsed[key] === undefined || parsed[key] === null) continue;
    if (check(parsed[key])) state[key] = parsed[key];
    else bad.push(key);
  }
  return { state, problem: bad.length ? keepAside(text, `${bad.join(', ')} could not be read`) : null };
}

/** Puts an unreadable autosave aside; returns the problem's description for the status line. */
function keepAside(text, reason) {
  try {
    localStorage.setItem(UNREADABLE_KEY, text);
    return `${reason}; it was kept in this browser's storage as “${UNREADABLE_KEY}”`;
  } catch {
    return reason;
  }
}

/**
 * Autosaves `state`. Returns "saved", "too-large" (over MAX_PERSISTED_CHARS: nothing saved),
 * "full" (the browser's storage quota is used up) or "unavailable" (storage is off or refuses).
 */
export function saveLocal(state) {
  let text;
  try {
    text = JSON.stringify(state);
  } catch {
    return 'unavailable';
  }
  if (text.length > MAX_PERSISTED_CHARS) return 'too-large';
  return writeStorage(STORAGE_KEY, text);
}

/** `localStorage.setItem`, as "saved", "full" or "unavailable". */
export function writeStorage(key, text) {
  try {
    localStorage.setItem(key, text);
    return 'saved';
  } catch (e) {
    return isQuotaError(e) ? 'full' : 'unavailable';
  }
}

function isQuotaError(e) {
  return e?.name === 'QuotaExceededError' || e?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e?.code === 22;
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
  if (isShareLink(window.location.hash)) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}

/** Puts `url` (a share link) in the address bar without reloading. */
export function showInAddressBar(url) {
  history.replaceState(null, '', url);
}
