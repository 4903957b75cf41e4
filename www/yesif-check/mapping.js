// How a host form's names and option values map onto the rules' fields: the `value-map`
// attribute, matching a host value to a rule option by value or label, and the setup check that
// names each `field-map` or `value-map` entry that points at nothing, with the nearest name.

/** A value as forms are compared: trimmed, runs of white space as one space, lower case. */
export const normalize = (text) => String(text).trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Parses a `value-map` attribute: `field: host value=option; host value=option; field2: …`. A
 * segment that starts with `name:` (a rule field id, or the host field's name) starts that
 * field's pairs; `=` splits at its last occurrence, so a host value may contain one. Blank
 * segments are skipped; malformed ones are reported in `problems`, never thrown.
 * @param {string | null} text
 * @returns {{entries: {field: string, host: string, option: string}[], problems: string[]}}
 */
export function parseValueMap(text) {
  const entries = [];
  const problems = [];
  let field = '';
  for (const raw of (text ?? '').split(';')) {
    let segment = raw.trim();
    if (!segment) continue;
    const head = /^([A-Za-z_][\w-]*)\s*:(.*)$/s.exec(segment);
    if (head) {
      field = head[1];
      segment = head[2].trim();
      if (!segment) continue;
    }
    const eq = segment.lastIndexOf('=');
    const host = segment.slice(0, eq).trim();
    const option = segment.slice(eq + 1).trim();
    if (!field) problems.push(`value-map: "${segment}" has no field; write it as field: ${segment}`);
    else if (eq < 0 || !host || !option) problems.push(`value-map: "${segment}" (for ${field}) is not a host value=option pair`);
    else entries.push({ field, host, option });
  }
  return { entries, problems };
}

/**
 * For each rule field with options: a table from a normalised host value to the option value
 * the rules expect. The option's value and its label match themselves; `value-map` entries
 * (already resolved to rule field ids) come first and win.
 * @param {{id: string, options?: {value: string, label: string}[]}[]} fields
 * @param {{field: string, host: string, option: string}[]} [entries]
 * @returns {Map<string, Map<string, string>>}
 */
export function optionTables(fields, entries = []) {
  const tables = new Map();
  for (const field of fields) {
    if (!field.options?.length) continue;
    const table = new Map();
    for (const e of entries) {
      if (e.field !== field.id) continue;
      const option = matchOption(field, e.option);
      if (option !== undefined && !table.has(normalize(e.host))) table.set(normalize(e.host), option);
    }
    for (const o of field.options) if (!table.has(normalize(o.value))) table.set(normalize(o.value), o.value);
    for (const o of field.options) if (!table.has(normalize(o.label))) table.set(normalize(o.label), o.value);
    tables.set(field.id, table);
  }
  return tables;
}

/** The option of `field` whose value or label is `text` (case- and space-insensitive), or undefined. */
export function matchOption(field, text) {
  const n = normalize(text);
  return (field.options.find((o) => normalize(o.value) === n) ?? field.options.find((o) => normalize(o.label) === n))?.value;
}

/** Levenshtein distance between two short names, case-insensitive. */
export function editDistance(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/**
 * The candidate closest to `name`, if it is close enough to be a likely typo (at most a third
 * of the longer name's letters differ, or one name of 3+ letters contains the other), else null.
 * @param {string} name
 * @param {Iterable<string>} candidates
 */
export function nearest(name, candidates) {
  const lower = name.toLowerCase();
  let best = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c);
    const other = c.toLowerCase();
    const close = d <= Math.max(1, Math.floor(Math.max(name.length, c.length) / 3)) 
      || (Math.min(name.length, c.length) >= 3 && (other.includes(lower) || lower.includes(other)));
    if (close && d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

const suggest = (name, candidates) => {
  const n = nearest(name, candidates);
  return n ? `; did you mean "${n}"?` : '';
};

/** The names of the controls in `form` a requester can answer (no buttons, no hidden inputs). */
export function answerableNames(form) {
  const names = new Set();
  for (const c of form.elements) {
    if (!c.name || c.disabled || c.dataset?.yesifOwner) continue;
    if (['submit', 'button', 'reset', 'image', 'file', 'hidden'].includes(c.type) || c instanceof HTMLFieldSetElement || c instanceof HTMLOutputElement) continue;
    names.add(c.name);
  }
  return names;
}

/**
 * The ids of the rule fields the form offers: those with a control a requester can answer,
 * under their own name or their `field-map` name. This is the `asked` option of `score`.
 * @param {Set<string>} names the form's answerable control names (see `answerableNames`)
 */
export function askedFields(fields, fieldMap, names) {
  return fields.filter((f) => names.has(fieldMap.get(f.id) ?? f.id)).map((f) => f.id);
}

/**
 * Every setup mistake, one message each: a `field-map` entry whose rule field the rules do not
 * declare, or whose host control the form lacks; a `value-map` entry for no field, or whose
 * option the field does not have; each with the nearest name suggested. Also resolves the
 * `value-map` entries written with a host field's name to the rule field id.
 * @param {{id: string, options?: {value: string, label: string}[]}[]} fields
 * @param {Map<string, string>} fieldMap
 * @param {{field: string, host: string, option: string}[]} valueEntries
 * @param {Set<string>} names the form's answerable control names
 * @returns {{problems: string[], entries: {field: string, host: string, option: string}[]}}
 */
export function checkMapping(fields, fieldMap, valueEntries, names) {
  const problems = [];
  const ids = fields.map((f) => f.id);
  const byId = new Map(fields.map((f) => [f.id, f]));
  for (const [rule, host] of fieldMap) {
    if (!byId.has(rule)) problems.push(`field-map: the rules declare no field "${rule}" (in ${rule}=${host})${suggest(rule, ids)}`);
    else if (!names.has(host)) problems.push(`field-map: the form has no control named "${host}" (in ${rule}=${host})${suggest(host, names)}`);
  }
  const hostToRule = new Map([...fieldMap].map(([rule, host]) => [host, rule]));
  const entries = [];
  for (const e of valueEntries) {
    const id = byId.has(e.field) ? e.field : hostToRule.get(e.field);
    const field = id && byId.get(id);
    if (!field) {
      problems.push(`value-map: the rules declare no field "${e.field}"${suggest(e.field, [...ids, ...hostToRule.keys()])}`);
      continue;
    }
    if (!field.options?.length) {
      problems.push(`value-map: ${field.id} has no options to map "${e.host}" to`);
      continue;
    }
    if (matchOption(field, e.option) === undefined) {
      const values = field.options.map((o) => o.value);
      problems.push(`value-map: ${field.id} has no option "${e.option}" (in ${e.host}=${e.option})${suggest(e.option, values)}; its options are ${values.join(', ')}`);
      continue;
    }
    entries.push({ ...e, field: field.id });
  }
  // A rule field the form lacks, left unmapped, next to a control whose name is a near miss.
  const used = new Set([...fieldMap.values(), ...ids]);
  const spare = [...names].filter((n) => !used.has(n));
  for (const id of ids) {
    if (fieldMap.has(id) || names.has(id)) continue;
    const near = nearest(id, spare);
    if (near) problems.push(`the form has no control named "${id}", but has "${near}": if that is the same question, add ${id}=${near} to field-map`);
  }
  return { problems, entries };
}
