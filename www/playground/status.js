// The status line under the toolbar: what just happened (restored, downloaded, stopped…), with
// an optional action button, and each run's summary when no fresher message is showing.

import { h, byId, replace } from './dom.js';

/** How long a message about something the lead did stays before run summaries replace it. */
const MESSAGE_MS = 5000;
let messageAt = 0;

/**
 * Shows `text` in the status line. `run: true` marks a run's summary, which does not replace a
 * message younger than MESSAGE_MS unless `force` is set; `action` is `{label, run}` for a button.
 */
export function setStatus(text, { tone = 'info', action, run = false, force = false } = {}) {
  const statusEl = byId('status');
  if (run && !force && Date.now() - messageAt < MESSAGE_MS) return;
  // A forced run message (a slow run) replaces any message, and the run's end replaces it.
  messageAt = run ? 0 : Date.now();
  // The status is a live region: the same words again are not news, so are not re-announced.
  if (!action && statusEl.dataset.tone === tone && statusEl.textContent === text) return;
  statusEl.dataset.tone = tone;
  replace(statusEl, text, action ? ' ' : null, action ? h('button', { type: 'button', class: 'link-button', onclick: action.run }, action.label) : null);
}
