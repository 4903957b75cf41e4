// Suggesting how a host form maps onto the rules: which control answers which rule field (from
// names, labels, kinds and options), which host choice value is which rule option, and the
// `<yesif-check>` snippet that says so in `field-map` and `value-map`.

import { matchOption, normalize } from '../yesif-check/mapping.js';

/**
 * @typedef {import('../pkg/yesif.js').Field} Field
 * @typedef {import('./host-form.js').HostControl} HostControl
 * @typedef {{host: string, option: string | null, how: 'same' | 'suggested' | 'chosen' | 'none'}} ValueChoice
 */

const STOP = new Set(('a an and are as at be by can could do does for from get getting has have how i if in is it its '
  + 'it\'s most of on or our should so that the their them they this to tomorrow today us we what what\'s when\'s which '
  + 'who\'s will with you your yours all apply tick please one').split(' '));

/** Words forms use for the same thing, folded onto one. */
const SAME = new Map(Object.entries({
  requestor: 'name', requester: 'name', mail: 'email', 'e-mail': 'email',
  department: 'unit', dept: 'unit', division: 'unit', team: 'unit', teams: 'unit', abteilung: 'unit',
  goal: 'outcome', goals: 'outcome', objective: 'outcome', achieve: 'outcome', result: 'outcome', aim: 'outcome',
  strategic: 'priority', priorities: 'priority',
  learners: 'people', participants: 'people', headcount: 'people', employees: 'people', staff: 'people', attendees: 'people',
  number: 'many', count: 'many', size: 'many', how_many: 'many',
  audience: 'audience', roles: 'audience', role: 'audience', who: 'audience', target: 'audience',
  due: 'when', deadline: 'when', date: 'when', needed: 'when',
  obstacles: 'barriers', obstacle: 'barriers', blockers: 'barriers', challenges: 'barriers', way: 'barriers', happening: 'barriers',
  behaviour: 'behaviour', behavior: 'behaviour', differently: 'behaviour',
  tried: 'tried', attempts: 'tried', previous: 'tried',
  sponsor: 'sponsor', owner: 'sponsor',
}));

/** The meaningful words of a name or label: split at case changes and non-letters, folded. */
export function words(textValue) {
  const out = new Set();
  const spaced = String(textValue).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  for (let word of spaced.split(/[^\p{L}\p{N}'-]+/u)) {
    word = word.replace(/^['-]+|['-]+$/g, '');
    if (!word || STOP.has(word)) continue;
    const folded = SAME.get(word) ?? (word.length > 4 && word.endsWith('s') ? SAME.get(word.slice(0, -1)) ?? word.slice(0, -1) : word);
    out.add(folded);
  }
  return out;
}

const overlap = (a, b) => [...a].filter((w) => b.has(w)).length;

/** Whether a host control of `kind` can answer a rule field of `type`. */
export function fits(type, control) {
  switch (type) {
    case 'checkboxes': return control.multiple;
    case 'select': case 'radio': return (control.kind === 'select' && !control.multiple) || control.kind === 'radio';
    case 'number': return ['number', 'text'].includes(control.kind);
    case 'date': return ['date', 'text'].includes(control.kind);
    default: return ['text', 'textarea', 'email', 'number'].includes(control.kind);
  }
}

/** How well `control` answers `field`: 0 for not at all. */
export function fitScore(field, control) {
  if (!fits(field.type, control)) return 0;
  if (normalize(field.id) === normalize(control.name)) return 1000;
  const fieldWords = words(`${field.id} ${field.label}`);
  const idWords = words(field.id);
  const nameWords = words(control.name);
  let score = 10 * overlap(fieldWords, new Set([...nameWords, ...words(control.label)])) + 5 * overlap(idWords, nameWords);
  if (field.options?.length && control.options.length) {
    const matched = control.options.filter((o) => matchOption(field, o.value) !== undefined || matchOption(field, o.label) !== undefined).length;
    score += Math.round((30 * matched) / control.options.length);
  }
  if (score === 0) return 0;
  // Between two fields a control fits equally, the required one: short forms ask those.
  if (field.required) score += 2;
  if (field.type === 'number' && control.numeric) score += 5;
  if (field.type === 'date' && control.kind === 'date') score += 10;
  if (field.type === 'email' && control.kind === 'email') score += 10;
  return score;
}

/**
 * The suggested control for each rule field (rule id → host name), each control used once: the
 * best-fitting pairs first. A field with no control that fits well enough is left out.
 * @param {Field[]} fields
 * @param {HostControl[]} controls
 * @returns {Map<string, string>}
 */
export function suggestFieldMap(fields, controls) {
  const pairs = [];
  for (const f of fields) for (const c of controls) {
    const score = fitScore(f, c);
    if (score >= 10) pairs.push({ field: f.id, host: c.name, score });
  }
  pairs.sort((a, b) => b.score - a.score);
  const map = new Map();
  const used = new Set();
  for (const p of pairs) {
    if (map.has(p.field) || used.has(p.host)) continue;
    map.set(p.field, p.host);
    used.add(p.host);
  }
  return new Map(fields.filter((f) => map.has(f.id)).map((f) => [f.id, map.get(f.id)]));
}

/**
 * For each value `control` can send: the rule option it is (`same`: its value or label matches,
 * as the widget matches them), the likeliest one (`suggested`: shares words with an option's
 * label, to be checked), or none (`none`: left out unless mapped).
 * @param {Field} field
 * @param {HostControl} control
 * @returns {ValueChoice[]}
 */
export function suggestValues(field, control) {
  return control.options.map(({ value, label }) => {
    const same = matchOption(field, value);
    if (same !== undefined) return { host: value, option: same, how: 'same' };
    let best = null;
    let bestScore = 0;
    const hostWords = words(`${value} ${label}`);
    for (const o of field.options) {
      const score = overlap(hostWords, words(`${o.value} ${o.label}`));
      if (score > bestScore) [best, bestScore] = [o.value, score];
    }
    return best ? { host: value, option: best, how: 'suggested' } : { host: value, option: null, how: 'none' };
  });
}

const attribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The `field-map` text: pairs whose names differ, in the rules' order.
 * @param {Map<string, string>} map
 */
export function fieldMapText(map) {
  return [...map].filter(([rule, host]) => rule !== host).map(([rule, host]) => `${rule}=${host}`).join(', ');
}

/**
 * The `value-map` text: for each field, the host values that need mapping (not `same`).
 * @param {Map<string, ValueChoice[]>} values rule field id → choices
 */
export function valueMapText(values) {
  const parts = [];
  for (const [id, choices] of values) {
    const pairs = choices.filter((c) => c.option && c.how !== 'same').map((c) => `${c.host}=${c.option}`);
    if (pairs.length) parts.push(`${id}: ${pairs.join('; ')}`);
  }
  return parts.join('; ');
}

/**
 * The HTML to paste into the page: the module script and the element, with paths as the README's
 * copy step lays the files out under `base` (`/yesif/`).
 * @param {{base: string, rulesFile: string, formId: string, fieldMap: string, valueMap: string}} options
 */
export function snippet({ base, rulesFile, formId, fieldMap, valueMap }) {
  const dir = base.endsWith('/') ? base : `${base}/`;
  const attrs = [formId ? `for="${attribute(formId)}"` : '', `rules="${attribute(dir + rulesFile)}"`,
    fieldMap ? `field-map="${attribute(fieldMap)}"` : '', valueMap ? `value-map="${attribute(valueMap)}"` : ''].filter(Boolean);
  return `<script type="module" src="${attribute(dir)}yesif-check.js"></script>\n<yesif-check ${attrs.join('\n  ')}></yesif-check>`;
}

/** Whether a host value can be written in `value-map` (whose syntax uses `;`, and `name:` to start a field). */
export const mappable = (value) => !value.includes(';') && !/^\s|\s$/.test(value) && value.trim() !== '' && !/^[A-Za-z_][\w-]*\s*:/.test(value);
