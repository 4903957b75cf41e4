// The embed page: a web developer pastes their form's HTML (or opens a page of this site), sees
// their controls next to the rule fields with suggested matches, fixes them, copies the
// `<yesif-check>` lines, and tries the check on an inert copy of their form, live.
//
// State lives in `state`; each step of the page has one function that draws it from there.

import './yesif-check.js';
import { loadRules } from './yesif-check/engine.js';
import { listControls, sanitizeForm } from './embed/host-form.js';
import { fieldMapText, fits, mappable, snippet, suggestFieldMap, suggestValues, valueMapText } from './embed/suggest.js';

/** @typedef {import('./pkg/yesif.js').Field} Field */
/** @typedef {import('./embed/host-form.js').HostControl} HostControl */
/** @typedef {import('./embed/suggest.js').ValueChoice} ValueChoice */

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const state = {
  /** @type {Field[]} the fields the rules declare */
  fields: [],
  /** @type {HTMLFormElement | null} the inert copy of the pasted form */
  form: null,
  /** @type {HostControl[]} */
  controls: [],
  /** @type {Map<string, string>} rule field id → host control name, for the fields the form has */
  fieldMap: new Map(),
  /** @type {Map<string, ValueChoice[]>} rule field id → what each host value maps to */
  values: new Map(),
  /** how each field's control was chosen: 'name', 'suggested' or 'chosen' */
  how: new Map(),
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

function setStatus(id, message, { error = false } = {}) {
  const node = $(id);
  node.textContent = message;
  node.classList.toggle('error', error);
}

// ----- step 1: the form and the rules -----

async function loadRuleFields() {
  const url = /** @type {HTMLInputElement} */ ($('rules-input')).value.trim();
  try {
    state.fields = (await loadRules(url)).fields;
    return true;
  } catch (error) {
    state.fields = [];
    setStatus('form-status', `The rules at ${url} could not be loaded: ${error.message}`, { error: true });
    return false;
  }
}

/** Reads the pasted HTML again: new controls, new suggestions. */
function analyse() {
  const html = /** @type {HTMLTextAreaElement} */ ($('html-input')).value;
  state.form = html.trim() ? sanitizeForm(html) : null;
  state.controls = state.form ? listControls(state.form) : [];
  state.fieldMap = suggestFieldMap(state.fields, state.controls);
  state.how = new Map([...state.fieldMap].map(([id, host]) => [id, id === host ? 'name' : 'suggested']));
  state.values = new Map();
  for (const id of state.fieldMap.keys()) suggestValuesFor(id);
  if (!html.trim()) setStatus('form-status', 'Paste a form, or open the example, to begin.');
  else if (!state.form) setStatus('form-status', 'No form controls with a name were found in that HTML.', { error: true });
  else setStatus('form-status', `Read ${state.controls.length} controls${state.form.id ? ` from <form id="${state.form.id}">` : ''}.`);
  drawMapping();
  drawSnippet();
  drawPreview({ rebuild: true });
}

function suggestValuesFor(id) {
  const field = state.fields.find((f) => f.id === id);
  const control = state.controls.find((c) => c.name === state.fieldMap.get(id));
  if (field?.options.length && control?.options.length) state.values.set(id, suggestValues(field, control));
  else state.values.delete(id);
}

async function openUrl() {
  const input = /** @type {HTMLInputElement} */ ($('url-input'));
  let url;
  try {
    url = new URL(input.value.trim(), location.href);
  } catch {
    setStatus('form-status', `"${input.value}" is not a URL.`, { error: true });
    return;
  }
  if (url.origin !== location.origin) {
    setStatus('form-status', 'Only pages on this site can be opened here (the browser keeps other sites\' pages private). Paste the HTML instead.', { error: true });
    return;
  }
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    /** @type {HTMLTextAreaElement} */ ($('html-input')).value = await response.text();
    analyse();
  } catch (error) {
    setStatus('form-status', `${url.pathname} could not be opened: ${error.message}`, { error: true });
  }
}

// ----- step 2: the matches -----

function drawMapping() {
  $('map-step').hidden = !state.form;
  const on = state.fields.filter((f) => state.fieldMap.has(f.id));
  const off = state.fields.filter((f) => !state.fieldMap.has(f.id));
  $('mapping-rows').replaceChildren(...on.map(mappingRow));
  $('later-rows').replaceChildren(...off.map(mappingRow));
  $('later').hidden = off.length === 0;
  $('later-summary').textContent = `Not on your form (${off.length}): L&D will ask about these later`;
  const mapped = on.length;
  const later = off.length;
  const unsure = [...state.values.values()].flat().filter((c) => c.how === 'suggested' || c.how === 'none').length;
  setStatus('map-status', `${mapped} of ${state.fields.length} rule fields are on your form; ${later === 1 ? 'the other one becomes a question' : `the other ${later} become questions`} L&D will ask later.`
    + (unsure ? ` ${unsure === 1 ? '1 choice value needs' : `${unsure} choice values need`} a look.` : ''));
}

const HOW = {
  name: ['same name', ''],
  suggested: ['suggested: check it', 'check'],
  chosen: ['your choice', ''],
};

function mappingRow(field) {
  const host = state.fieldMap.get(field.id) ?? '';
  const select = el('select', { 'aria-label': `Your control for “${field.label}” (${field.id})`, 'data-field': field.id },
    el('option', { value: '' }, '— not on my form —'),
    ...state.controls.filter((c) => fits(field.type, c) || c.name === host).map((c) => el('option', { value: c.name, selected: c.name === host },
      c.label ? `${c.name} (${c.label.length > 40 ? `${c.label.slice(0, 39)}…` : c.label})` : c.name)));
  select.addEventListener('change', () => {
    if (select.value) {
      state.fieldMap.set(field.id, select.value);
      state.how.set(field.id, 'chosen');
    } else {
      state.fieldMap.delete(field.id);
      state.how.delete(field.id);
    }
    suggestValuesFor(field.id);
    refresh(field.id);
  });
  const [howText, howClass] = host ? HOW[state.how.get(field.id) ?? 'chosen'] : ['follow-up: L&D will ask', 'later'];
  return el('tr', { class: host ? null : 'later', 'data-field': field.id },
    el('th', { scope: 'row' }, el('span', { class: 'rule-id' }, field.id), el('span', { class: 'rule-label' }, field.label)),
    el('td', {}, select, el('br'), el('span', { class: `badge ${howClass}` }, howText)),
    el('td', {}, valuesCell(field)));
}

function valuesCell(field) {
  const choices = state.values.get(field.id);
  if (!choices) return field.options.length ? el('span', { class: 'rule-label' }, field.options.map((o) => o.value).join(', ')) : '';
  return el('ul', { class: 'values' }, ...choices.map((choice, i) => {
    const select = el('select', { 'aria-label': `Rule option for “${choice.host}” (${field.id})` },
      el('option', { value: '' }, '— leave out —'),
      ...field.options.map((o) => el('option', { value: o.value, selected: o.value === choice.option }, o.value === o.label ? o.value : `${o.value} (${o.label})`)));
    select.addEventListener('change', () => {
      const next = state.values.get(field.id);
      next[i] = { host: choice.host, option: select.value || null, how: select.value ? 'chosen' : 'none' };
      refresh(field.id);
    });
    const badge = !mappable(choice.host) ? ['cannot be written in value-map: rename it in your form', 'off']
      : choice.how === 'same' ? ['matches', ''] : choice.how === 'suggested' ? ['suggested: check it', 'check']
        : choice.how === 'chosen' ? (choice.option ? ['your choice', ''] : ['left out', 'off']) : ['no match: left out', 'off'];
    return el('li', {}, el('span', { class: 'host-value' }, choice.host), '→', select, el('span', { class: `badge ${badge[1]}` }, badge[0]));
  }));
}

/** After one field's match changed: the table (keeping the keyboard where it was), the lines, the preview. */
function refresh(id) {
  const rowOf = () => $('map-step').querySelector(`tr[data-field="${CSS.escape(id)}"]`);
  const selects = () => [...(rowOf()?.querySelectorAll('select') ?? [])];
  const focusAt = selects().indexOf(/** @type {HTMLSelectElement} */ (document.activeElement));
  drawMapping();
  if (focusAt >= 0) selects()[focusAt]?.focus();
  drawSnippet();
  drawPreview({ rebuild: false });
}

// ----- step 3: the lines to add -----

function attributes() {
  const values = new Map([...state.values].map(([id, choices]) => [id, choices.filter((c) => mappable(c.host))]));
  return { fieldMap: fieldMapText(state.fieldMap), valueMap: valueMapText(values) };
}

function rulesFile() {
  const url = /** @type {HTMLInputElement} */ ($('rules-input')).value.trim();
  return url.split('/').pop() || 'ld-intake.rhai';
}

function drawSnippet() {
  $('snippet-step').hidden = !state.form;
  if (!state.form) return;
  const { fieldMap, valueMap } = attributes();
  const base = /** @type {HTMLInputElement} */ ($('base-input')).value.trim() || '/yesif/';
  $('snippet').textContent = snippet({ base, rulesFile: rulesFile(), formId: state.form.id, fieldMap, valueMap });
  $('snippet-help').textContent = state.form.id
    ? `Anywhere on the page that has <form id="${state.form.id}">, for example right after the form.`
    : 'Your form has no id: put the lines inside your <form>, or give the form an id and add for="that-id".';
  setStatus('copy-status', '');
}

async function copySnippet() {
  const text = $('snippet').textContent ?? '';
  try {
    await navigator.clipboard.writeText(text);
    setStatus('copy-status', 'Copied.');
  } catch {
    const range = document.createRange();
    range.selectNodeContents($('snippet'));
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    setStatus('copy-status', 'Selected: press Ctrl+C (⌘C) to copy.');
  }
}

// ----- step 4: the preview -----

const PREVIEW_CSS = `
:host { display: block; }
.frame { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1.25rem; align-items: start; }
form { border: 1px dashed var(--border, #c9d1d9); border-radius: 8px; padding: 0.75rem 1rem; min-width: 0; }
form label, form legend { font-weight: 600; }
form input:not([type="checkbox"]):not([type="radio"]), form select, form textarea { display: block; font: inherit; width: 100%; max-width: 32rem; margin: 0.2rem 0 0.6rem; padding: 0.35rem 0.5rem; box-sizing: border-box; }
form fieldset label { display: block; font-weight: normal; }
form fieldset { border: 0; padding: 0; margin: 0 0 0.6rem; }
@media (max-width: 60rem) { .frame { grid-template-columns: minmax(0, 1fr); } }
`;

let previewRoot = null;
let previewSheet = null;

function drawPreview({ rebuild }) {
  $('preview-step').hidden = !state.form;
  if (!state.form) {
    previewRoot?.replaceChildren();
    return;
  }
  if (!previewRoot) {
    previewRoot = $('preview').attachShadow({ mode: 'open' });
    previewSheet = new CSSStyleSheet();
    previewSheet.replaceSync(PREVIEW_CSS);
    previewRoot.adoptedStyleSheets = [previewSheet];
  }
  let check = previewRoot.querySelector('yesif-check');
  if (rebuild || !check) {
    const form = /** @type {HTMLFormElement} */ (state.form.cloneNode(true));
    form.id ||= 'your-form';
    form.addEventListener('submit', (event) => event.preventDefault());
    check = document.createElement('yesif-check');
    check.setAttribute('for', form.id);
    previewRoot.replaceChildren(el('div', { class: 'frame' }, form, check));
  }
  const { fieldMap, valueMap } = attributes();
  const rules = new URL(/** @type {HTMLInputElement} */ ($('rules-input')).value.trim(), location.href).href;
  if (check.getAttribute('rules') !== rules) check.setAttribute('rules', rules);
  for (const [name, value] of [['field-map', fieldMap], ['value-map', valueMap]]) {
    if (value) check.setAttribute(name, value);
    else check.removeAttribute(name);
  }
}

// ----- wiring -----

function wire() {
  let queued = 0;
  $('html-input').addEventListener('input', () => {
    cancelAnimationFrame(queued);
    queued = requestAnimationFrame(analyse);
  });
  $('url-open').addEventListener('click', openUrl);
  $('url-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') openUrl();
  });
  $('rules-input').addEventListener('change', async () => {
    if (await loadRuleFields()) analyse();
  });
  $('base-input').addEventListener('input', drawSnippet);
  $('copy').addEventListener('click', copySnippet);
}

async function start() {
  wire();
  if (await loadRuleFields()) analyse();
  document.documentElement.dataset.ready = 'true';
}

start();
