// Reading a host form as the typed request the rules score, and writing the hidden inputs that
// carry the report on submit. Nothing here changes a control the user can see or type into.

import { normalize } from './mapping.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDate(text) {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Per locale: `{decimal, pattern}`, its decimal separator and the pattern of a number written in it. */
const numberFormats = new Map();

function numberFormat(locale) {
  let format = numberFormats.get(locale);
  if (!format) {
    let decimal = '.';
    let group = ',';
    try {
      const parts = new Intl.NumberFormat(locale).formatToParts(1234.5);
      decimal = parts.find((p) => p.type === 'decimal')?.value ?? decimal;
      group = parts.find((p) => p.type === 'group')?.value ?? group;
    } catch {
      // An unknown or malformed lang tag: read numbers as in English.
    }
    // Spaces (plain, no-break and narrow no-break) group thousands in every locale; so do `_`
    // and the locale's own separator (either apostrophe where it is one: Swiss 1'234 or 1’234),
    // unless that is its decimal separator.
    const apostrophes = group === "'" || group === '\u2019' ? ["'", '\u2019'] : [];
    const groups = new Set([group, ...apostrophes, ' ', '\u00a0', '\u202f', '_']);
    groups.delete(decimal);
    const grouping = [...groups].map(escapeRegExp).join('|');
    // sign, then digits or 1-3 digits and groups of 3 behind one separator, then the fraction
    const pattern = new RegExp(`^([-+]?)(\\d+|\\d{1,3}(${grouping})\\d{3}(?:\\3\\d{3})*)?(?:${escapeRegExp(decimal)}(\\d*))?$`, 'u');
    format = { decimal, pattern };
    numberFormats.set(locale, format);
  }
  return format;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads `text` as a number written the way `locale` writes them, or returns NaN: an optional
 * sign, digits, thousands separators only between groups of three (and the same separator
 * throughout), and one decimal separator. `1,200`, `1 200`, `1200.5`, `5.` and `-3` are numbers in
 * English; `1,,,`, `1,2`, `12,00`, `1.2.3`, `1,200 300` and `1e3` are not. With `locale` "de",
 * `1.200,5` is 1200.5. The locale is the form's `lang` (see `readRequest`); a plain value (an
 * `<input type="number">` gives one) is read with `locale` "en".
 * @param {string} text
 * @param {string} [locale]
 * @returns {number}
 */
export function parseNumber(text, locale = 'en') {
  const m = numberFormat(locale).pattern.exec(text.trim());
  if (!m || (m[2] === undefined && !m[4])) return NaN;
  const whole = (m[2] ?? '0').replace(/\D/g, '');
  return Number(`${m[1]}${whole}.${m[4] || '0'}`);
}

/**
 * Parses a `field-map` attribute: comma-separated `rule_field=host_field` pairs. Blank and
 * malformed pairs are ignored (and reported in `problems`) so a typo never stops scoring.
 */
export function parseFieldMap(text) {
  const map = new Map();
  const problems = [];
  for (const pair of (text ?? '').split(',')) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    const rule = pair.slice(0, eq).trim();
    const host = pair.slice(eq + 1).trim();
    if (eq < 0 || !rule || !host) problems.push(`"${pair.trim()}" is not a rule_field=host_field pair`);
    else map.set(rule, host);
  }
  return { map, problems };
}

/** The form controls named `name` in `form`, as an array (radio and checkbox groups have many). */
export function controlsNamed(form, name) {
  const item = form.elements.namedItem(name);
  if (!item) return [];
  // A RadioNodeList (several controls share the name) is array-like; a single control is not.
  return typeof item.length === 'number' && !(item instanceof HTMLSelectElement) ? [...item] : [item];
}

/**
 * Reads one value per declared field from `form`, typed as the field's declared type:
 * strings, numbers, `YYYY-MM-DD` dates, lists for checkbox groups and multi-selects, one
 * string for radio groups. Unanswered fields, numbers that are not numbers yet and dates that
 * are not complete are left out, as the engine expects; `unreadable` lists those skipped
 * because of what was typed (so the widget can say so without rejecting the whole request).
 * A field with options (`tables`, from mapping.js's `optionTables`) gets the option each host
 * value maps to; a host value that maps to none is left out and listed in `unmapped`.
 * @param {HTMLFormElement} form
 * @param {import('../pkg/yesif.js').Field[]} fields
 * @param {Map<string, string>} fieldMap
 * @param {Map<string, Map<string, string>>} [tables]
 * @returns {{request: Record<string, unknown>, unreadable: string[], unmapped: {field: string, value: string}[]}}
 */
export function readRequest(form, fields, fieldMap, tables = new Map()) {
  /** @type {Record<string, unknown>} */
  const request = {};
  const unreadable = [];
  const unmapped = [];
  const locale = form.closest('[lang]')?.getAttribute('lang') || 'en';
  for (const field of fields) {
    const controls = controlsNamed(form, fieldMap.get(field.id) ?? field.id).filter(
      (c) => !c.disabled && c.type !== 'submit' && c.type !== 'button' && c.type !== 'reset' && c.type !== 'file',
    );
    if (controls.length === 0) continue;
    let value = readValue(field.type, controls, locale);
    const table = tables.get(field.id);
    if (table && value !== undefined && value !== INVALID) value = mapOptions(field.id, value, table, unmapped);
    if (value === undefined) continue;
    if (value === INVALID) {
      unreadable.push(field.id);
      continue;
    }
    request[field.id] = value;
  }
  return { request, unreadable, unmapped };
}

/** `value` (a string or a list) as the rule options it maps to; what maps to none goes to `unmapped`. */
function mapOptions(id, value, table, unmapped) {
  const one = (v) => {
    const option = table.get(normalize(v));
    if (option === undefined) unmapped.push({ field: id, value: v });
    return option;
  };
  if (!Array.isArray(value)) return one(value);
  const list = [...new Set(value.map(one).filter((v) => v !== undefined))];
  return list.length ? list : undefined;
}

const INVALID = Symbol('invalid');

function readValue(type, controls, locale) {
  const values = rawValues(controls);
  if (type === 'checkboxes') {
    const list = values.map((v) => v.trim()).filter(Boolean);
    return list.length ? list : undefined;
  }
  const text = (values[0] ?? '').trim();
  if (!text) return undefined;
  if (type === 'number') {
    // An <input type="number"> gives its value without the locale's separators.
    const n = parseNumber(text, controls[0].type === 'number' ? 'en' : locale);
    return Number.isFinite(n) ? n : INVALID;
  }
  if (type === 'date') return isIsoDate(text) ? text : INVALID;
  return text;
}

/** The values a set of same-named controls would submit, in document order. */
function rawValues(controls) {
  const out = [];
  for (const c of controls) {
    if (c instanceof HTMLSelectElement) {
      for (const option of c.selectedOptions) out.push(option.value);
    } else if (c.type === 'checkbox' || c.type === 'radio') {
      if (c.checked) out.push(c.value);
    } else if ('value' in c) {
      out.push(String(c.value));
    }
  }
  return out;
}

/**
 * The control to focus for a field: the checked (or first) radio or checkbox of a group, or the
 * control itself. Skips hidden inputs, disabled controls and, unless `visibleOnly` is false,
 * controls that are not rendered (inside a `hidden` section, say).
 */
export function focusTarget(form, name, { visibleOnly = true } = {}) {
  const controls = controlsNamed(form, name).filter(
    (c) => c.type !== 'hidden' && !c.disabled && (!visibleOnly || c.getClientRects().length > 0),
  );
  return controls.find((c) => c.checked) ?? controls[0] ?? null;
}

/**
 * Keeps one hidden input per entry of `values` in `form`, named `prefix + key`, and removes the
 * ones it wrote before that are no longer wanted (all of them, for no `values`). Only inputs
 * carrying this widget's `data-yesif-owner` (`yesif-check-N`, no quoting needed) are touched.
 */
export function syncHiddenInputs(form, owner, prefix = '', values = {}) {
  const mine = new Map();
  for (const input of form.querySelectorAll(`input[type="hidden"][data-yesif-owner="${owner}"]`)) {
    mine.set(input.name, input);
  }
  for (const [key, value] of Object.entries(values)) {
    const name = prefix + key;
    let input = mine.get(name);
    if (input) mine.delete(name);
    else {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.dataset.yesifOwner = owner;
      form.append(input);
    }
    if (input.value !== value) input.value = value;
  }
  for (const stale of mine.values()) stale.remove();
}

/** The hidden values that carry a report (or its absence) to whoever receives the form. */
export function submissionValues(report, status) {
  if (!report) return { status };
  // Gaps on fields the form asks are the requester's to-do; the others are L&D's follow-ups.
  const gaps = report.findings.filter((f) => f.kind === 'gap' && f.asked !== false);
  const later = report.findings.filter((f) => f.kind === 'gap' && f.asked === false);
  const fieldsOf = (list) => [...new Set(list.map((g) => g.field).filter(Boolean))].join(',');
  return {
    status,
    score: String(report.score),
    tier: report.tier.id,
    tier_label: report.tier.label,
    training_fit: report.trainingFit.id,
    gaps: gaps.map((g) => (g.field ? `${g.message} [${g.field}]` : g.message)).join('\n'),
    gap_fields: fieldsOf(gaps),
    questions: report.questions.join('\n'),
    followups: report.followups.join('\n'),
    followup_fields: fieldsOf(later),
    understood: report.understood.map((u) => u.text).join('\n'),
    conditions: report.conditions.join('\n'),
    flags: report.flags.join(','),
    today: report.today,
    rules_name: report.rules.name,
    rules_version: report.rules.version,
    rules_hash: report.rules.hash,
  };
}
