// A web developer's form, pasted as HTML or fetched from this site: made inert (no scripts, no
// event handlers, no URLs), and read as the list of its controls with their labels and options.

/** Elements that can run code, load something or embed another document: removed outright. */
const DROP = [
  'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'template', 'noscript', 'img', 'picture', 'video', 'audio', 'source', 'track', 'svg', 'math', 'canvas',
  'portal', 'dialog', 'yesif-check',
].join(',');

/** Attributes that run code, point elsewhere or tie a control to another form: removed. */
const DROP_ATTRIBUTES = new Set(['style', 'action', 'formaction', 'target', 'formtarget', 'src', 'srcset', 'href', 'xlink:href', 'form', 'is', 'autofocus', 'ping', 'background', 'poster', 'data']);

/**
 * Parses `html` (never into the live document: `DOMParser` runs no script) and returns an inert
 * copy of its first `<form>` (or of everything, wrapped in a form), imported into `doc`: no
 * script, style, frame, media or embedded element, no `on…` handler, no URL attribute.
 * Returns null when the HTML holds no form control. (Chromium reports the inline handlers and
 * styles it parses to the page's Content-Security-Policy as blocked; none of them ever runs.)
 * @param {string} html
 * @param {Document} [doc]
 * @returns {HTMLFormElement | null}
 */
export function sanitizeForm(html, doc = document) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  let form = parsed.querySelector('form');
  if (!form) {
    form = parsed.createElement('form');
    form.append(...parsed.body.childNodes);
  }
  for (const node of form.querySelectorAll(DROP)) node.remove();
  for (const node of [form, ...form.querySelectorAll('*')]) {
    for (const { name } of [...node.attributes]) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on') || DROP_ATTRIBUTES.has(lower)) node.removeAttribute(name);
    }
  }
  const clean = /** @type {HTMLFormElement} */ (doc.importNode(form, true));
  return listControls(clean).length ? clean : null;
}

/**
 * @typedef {'text' | 'textarea' | 'number' | 'date' | 'email' | 'select' | 'radio' | 'checkbox'} ControlKind
 * @typedef {{name: string, kind: ControlKind, label: string, multiple: boolean, numeric: boolean, options: {value: string, label: string}[]}} HostControl
 */

const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A label's text without the text of the controls inside it (a select's options, say). */
function labelText(label) {
  if (!label) return '';
  const copy = label.cloneNode(true);
  for (const inner of copy.querySelectorAll('select, textarea, datalist')) inner.remove();
  return text(copy);
}

function labelOf(control, form) {
  const byFor = control.id ? form.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
  return labelText(byFor ?? control.closest('label')) || control.getAttribute('aria-label') || control.getAttribute('placeholder') || control.getAttribute('title') || '';
}

/**
 * The form's answerable controls, one entry per name (a radio or checkbox group is one), in
 * document order: its kind, its label (a group's legend), and the values it can send.
 * @param {HTMLFormElement} form
 * @returns {HostControl[]}
 */
export function listControls(form) {
  /** @type {Map<string, HostControl>} */
  const controls = new Map();
  for (const c of form.querySelectorAll('input, select, textarea')) {
    const name = c.getAttribute('name');
    const type = (c.getAttribute('type') ?? 'text').toLowerCase();
    if (!name || ['hidden', 'submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
    const tag = c.localName;
    /** @type {ControlKind} */
    const kind = tag === 'select' ? 'select' : tag === 'textarea' ? 'textarea'
      : ['radio', 'checkbox', 'number', 'date', 'email'].includes(type) ? /** @type {ControlKind} */ (type) : 'text';
    let entry = controls.get(name);
    if (!entry) {
      const group = kind === 'radio' || kind === 'checkbox';
      const legend = group ? text(c.closest('fieldset')?.querySelector('legend')) : '';
      entry = {
        name,
        kind,
        label: legend || labelOf(c, form),
        multiple: kind === 'checkbox' || (kind === 'select' && c.hasAttribute('multiple')),
        numeric: kind === 'number' || /numeric|decimal/.test(c.getAttribute('inputmode') ?? ''),
        options: [],
      };
      controls.set(name, entry);
    }
    if (tag === 'select') {
      for (const o of c.querySelectorAll('option')) {
        const value = o.getAttribute('value') ?? text(o);
        if (value.trim()) entry.options.push({ value, label: text(o) });
      }
    } else if (kind === 'radio' || kind === 'checkbox') {
      const value = c.getAttribute('value') ?? 'on';
      entry.options.push({ value, label: labelOf(c, form) || value });
    }
  }
  return [...controls.values()];
}
