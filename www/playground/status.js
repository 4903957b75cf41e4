// The status line under the toolbar: what just happened (restored, downloaded, stopped…), with
// an optional action button, and otherwise the latest run's summary. A message never goes
// stale: news gives way to the latest run's summary after MESSAGE_MS, a message about a state
// that the next run ends ("Stopped…") gives way as soon as that run's summary comes, and a
// warning or a message with a button stays until the first run summary after MESSAGE_MS.

import { h, byId, replace } from './dom.js';

/** How long a message about something the lead did stays before the run summary replaces it. */
const MESSAGE_MS = 5000;
let messageAt = 0;
/** The message showing says how things are until the next run ends (not news that ages). */
let untilRun = false;
/** The latest run's summary, shown once no message is fresher: `[text, options]`. */
let lastRun = null;
let revertTimer = 0;

/**
 * Shows `text` in the status line. `run: true` marks a run's summary, which does not replace a
 * message younger than MESSAGE_MS unless `force` is set (a slow run) or that message was
 * `untilRun`; `action` is `{label, run}` for a button.
 */
export function setStatus(text, { tone = 'info', action, run = false, force = false, untilRun: sticky = false } = {}) {
  if (run) {
    if (!force) lastRun = [text, { tone, action }];
    if (!force && !untilRun && Date.now() - messageAt < MESSAGE_MS) return;
  }
  clearTimeout(revertTimer);
  // A forced run message (a slow run) replaces any message, and the run's end replaces it.
  messageAt = run ? 0 : Date.now();
  untilRun = !run && sticky;
  // News ages. A warning, or a message with a button (Undo…), stays until the first run
  // summary after MESSAGE_MS: a control must not vanish while someone reaches for it.
  if (!run && !sticky && tone !== 'bad' && !action) revertTimer = setTimeout(showLastRun, MESSAGE_MS);
  show(text, tone, action);
}

/** Once a message has aged, the latest run's summary takes its place again. */
function showLastRun() {
  if (!lastRun) return;
  messageAt = 0;
  show(lastRun[0], lastRun[1].tone, lastRun[1].action);
}

function show(text, tone, action) {
  const statusEl = byId('status');
  // The status is a live region: the same words again are not news, so are not re-announced.
  if (!action && statusEl.dataset.tone === tone && statusEl.textContent === text) return;
  statusEl.dataset.tone = tone;
  replace(statusEl, text, action ? ' ' : null, action ? h('button', { type: 'button', class: 'link-button', onclick: action.run }, action.label) : null);
}
