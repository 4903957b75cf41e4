// The problems panel: every diagnostic of the last run in a list; those with a place in the
// rules are buttons that move the editor's cursor there.

import { h, byId, replace } from './dom.js';

const KIND = {
  parse: 'Syntax error',
  runtime: 'Rule error',
  limit: 'Limit reached',
  input: 'Request problem',
};

/** A diagnostic's heading: "Limit reached (maxOperations)", "Syntax error", … */
export function describeKind(d) {
  const name = KIND[d.kind] ?? 'Problem';
  return d.limit ? `${name} (${d.limit})` : name;
}

export class ProblemsPanel {
  constructor({ onJump }) {
    this.onJump = onJump;
    this.list = byId('problems');
    this.count = byId('problem-count');
  }

  /** Shows `diagnostics`, each `{kind, source, message, line?, column?, field?, limit?, origin}`. */
  render(diagnostics) {
    this.count.textContent = String(diagnostics.length);
    this.count.classList.toggle('bad', diagnostics.length > 0);
    if (!diagnostics.length) {
      replace(this.list, h('li', { class: 'muted none', text: 'No problems.' }));
      return;
    }
    replace(
      this.list,
      diagnostics.map((d) => {
        const where = d.line ? `Line ${d.line}${d.column ? `, column ${d.column}` : ''}` : d.field ? `Field ${d.field}` : null;
        const head = h('span', { class: `kind kind-${d.kind}`, text: d.source });
        const origin = d.origin === 'request' ? h('span', { class: 'muted small', text: ' · with this request:' }) : null;
        // A space before the message, so that its text (and a screen reader) never runs on.
        const body = [head, origin, ' ', h('span', { class: 'message', text: d.message })];
        if (d.line) {
          return h('li', { class: 'problem' },
            h('button', { type: 'button', class: 'jump', onclick: () => this.onJump(d.line, d.column) }, h('span', { class: 'where', text: where }), ' ', body));
        }
        return h('li', { class: 'problem' }, where ? h('span', { class: 'where', text: where }) : null, ' ', body);
      }),
    );
  }
}
