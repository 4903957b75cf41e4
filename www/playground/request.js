// The request panel: the request the rules are tried on, edited as the form the rules'
// declared fields generate, or as raw JSON; a picker that loads any test case; and `today`.
// It owns the request object and reports every change through `onChange(request, today)`.

import { h, byId, replace } from './dom.js';

export class RequestPanel {
  constructor({ onChange }) {
    this.onChange = onChange;
    this.request = {};
    this.fields = [];
    this.fieldsKey = '';
    this.cases = [];
    this.form = byId('request-form');
    this.jsonWrap = byId('request-json-wrap');
    this.json = byId('request-json');
    this.jsonError = byId('request-json-error');
    this.todayInput = byId('today');
    this.picker = byId('case-picker');

    this.form.addEventListener('input', (e) => this.readControl(e.target));
    this.form.addEventListener('change', (e) => this.readControl(e.target));
    this.form.addEventListener('submit', (e) => e.preventDefault());
    this.json.addEventListener('input', () => this.readJson());
    this.todayInput.addEventListener('change', () => {
      if (this.todayInput.value) this.changed();
    });
    for (const radio of document.querySelectorAll('input[name="request-view"]')) {
      radio.addEventListener('change', () => this.showView(radio.value));
    }
    this.picker.addEventListener('change', () => this.loadCase(this.picker.value));
  }

  get today() {
    return this.todayInput.value;
  }

  /** Replaces the request (and `today`, if given) without reporting a change. */
  set(request, today) {
    this.request = request && typeof request === 'object' && !Array.isArray(request) ? request : {};
    if (today) this.todayInput.value = today;
    this.fillForm();
    this.json.value = JSON.stringify(this.request, null, 2);
    this.jsonError.textContent = '';
    this.json.removeAttribute('aria-invalid');
  }

  /**
   * Loads test case `index` (a number, or the picker's value) into the request with its
   * `today`, shows it in the picker and reports the change. Returns the case, or undefined
   * (and changes nothing) if there is no such case.
   */
  loadCase(index) {
    // The picker's "Choose a test case…" entry has the value "", which is no case (not case 0).
    const c = index === '' ? undefined : this.cases[Number(index)];
    if (!c) return undefined;
    this.set(structuredClone(c.request ?? {}), c.today);
    this.picker.value = String(index);
    this.changed({ keepPicker: true });
    return c;
  }

  changed({ keepPicker = false } = {}) {
    if (!keepPicker) this.picker.value = '';
    this.onChange?.(this.request, this.today);
  }

  showView(view) {
    const json = view === 'json';
    if (json) this.json.value = JSON.stringify(this.request, null, 2);
    else this.fillForm();
    this.jsonWrap.hidden = !json;
    this.form.hidden = json;
  }

  /** Lists the test cases in the picker. */
  setCases(cases) {
    this.cases = Array.isArray(cases) ? cases : [];
    replace(
      this.picker,
      h('option', { value: '', text: this.cases.length ? 'Choose a test case…' : 'No test cases' }),
      this.cases.map((c, i) => h('option', { value: String(i), text: String(c?.name ?? `case ${i + 1}`) })),
    );
  }

  /** Rebuilds the form when the rules declare different fields; keeps it (and focus) otherwise. */
  setFields(fields) {
    const key = JSON.stringify(fields ?? []);
    if (key === this.fieldsKey) return;
    this.fieldsKey = key;
    this.fields = fields ?? [];
    replace(
      this.form,
      this.fields.length ? this.fields.map((f) => control(f)) : h('p', { class: 'muted', text: 'The rules declare no fields yet.' }),
    );
    this.fillForm();
  }

  /** Marks fields the engine rejected, with its message; clears the marks with an empty list. */
  setFieldProblems(problems) {
    for (const el of this.form.querySelectorAll('.field-problem')) el.remove();
    for (const el of this.form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const p of problems) {
      const wrap = this.form.querySelector(`[data-field="${CSS.escape(p.field)}"]`);
      if (!wrap) continue;
      wrap.append(h('p', { class: 'field-problem error-text', text: p.message }));
      for (const c of wrap.querySelectorAll('input, select, textarea')) c.setAttribute('aria-invalid', 'true');
    }
  }

  fillForm() {
    for (const field of this.fields) {
      const value = this.request[field.id];
      const wrap = this.form.querySelector(`[data-field="${CSS.escape(field.id)}"]`);
      if (!wrap) continue;
      if (field.type === 'checkboxes') {
        const ticked = new Set(Array.isArray(value) ? value.map(String) : []);
        for (const box of wrap.querySelectorAll('input[type=checkbox]')) box.checked = ticked.has(box.value);
      } else if (field.type === 'radio') {
        for (const r of wrap.querySelectorAll('input[type=radio]')) r.checked = r.value === (value == null ? '' : String(value));
      } else {
        const c = wrap.querySelector('input, select, textarea');
        const text = value == null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
        if (c && c.value !== text) c.value = text;
      }
    }
  }

  readControl(control) {
    const wrap = control.closest('[data-field]');
    if (!wrap) return;
    const field = this.fields.find((f) => f.id === wrap.dataset.field);
    if (!field) return;
    let value;
    if (field.type === 'checkboxes') {
      value = [...wrap.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);
      if (!value.length) value = undefined;
    } else if (field.type === 'radio') {
      value = wrap.querySelector('input[type=radio]:checked')?.value || undefined;
    } else if (field.type === 'number') {
      const text = control.value.trim();
      value = text === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text;
    } else {
      value = control.value === '' ? undefined : control.value;
    }
    if (value === undefined) delete this.request[field.id];
    else this.request[field.id] = value;
    this.changed();
  }

  readJson() {
    let value;
    try {
      value = JSON.parse(this.json.value);
    } catch (e) {
      return this.jsonProblem(`Not valid JSON yet: ${e.message}`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return this.jsonProblem('The request must be a JSON object, like {"field_id": "answer"}.');
    }
    this.jsonError.textContent = '';
    this.json.removeAttribute('aria-invalid');
    this.request = value;
    this.changed();
  }

  jsonProblem(message) {
    this.jsonError.textContent = message;
    this.json.setAttribute('aria-invalid', 'true');
  }
}

/** One form control for a declared field, labelled, with its help text. */
function control(field) {
  const id = `rq-${field.id}`;
  const helpId = field.help ? `${id}-help` : undefined;
  const label = `${field.label}${field.required ? ' *' : ''}`;
  const help = field.help ? h('p', { class: 'help', id: helpId, text: field.help }) : null;
  const idNote = h('code', { class: 'field-id', text: field.id });
  const common = { id, name: field.id, 'aria-describedby': helpId, placeholder: field.placeholder };
  const options = Array.isArray(field.options) ? field.options : [];

  if (field.type === 'radio' || field.type === 'checkboxes') {
    const type = field.type === 'radio' ? 'radio' : 'checkbox';
    const choices = (type === 'radio' ? [{ value: '', label: '(no answer)' }, ...options] : options).map((o, i) =>
      h('label', { class: 'choice' }, h('input', { type, name: field.id, value: o.value, id: `${id}-${i}` }), ` ${o.label}`),
    );
    return h('fieldset', { class: 'field', 'data-field': field.id, 'aria-describedby': helpId }, h('legend', {}, label, ' ', idNote), choices, help);
  }

  let input;
  if (field.type === 'textarea') input = h('textarea', { ...common, rows: 3 });
  else if (field.type === 'select') {
    input = h('select', common, h('option', { value: '', text: '(no answer)' }), options.map((o) => h('option', { value: o.value, text: o.label })));
  } else {
    const type = { email: 'email', number: 'text', date: 'date' }[field.type] ?? 'text';
    input = h('input', { ...common, type, inputmode: field.type === 'number' ? 'decimal' : undefined });
  }
  return h('div', { class: 'field', 'data-field': field.id }, h('label', { for: id }, label, ' ', idNote), input, help);
}
