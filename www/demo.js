// The demo intake form: an intranet training-request page built from the fields the default
// rules declare, with <yesif-check> beside it.
//
// - Required fields come first. Follow-up fields (the consulting questions) stay hidden until
//   the report raises a gap on them, or the requester asks to see them all; once shown, a field
//   is never hidden again, and a field with an answer is always shown.
// - A sample picker fills in one of the shared sample requests (the cases named "S1 …", "S2 …"
//   in rules/ld-intake.cases.json) and scores it as of the sample's date. `?sample=N` (1-based)
//   and `?today=YYYY-MM-DD` do the same from the URL.
// - The form really submits (GET to submitted.html), so the "submitted" page shows exactly the
//   data L&D would receive, hidden fields included.
// Every label, help text and option comes from the rule file and is set as text, never as HTML.

import { loadRules } from './yesif-check/engine.js';
import { controlsNamed } from './yesif-check/form.js';
import './yesif-check.js';

const form = document.getElementById('request');
const fieldsBox = document.getElementById('fields');
const formStatus = document.getElementById('form-status');
const check = document.querySelector('yesif-check');
const picker = document.getElementById('sample');
const sampleNote = document.getElementById('sample-note');
const params = new URLSearchParams(location.search);

/** Field id → {field, row}: the declared field and the row (wrapper or fieldset) showing it. */
const rows = new Map();
let followupBox;
let showAllButton;
let news;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

const AUTOCOMPLETE = { requester_name: 'name', requester_email: 'email' };

/** One form row for a declared field: a labelled control, or a fieldset for a group. */
function fieldRow(field) {
  const id = `f-${field.id}`;
  const helpId = field.help ? `${id}-help` : null;
  const help = field.help ? el('p', { class: 'help', id: helpId }, field.help) : '';
  const required = field.required && field.type !== 'checkboxes';

  if (field.type === 'radio' || field.type === 'checkboxes') {
    const type = field.type === 'radio' ? 'radio' : 'checkbox';
    const options = field.options.map((option, i) => el('div', { class: 'choice' },
      el('input', { type, id: `${id}-${i}`, name: field.id, value: option.value, required: required && i === 0 }),
      el('label', { for: `${id}-${i}` }, option.label)));
    return el('fieldset', { class: `field group ${type}s`, id, 'data-field': field.id, 'aria-describedby': helpId },
      el('legend', {}, field.label),
      help, el('div', { class: 'choices' }, ...options));
  }

  let control;
  const common = { id, name: field.id, required, 'aria-describedby': helpId, placeholder: field.placeholder ?? null };
  if (field.type === 'textarea') control = el('textarea', { ...common, rows: 3 });
  else if (field.type === 'select') {
    control = el('select', common, el('option', { value: '' }, 'Choose…'),
      ...field.options.map((o) => el('option', { value: o.value }, o.label)));
  } else if (field.type === 'number') control = el('input', { ...common, type: 'number', min: 0, step: 'any', inputmode: 'numeric' });
  else if (field.type === 'date') control = el('input', { ...common, type: 'date' });
  else control = el('input', { ...common, type: field.type === 'email' ? 'email' : 'text', autocomplete: AUTOCOMPLETE[field.id] ?? 'off' });
  return el('div', { class: `field ${field.type}`, 'data-field': field.id },
    el('label', { for: id }, field.label), help, control);
}

function buildForm(fields) {
  const required = fields.filter((f) => f.required);
  const followups = fields.filter((f) => !f.required && f.followup);
  const optional = fields.filter((f) => !f.required && !f.followup);

  const section = (title, intro, list) => {
    const heading = el('h2', {}, title);
    const box = el('section', { class: 'form-section', 'aria-label': title }, heading, intro ? el('p', { class: 'section-intro' }, intro) : '');
    for (const field of list) {
      const row = fieldRow(field);
      rows.set(field.id, { field, row });
      box.append(row);
    }
    return box;
  };

  fieldsBox.replaceChildren();
  fieldsBox.append(section('About your request', 'All of these are needed.', required));
  if (followups.length) {
    showAllButton = el('button', { type: 'button', class: 'secondary show-all' });
    showAllButton.addEventListener('click', () => {
      for (const id of rows.keys()) reveal(id);
      showAllButton.hidden = true;
    });
    followupBox = section(
      'Questions L&D will ask',
      'These appear as your request needs them. Answering them now saves a meeting later.',
      followups,
    );
    for (const field of followups) rows.get(field.id).row.hidden = true;
    const empty = el('p', { class: 'followup-empty' }, 'No questions yet: start with the fields above.');
    news = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    followupBox.append(empty, showAllButton, news);
    fieldsBox.append(followupBox);
  }
  if (optional.length) fieldsBox.append(section('Anything else (optional)', '', optional));
  updateFollowupState();
}

/** Shows a field's row for good. */
function reveal(id) {
  const entry = rows.get(id);
  if (!entry || !entry.row.hidden) return;
  entry.row.hidden = false;
  entry.row.classList.add('revealed');
}

function updateFollowupState() {
  if (!followupBox) return;
  const hidden = [...rows.values()].filter((r) => r.row.hidden).length;
  const shown = [...rows.values()].filter((r) => r.field.followup && !r.field.required && !r.row.hidden).length;
  followupBox.querySelector('.followup-empty').hidden = shown > 0;
  showAllButton.hidden = hidden === 0;
  showAllButton.textContent = hidden === 1 ? 'Show the 1 remaining question' : `Show all ${hidden} remaining questions`;
}

/** How many unanswered follow-up questions may be on show at once. */
const OPEN_FOLLOWUPS = 3;

/**
 * Reveals the follow-ups the report raises gaps on, in the rules' order (most important
 * first), once the requester has started on the required fields, and no more than
 * OPEN_FOLLOWUPS unanswered at a time: answering one brings the next. Every field that holds
 * an answer (the ids in `answered`) is shown.
 */
function revealFor(report, answered) {
  for (const [id, { row }] of rows) if (row.hidden && answered.has(id)) reveal(id);
  const started = [...rows.values()].some(({ field }) => field.required && answered.has(field.id));
  const added = [];
  if (started) {
    const isOpen = ({ field, row }) => field.followup && !field.required && !row.hidden && !answered.has(field.id);
    let open = [...rows.values()].filter(isOpen).length;
    for (const finding of report.findings) {
      if (open >= OPEN_FOLLOWUPS) break;
      const entry = finding.kind === 'gap' && rows.get(finding.field);
      if (entry && entry.row.hidden) {
        reveal(finding.field);
        added.push(entry.field.label);
        open += 1;
      }
    }
  }
  // Tell screen-reader users a question appeared; sighted users see it highlighted.
  if (added.length) news.textContent = `New question from L&D: ${added.join('; ')}`;
  updateFollowupState();
}

function hasAnswer(id) {
  return controlsNamed(form, id).some((c) => (c.type === 'checkbox' || c.type === 'radio' ? c.checked : String(c.value).trim() !== ''));
}

/** Puts a request's answers into the form, replacing what is there. */
function fill(request) {
  form.reset();
  for (const [id, value] of Object.entries(request)) {
    // No control by that name (an empty list): nothing to fill, and nothing to reveal.
    const controls = controlsNamed(form, id);
    if (!controls.length) continue;
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    for (const c of controls) {
      if (c.type === 'checkbox' || c.type === 'radio') c.checked = values.includes(c.value);
      else if (c instanceof HTMLSelectElement && c.multiple) for (const o of c.options) o.selected = values.includes(o.value);
      else c.value = values[0];
    }
    reveal(id);
  }
  updateFollowupState();
}

// ----- samples -----

let samples = [];
const SHARED_SAMPLE = /^S\d+\b/;

async function loadSamples(rulesUrl) {
  const url = new URL(rulesUrl.replace(/\.rhai$/, '.cases.json'), document.baseURI);
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = await response.json();
    const all = (Array.isArray(data) ? data : data.cases ?? []).filter((c) => c?.request && c.expect?.tier && !c.expect.error);
    // The shared samples (S1, S2, …) tell the story of each tier; the other cases test edges.
    const shared = all.filter((c) => SHARED_SAMPLE.test(c.name ?? ''));
    samples = shared.length ? shared : all;
  } catch (error) {
    console.warn('demo: no sample requests', error);
    samples = [];
  }
  picker.closest('.samples').hidden = samples.length === 0;
  samples.forEach((sample, i) => picker.append(el('option', { value: String(i + 1) }, sample.name ?? `Sample ${i + 1}`)));
}

function applySample(n) {
  const sample = samples[n - 1];
  if (!sample) return;
  fill(sample.request);
  shownSample = String(n);
  picker.value = shownSample;
  if (sample.today) check.today = sample.today;
  sampleNote.hidden = false;
  const expected = sample.expect?.tier ? ` L&D's expected tier for it: ${sample.expect.tier}.` : '';
  sampleNote.textContent = `Filled in “${sample.name}”, scored as of ${sample.today ?? 'today'}.${expected}`;
  check.refresh();
}

// What the requester typed is theirs: a sample only replaces it when they say so.
let typedSinceFill = false;
let shownSample = '';
form.addEventListener('input', (event) => {
  if (event.isTrusted) typedSinceFill = true;
});

picker.addEventListener('change', () => {
  if (!picker.value) return;
  if (typedSinceFill && !window.confirm('Replace what you have typed with the sample request?')) {
    picker.value = shownSample;
    return;
  }
  applySample(Number(picker.value));
});

form.addEventListener('reset', () => {
  // Values are restored after this event; scoring follows through the widget.
  sampleNote.hidden = true;
  picker.value = '';
  shownSample = '';
  typedSinceFill = false;
  if (!params.get('today')) check.today = '';
});

// ----- start -----

check.addEventListener('yesif-score', (event) => {
  // Which fields hold an answer, read once per score (it may come on every keystroke).
  const answered = new Set([...rows.keys()].filter(hasAnswer));
  revealFor(event.detail, answered);
  peekAt(event.detail, answered);
});

// On a narrow screen the check sits below the form: a bar at the bottom keeps its verdict in
// view and jumps to it.
const peek = document.getElementById('peek');
function peekAt(report, answered) {
  const gaps = report.findings.filter((f) => f.kind === 'gap').length;
  peek.textContent = `${report.tier.label} · ${gaps === 1 ? '1 thing' : `${gaps} things`} to add · See feedback`;
  peek.dataset.tier = report.tier.id;
  peek.hidden = answered.size === 0;
}
// No need for the bar while the check itself is in view.
new IntersectionObserver(([entry]) => peek.classList.toggle('away', entry.isIntersecting))
  .observe(document.getElementById('feedback'));
// A gap's "Go to" link may point at a question not on show yet: show it, then let it focus.
check.addEventListener('yesif-focus', (event) => {
  reveal(event.detail.field);
  updateFollowupState();
});

async function start() {
  if (params.get('today')) check.today = params.get('today');
  const rulesUrl = check.getAttribute('rules');
  let loaded;
  try {
    loaded = await loadRules(rulesUrl);
  } catch (error) {
    formStatus.textContent = 'The request form could not be loaded. Please email learning@northwind.example instead.';
    console.error('demo: the rules did not load', error.diagnostics ?? error);
    return;
  }
  buildForm(loaded.fields);
  formStatus.hidden = true;
  await loadSamples(rulesUrl);
  const n = Number(params.get('sample'));
  if (n) applySample(n);
  check.refresh();
  document.documentElement.dataset.ready = 'true';
}

start();
