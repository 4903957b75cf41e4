// The version history: the last MAX_VERSIONS distinct versions of the rules (with the request
// and date they were tried on), kept in localStorage so that nothing a lead wrote is lost when a
// share link, a file, a reset or an older version replaces the editor's text; and the panel that
// lists them, each restorable.
//
// A version is identified by its rules text: keeping a text that is already in the history
// moves that entry to the top instead of adding another. The list shows each text's SHA-256,
// cut to 12 digits as in the page header ("hash …"), so the version in the editor can be told
// by its hash too.
// The newest entry is the "working" version while the lead edits it (updated in place, not one
// entry per keystroke); anything that replaces the text starts a new one.

import { h, replace } from './dom.js';
import { fingerprint } from './state.js';
import { writeStorage } from './persist.js';

const HISTORY_KEY = 'yesif.playground.history.v1';
export const MAX_VERSIONS = 20;
/** The note of a version kept while it was being edited. */
const EDITED = 'Edited';

/**
 * @typedef {{id: string, time: number, note: string, name: string, version: string, hash: string,
 *   rules: string, request: object, today: string}} Version
 */

/** The rules' name and version as the source declares them (`ruleset("Name", "1.0")`), or blanks. */
export function rulesetOf(source) {
  const m = /\bruleset\s*\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"/.exec(source);
  return m ? { name: m[1], version: m[2] } : { name: '', version: '' };
}

/** The kept versions, newest first; an unreadable history reads as empty (and is replaced). */
export function loadHistory() {
  try {
    const list = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter(isVersion).slice(0, MAX_VERSIONS) : [];
  } catch {
    return [];
  }
}

function isVersion(v) {
  return typeof v === 'object' && v !== null && typeof v.rules === 'string' && typeof v.id === 'string' &&
    typeof v.time === 'number' && typeof v.hash === 'string' && typeof v.note === 'string';
}

/**
 * Writes `list`; when the storage is full, the oldest versions go first until it fits.
 * Returns how many versions were kept.
 */
function saveHistory(list) {
  for (let keep = list.length; keep > 0; keep--) {
    if (writeStorage(HISTORY_KEY, JSON.stringify(list.slice(0, keep))) === 'saved') return keep;
  }
  return 0;
}

let nextId = 0;

export class History {
  constructor() {
    /** @type {Version[]} */
    this.versions = loadHistory();
    /** The id of the version being edited now, updated in place by `keepWorking`. */
    this.workingId = null;
  }

  /**
   * Keeps `{rules, request, today}` as a version with `note` (what it was: "before a share
   * link", …) and returns it. A text already kept moves to the top, with its first note (unless
   * it is the working version) and the newest request. With `working`, later `keepWorking` calls update this entry in place.
   */
  keep({ rules, request, today }, note, { working = false } = {}) {
    const hash = fingerprint(rules);
    const existing = this.find(rules);
    const version = {
      ...rulesetOf(rules),
      id: existing?.id ?? `${Date.now().toString(36)}-${(nextId++).toString(36)}`,
      time: Date.now(),
      // A version keeps the note it was first kept with; a draft (being edited here, or
      // "Edited" in an earlier visit or another tab) takes the new, more telling one.
      note: (existing && existing.id !== this.workingId && existing.note !== EDITED ? existing.note : note) || existing?.note || '',
      hash,
      rules,
      request: structuredClone(request ?? {}),
      today: today ?? '',
    };
    this.versions = [version, ...this.versions.filter((v) => v.id !== version.id)].slice(0, MAX_VERSIONS);
    this.workingId = working ? version.id : null;
    this.store();
    return version;
  }

  /**
   * Keeps what is being edited: updates the working version in place, or starts one. A text
   * that is already kept (a version restored, a link opened, an edit undone) adds nothing.
   */
  keepWorking(state) {
    const working = this.versions.find((v) => v.id === this.workingId);
    const same = (v) => v.rules === state.rules && v.today === (state.today ?? '') && JSON.stringify(v.request) === JSON.stringify(state.request ?? {});
    if (working && same(working)) return;
    const kept = this.find(state.rules);
    if (kept && kept !== working) {
      this.workingId = null;
      return;
    }
    if (working) this.versions = this.versions.filter((v) => v !== working);
    this.keep(state, EDITED, { working: true });
  }

  /** Ends the working version: the next edit starts a new one. */
  closeWorking() {
    this.workingId = null;
  }

  store() {
    // When nothing fits (the storage is full), the stored history stays as it was, and so does this one.
    const kept = saveHistory(this.versions);
    if (kept > 0 && kept < this.versions.length) this.versions = this.versions.slice(0, kept);
  }

  /** The version whose rules are `rules`, if any. */
  find(rules) {
    const hash = fingerprint(rules);
    return this.versions.find((v) => v.hash === hash && v.rules === rules) ?? null;
  }
}

/** The list of versions in the History dialog: one row per version, the current one marked. */
export class HistoryPanel {
  /**
   * @param {{list: HTMLElement, onRestore: (version: Version) => void}} options
   */
  constructor({ list, onRestore }) {
    this.list = list;
    this.onRestore = onRestore;
  }

  /** @param {Version[]} versions @param {string | null} currentId */
  render(versions, currentId) {
    const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    if (versions.length === 0) {
      replace(this.list, h('li', { class: 'muted' }, 'No versions yet: they are kept as you edit, and before anything replaces your rules.'));
      return;
    }
    replace(
      this.list,
      versions.map((v) => {
        const current = v.id === currentId;
        const title = [v.name || 'Unnamed rules', v.version].filter(Boolean).join(' ');
        return h(
          'li',
          { class: current ? 'version current' : 'version', 'aria-current': current ? 'true' : null },
          h('span', { class: 'version-main' },
            h('strong', {}, title),
            h('span', { class: 'muted small version-hash', 'data-hash-of': v.id }),
            current ? h('span', { class: 'badge' }, 'current') : null),
          h('span', { class: 'version-meta muted small' },
            h('time', { dateTime: new Date(v.time).toISOString() }, format.format(v.time)),
            v.note ? ` · ${v.note}` : ''),
          current
            ? null
            : h('button', { type: 'button', class: 'restore', 'aria-label': `Restore ${title} from ${format.format(v.time)}`, onclick: () => this.onRestore(v) }, 'Restore'),
        );
      }),
    );
    this.showHashes(versions);
  }

  /** Fills in each version's hash, as the page header shows it (SHA-256, 12 digits). */
  async showHashes(versions) {
    if (!globalThis.crypto?.subtle) return; // not a secure context: no hashes, nothing else lost
    for (const v of versions) {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(v.rules));
      const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
      const span = this.list.querySelector(`[data-hash-of="${CSS.escape(v.id)}"]`);
      if (span) span.textContent = ` · hash ${hex.slice(0, 12)}`;
    }
  }
}
