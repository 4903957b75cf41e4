// <yesif-check>: scores the training request in a form while the requester types, and shows
// the tier, the gaps with L&D's consulting questions, and the "Yes, if…" conditions.
//
// Importing this module does not define the element; `www/yesif-check.js` does (or call
// `YesifCheckElement.define()` with your own tag or registry).
//
// Attributes (the API; each has a property of the same name in camelCase):
//   rules          URL of the .rhai rule file, relative to the page
//   for            id of the form to score; default: the enclosing <form>
//   today          evaluation date, YYYY-MM-DD; default: the requester's local date
//   field-map      rule_field=host_field pairs, comma-separated, for forms with other names
//   value-map      host option values the rules' options do not match by value or label:
//                  `field: host value=option; host value=option; field2: …`
//   submit-fields  prefix of the hidden inputs written into the form; default "yesif_"
// Events (bubbling, composed): `yesif-score` (detail: the report) after every scoring,
// `yesif-error` (detail: {stage, message, diagnostics}) when rules cannot load or run, and
// `yesif-focus` (cancelable; detail: {field, control}) before a gap's link focuses its field.

import { loadRules } from './engine.js';
import { focusTarget, isIsoDate, parseFieldMap, readRequest, submissionValues, syncHiddenInputs } from './form.js';
import { answerableNames, askedFields, checkMapping, optionTables, parseValueMap } from './mapping.js';
import { styleSheet } from './styles.js';
import { createView } from './view.js';

/**
 * @typedef {import('../pkg/yesif.js').Report} Report
 * @typedef {import('../pkg/yesif.js').Field} Field
 * @typedef {import('../pkg/yesif.js').RulesInfo} RulesInfo
 * @typedef {import('./engine.js').LoadedRules} LoadedRules
 * @typedef {import('./engine.js').WidgetDiagnostic} WidgetDiagnostic
 * @typedef {'pending' | 'scored' | 'unavailable'} YesifStatus
 * @typedef {import('./engine.js').LoadStage | 'score' | 'form'} YesifErrorStage
 * @typedef {{stage: YesifErrorStage, message: string, diagnostics: WidgetDiagnostic[]}} YesifErrorDetail
 * @typedef {{field: string, control: HTMLElement}} YesifFocusDetail
 */

const NOTICE = {
  fetch: 'Instant feedback is not available right now. You can still fill in and send your request as usual.',
  compile: 'Instant feedback is not available right now. You can still fill in and send your request as usual.',
  engine: 'Instant feedback is not available in this browser. You can still fill in and send your request as usual.',
  score: 'We could not check this request just now. Keep going: you can still send it as usual.',
  form: 'Instant feedback is not connected to a form on this page.',
};
let instances = 0;

export class YesifCheckElement extends HTMLElement {
  static observedAttributes = ['rules', 'for', 'today', 'field-map', 'value-map', 'submit-fields'];

  /** Defines the element as `tag` (default `yesif-check`) in `registry`, once. */
  static define(tag = 'yesif-check', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  #owner = `yesif-check-${++instances}`;
  /** @type {ReturnType<typeof createView>} */
  #view;
  /** @type {AbortController | null} the listeners on the form */
  #listening = null;
  /** @type {HTMLFormElement | null} */
  #form = null;
  /** @type {LoadedRules | null} */
  #loaded = null;
  #loadToken = 0;
  /** @type {Report | null} */
  #report = null;
  /** @type {Record<string, unknown> | null} */
  #request = null;
  /** @type {string[]} */
  #asked = [];
  /** @type {YesifStatus} */
  #status = 'pending';
  #pending = { rules: true, form: true, score: true, setup: false };
  #updateQueued = false;
  #frame = 0;
  #dirty = false;
  #lastError = '';
  /** @type {Set<string>} the setup problems warned about, while they last */
  #warnedSetup = new Set();
  /** @type {Set<string>} `field\0value` of each host value that maps to no option, warned once */
  #warnedValues = new Set();
  /** whether an engine trap has been reported (it is, once) */
  #trapReported = false;
  /** what the shown report was scored from (answers, unreadable fields, date) */
  #scoredFrom = '';
  /** @type {{map: Map<string, string>, problems: string[]}} the parsed field-map, parsed when it changes */
  #mapping = parseFieldMap(null);
  /** @type {ReturnType<typeof parseValueMap>} the parsed value-map */
  #valueMapping = parseValueMap(null);
  /** @type {Map<string, Map<string, string>> | null} host value → option, per field; null when stale */
  #tables = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styleSheet()];
    this.#view = createView(root, {
      onFocusField: (id) => this.focusField(id),
      canFocus: (id) => Boolean(this.#control(id, false)),
    });
  }

  // ----- attributes as typed properties -----

  /** URL of the rule file. */
  get rules() {
    return this.getAttribute('rules') ?? '';
  }
  /** @param {string} value */
  set rules(value) {
    this.setAttribute('rules', value);
  }

  /** Id of the form to score; empty means the enclosing form. */
  get htmlFor() {
    return this.getAttribute('for') ?? '';
  }
  /** @param {string} value */
  set htmlFor(value) {
    if (value) this.setAttribute('for', value);
    else this.removeAttribute('for');
  }

  /** Evaluation date (`YYYY-MM-DD`), or '' for the local date. */
  get today() {
    const value = this.getAttribute('today') ?? '';
    return isIsoDate(value) ? value : '';
  }
  /** @param {string} value */
  set today(value) {
    if (value) this.setAttribute('today', value);
    else this.removeAttribute('today');
  }

  /**
   * The field map as a `Map` of rule field id → host field name. Set a string or an object.
   * @returns {Map<string, string>}
   */
  get fieldMap() {
    return new Map(this.#mapping.map);
  }

  /** The name of a rule field's control in the host form: its `field-map` name, or its id. */
  #hostName(id) {
    return this.#mapping.map.get(id) ?? id;
  }

  /** The control that holds a rule field's answer, or null (see `focusTarget`). */
  #control(id, visibleOnly = true) {
    return this.#form && focusTarget(this.#form, this.#hostName(id), { visibleOnly });
  }
  /** @param {string | Map<string, string> | Record<string, string> | null} value */
  set fieldMap(value) {
    const text = typeof value === 'string'
      ? value
      : Object.entries(value instanceof Map ? Object.fromEntries(value) : value ?? {}).map(([r, h]) => `${r}=${h}`).join(',');
    if (text) this.setAttribute('field-map', text);
    else this.removeAttribute('field-map');
  }

  /**
   * Host option values mapped to the rules' options, for values that match no option's value or
   * label: `barriers: Don't know how=knowledge; Tools=tools; business_unit: Vertrieb=Sales`.
   */
  get valueMap() {
    return this.getAttribute('value-map') ?? '';
  }
  /** @param {string} value */
  set valueMap(value) {
    if (value) this.setAttribute('value-map', value);
    else this.removeAttribute('value-map');
  }

  /** Prefix of the hidden inputs written into the form. */
  get submitFields() {
    return this.getAttribute('submit-fields') || 'yesif_';
  }
  /** @param {string} value */
  set submitFields(value) {
    if (value) this.setAttribute('submit-fields', value);
    else this.removeAttribute('submit-fields');
  }

  // ----- read-only state -----

  /** The form being scored, or null. */
  get form() {
    return this.#form;
  }
  /** The last report, or null before the first score and after a failure. */
  get report() {
    return this.#report;
  }
  /**
   * The fields the rules declare (`[]` until they load).
   * @returns {Field[]}
   */
  get fields() {
    return this.#loaded?.fields ?? [];
  }
  /**
   * The rules' `{name, version, hash}`, or null until they load.
   * @returns {RulesInfo | null}
   */
  get rulesInfo() {
    return this.#loaded?.info ?? null;
  }
  /**
   * The request as last scored, read from the form (mapped names and option values), or null.
   * @returns {Record<string, unknown> | null}
   */
  get request() {
    return this.#request && structuredClone(this.#request);
  }
  /**
   * The ids of the rule fields the form offers, as last scored (`asked`); the others' gaps are
   * L&D's follow-up questions.
   * @returns {string[]}
   */
  get asked() {
    return [...this.#asked];
  }
  /** `pending`, `scored` or `unavailable`. */
  get status() {
    return this.#status;
  }

  /** Scores again soon: call after changing the form's values from script. */
  refresh() {
    this.#requestScore();
  }

  /**
   * Moves focus to the control of a rule field; returns false if there is none. Fires a
   * cancelable `yesif-focus` (detail: {field, control}) first, so a host can open the section,
   * tab or disclosure that holds the field, or take over.
   * @param {string} id
   * @returns {boolean}
   */
  focusField(id) {
    const control = this.#control(id, false);
    if (!control) return false;
    const proceed = this.dispatchEvent(new CustomEvent('yesif-focus', { detail: { field: id, control }, bubbles: true, composed: true, cancelable: true }));
    if (!proceed) return true;
    const target = this.#control(id);
    if (!target) return false;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'center' });
    return true;
  }

  // ----- lifecycle -----

  connectedCallback() {
    this.#pending.rules ||= !this.#loaded;
    this.#pending.form = true;
    this.#pending.score = true;
    this.#queueUpdate();
  }

  disconnectedCallback() {
    this.#unbind();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#dirty = false;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'rules') this.#pending.rules = true;
    else if (name === 'for') this.#pending.form = true;
    else if (name === 'submit-fields') {
      // The inputs under the old prefix go and the same values come back under the new one.
      this.#writeHidden();
      return;
    } else {
      // Parsed here, once per change, since scoring reads the map on every keystroke.
      if (name === 'field-map') this.#mapping = parseFieldMap(newValue);
      if (name === 'value-map') this.#valueMapping = parseValueMap(newValue);
      this.#tables = null;
      this.#pending.score = true;
      this.#pending.setup = true;
    }
    this.#queueUpdate();
  }

  /** Batches attribute changes and connection into one update, in a microtask. */
  #queueUpdate() {
    if (this.#updateQueued) return;
    this.#updateQueued = true;
    queueMicrotask(() => {
      this.#updateQueued = false;
      if (this.isConnected) this.#update();
    });
  }

  #update() {
    const pending = this.#pending;
    this.#pending = { rules: false, form: false, score: false, setup: false };
    if (pending.form) this.#bind();
    else if (pending.setup) this.#scheduleSetupCheck();
    if (pending.rules) this.#load();
    else if (pending.score) this.#requestScore();
  }

  #bind() {
    this.#unbind();
    const id = this.htmlFor;
    const root = this.getRootNode();
    const scope = root instanceof Document || root instanceof ShadowRoot ? root : document;
    const form = id ? scope.getElementById(id) ?? document.getElementById(id) : this.closest('form');
    if (!(form instanceof HTMLFormElement)) {
      if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', () => this.isConnected && (this.#pending.form = true, this.#queueUpdate()), { once: true });
        return;
      }
      this.#fail('form', id ? `no <form id="${id}"> was found for <yesif-check for="${id}">` : '<yesif-check> is not inside a <form> and has no for attribute', []);
      return;
    }
    this.#form = form;
    const listening = new AbortController();
    this.#listening = listening;
    const options = { signal: listening.signal };
    const onEdit = (event) => {
      // Our own hidden inputs never fire input events; anything else in the form may matter.
      if (event.target?.dataset?.yesifOwner) return;
      this.#requestScore();
    };
    form.addEventListener('input', onEdit, options);
    form.addEventListener('change', onEdit, options);
    // A reset restores values after its event, so score on the next frame.
    form.addEventListener('reset', () => requestAnimationFrame(() => this.#requestScore()), options);
    // Every way of submitting (a button, requestSubmit, submit(), new FormData) builds the data
    // through this event: bring a pending score up to date and put the report in it. Never
    // prevents anything.
    form.addEventListener('formdata', (event) => {
      try {
        if (this.#dirty) this.#scoreNow();
      } catch (error) {
        // Nothing the widget does may stop the form from being sent.
        console.error('<yesif-check>: scoring before submit failed', error);
      }
      const prefix = this.submitFields;
      for (const [key, value] of Object.entries(submissionValues(this.#report, this.#status))) {
        event.formData.set(prefix + key, value);
      }
    }, options);
    if (this.#loaded) {
      this.#scheduleSetupCheck();
      this.#requestScore();
    }
  }

  #unbind() {
    this.#listening?.abort();
    this.#listening = null;
    if (this.#form) syncHiddenInputs(this.#form, this.#owner);
    this.#form = null;
    // The hidden fields are gone: the next score must run in full and write them again.
    this.#scoredFrom = '';
  }

  async #load() {
    const token = ++this.#loadToken;
    const url = this.rules;
    this.#loaded = null;
    this.#report = null;
    this.#request = null;
    this.#status = 'pending';
    this.#view.loading();
    // Until the new rules score, the form must not carry the old rules' report.
    this.#writeHidden();
    if (!url) {
      this.#fail('fetch', '<yesif-check> has no rules attribute', []);
      return;
    }
    try {
      const loaded = await loadRules(url);
      if (token !== this.#loadToken || !this.isConnected) return;
      this.#loaded = loaded;
      this.#tables = null;
      this.#view.setFields(loaded.fields);
      this.#lastError = '';
      this.#scheduleSetupCheck();
      this.#requestScore();
    } catch (error) {
      if (token !== this.#loadToken) return;
      this.#fail(error.stage ?? 'engine', error.message ?? String(error), error.diagnostics ?? []);
    }
  }

  /**
   * Checks the setup in a later task: a page that builds its form from the same rules (the
   * demo does) builds it as the rules arrive, in the same task as the widget gets them.
   */
  #scheduleSetupCheck() {
    setTimeout(() => this.isConnected && this.#checkSetup(), 0);
  }

  /**
   * Tells whoever embeds the widget what will not work as they may expect, one `console.warn`
   * per mistake, each once while it lasts: a malformed `field-map` or `value-map` entry, one that
   * names a field the rules do not declare, a control the form lacks or an option the field does
   * not have (with the nearest name), and a `today` that is not a date. Rule fields the form
   * does not offer are not mistakes: they become L&D's follow-up questions (one `console.info`).
   */
  #checkSetup() {
    const form = this.#form;
    if (!form || !this.#loaded) return;
    const fields = this.#loaded.fields;
    const names = answerableNames(form);
    const { problems } = checkMapping(fields, this.#mapping.map, this.#valueMapping.entries, names);
    problems.unshift(...this.#mapping.problems, ...this.#valueMapping.problems);
    const today = this.getAttribute('today');
    if (today && !this.today) problems.push(`today="${today}" is not a YYYY-MM-DD date; using the local date`);
    const warned = this.#warnedSetup;
    this.#warnedSetup = new Set(problems);
    for (const problem of problems) if (!warned.has(problem)) console.warn(`<yesif-check>: ${problem}`);
    const asked = new Set(askedFields(fields, this.#mapping.map, names));
    const later = fields.filter((f) => !asked.has(f.id)).map((f) => f.id);
    const key = `info:${later.join(',')}`;
    if (later.length && !warned.has(key)) {
      console.info(`<yesif-check>: the form does not ask ${later.join(', ')}; gaps on them are listed as questions L&D will ask later (field-map maps other names)`);
    }
    if (later.length) this.#warnedSetup.add(key);
  }

  /** The option tables for the current rules, `field-map` and `value-map`. */
  #optionTables(fields) {
    this.#tables ??= optionTables(fields, checkMapping(fields, this.#mapping.map, this.#valueMapping.entries, new Set()).entries);
    return this.#tables;
  }

  /**
   * Scores now if nothing was scored in this animation frame, else once at the next frame:
   * the first keystroke of a frame is answered at once, and a burst costs one score per frame.
   */
  #requestScore() {
    if (!this.#loaded || !this.#form) return;
    if (this.#frame) {
      this.#dirty = true;
      return;
    }
    this.#scoreNow();
    this.#frame = requestAnimationFrame(this.#onFrame);
  }

  #onFrame = () => {
    this.#frame = 0;
    if (!this.#dirty) return;
    this.#scoreNow();
    this.#frame = requestAnimationFrame(this.#onFrame);
  };

  #scoreNow() {
    this.#dirty = false;
    const loaded = this.#loaded;
    if (!loaded || !this.#form) return;
    const fields = loaded.fields;
    const { request, unreadable, unmapped } = readRequest(this.#form, fields, this.#mapping.map, this.#optionTables(fields));
    for (const { field, value } of unmapped) this.#warnUnmapped(field, value);
    const asked = askedFields(fields, this.#mapping.map, answerableNames(this.#form));
    const today = this.today;
    // An event that leaves the answers as they were — a checkbox or a select fires `input` and
    // then `change`, a text box fires `change` when it is left — does not score them again.
    const from = JSON.stringify([request, unreadable, asked, today || new Date().toDateString()]);
    if (this.#status === 'scored' && from === this.#scoredFrom) return;
    /** @type {{today?: string, asked: string[]}} */
    const options = today ? { today, asked } : { asked };
    const traps = loaded.rules.trapCount;
    let result = score(loaded.rules, request, options);
    // A value the rules cannot read (too long, say) costs that field, not the whole report.
    const bad = result.type === 'failure' && inputProblems(result.diagnostics);
    if (bad) {
      for (const id of bad) delete request[id];
      unreadable.push(...bad);
      result = score(loaded.rules, request, options);
    }
    // The engine trapped and was restarted (recover.js): say so once, then carry on.
    if (loaded.rules.trapCount !== traps) this.#engineTrapped(loaded.rules.lastTrap);
    if (result.type !== 'success') {
      // A request that traps again on the fresh engine was reported just now (or before).
      const announce = !result.trap;
      this.#fail('score', 'a rule failed while scoring this request', result.diagnostics ?? [], { announce });
      return;
    }
    this.#report = result.report;
    this.#request = request;
    this.#asked = asked;
    this.#status = 'scored';
    this.#scoredFrom = from;
    this.#lastError = '';
    if (Object.keys(request).length === 0 && unreadable.length === 0) this.#view.start(result.report);
    else this.#view.render(result.report, { unreadable });
    this.#writeHidden();
    this.dispatchEvent(new CustomEvent('yesif-score', { detail: result.report, bubbles: true, composed: true }));
  }

  /** Warns, once per field and value, that a host value maps to no option and is left out. */
  #warnUnmapped(id, value) {
    const key = `${id}\u0000${value}`;
    if (this.#warnedValues.has(key)) return;
    this.#warnedValues.add(key);
    const field = this.#loaded?.fields.find((f) => f.id === id);
    const host = this.#hostName(id);
    const options = field?.options.map((o) => o.value).join(', ') ?? '';
    console.warn(`<yesif-check>: the form's ${host === id ? '' : `"${host}" `}answer "${value}" for ${id} matches none of its options (${options}) and is left out; map it with value-map="${id}: ${value}=…"`);
  }

  #writeHidden() {
    if (this.#form) syncHiddenInputs(this.#form, this.#owner, this.submitFields, submissionValues(this.#report, this.#status));
  }

  /** Shows the polite notice for `stage`, clears the report, and (unless `announce` is false) reports the error. */
  #fail(stage, message, diagnostics, { announce = true } = {}) {
    this.#report = null;
    this.#status = 'unavailable';
    this.#view.notice(NOTICE[stage] ?? NOTICE.score);
    this.#writeHidden();
    if (announce) this.#announce(stage, message, diagnostics);
  }

  /** Logs an error (once while it stays the same) and fires `yesif-error`. */
  #announce(stage, message, diagnostics) {
    const key = `${stage}:${message}:${JSON.stringify(diagnostics)}`;
    if (key !== this.#lastError) {
      this.#lastError = key;
      console.error(`<yesif-check>: ${message}`, diagnostics);
    }
    this.dispatchEvent(new CustomEvent('yesif-error', { detail: { stage, message, diagnostics }, bubbles: true, composed: true }));
  }

  /** Reports, the first time only, that the engine trapped and was restarted. */
  #engineTrapped(error) {
    if (this.#trapReported) return;
    this.#trapReported = true;
    this.#announce('engine', 'the scoring engine failed and was restarted', [{ kind: 'engine', message: String(error?.message ?? error) }]);
  }
}

function score(rules, request, options) {
  try {
    return rules.score(request, options);
  } catch (error) {
    // The engine trapped twice in a row (recover.js), or misuse: this request goes unscored.
    const diagnostics = error?.diagnostics ?? [{ kind: error?.trap ? 'engine' : 'runtime', message: String(error?.message ?? error) }];
    return { type: 'failure', trap: Boolean(error?.trap), diagnostics };
  }
}

/** The field ids of a failure that is only about request values, or null. */
function inputProblems(diagnostics) {
  if (!diagnostics?.length || !diagnostics.every((d) => d.kind === 'input' && d.field && d.field !== 'today')) return null;
  return [...new Set(diagnostics.map((d) => d.field))];
}
