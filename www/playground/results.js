// The live result: the report for the current request, drawn by the very view the
// <yesif-check> widget uses (its shadow DOM and stylesheet), so the lead sees exactly what a
// requester will see. The widget element itself scores a host form with rules it fetches; the
// playground instead has a report from its worker, so it mounts the widget's view directly.

import { h, byId, replace } from './dom.js';

export class ResultPanel {
  constructor({ onFocusField }) {
    this.host = byId('result');
    this.note = byId('result-note');
    this.onFocusField = onFocusField;
    this.view = null;
    this.fallback = null;
    this.ready = this.mount();
  }

  async mount() {
    try {
      const [{ createView }, { styleSheet }] = await Promise.all([
        import('../yesif-check/view.js'),
        import('../yesif-check/styles.js'),
      ]);
      const root = this.host.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [styleSheet()];
      this.view = createView(root, {
        onFocusField: (id) => this.onFocusField?.(id),
        // A finding's "Go to" link shows when the request form has a control for its field.
        canFocus: (id) => Boolean(document.querySelector(`#request-form [data-field="${CSS.escape(id)}"]`)),
      });
    } catch (e) {
      // Without the widget's view, show the essentials as plain text rather than nothing.
      console.warn('playground: the <yesif-check> view could not load; showing a plain summary', e);
      this.fallback = h('div', { class: 'fallback-report' });
      this.host.append(this.fallback);
    }
  }

  setFields(fields) {
    this.view?.setFields?.(fields ?? []);
  }

  /** Shows `report`; with `stale`, says the report is from the last rules that compiled. */
  async render(report, { stale = false, fields } = {}) {
    await this.ready;
    this.host.classList.toggle('stale', stale);
    this.note.textContent = stale ? 'from the last rules that worked' : report ? `${report.rules.name} ${report.rules.version} · ${report.today}` : '';
    if (fields) this.setFields(fields);
    if (!report) return;
    if (this.view) this.view.render(report, {});
    else replace(this.fallback,
      h('p', { class: 'tier-line', text: `${report.tier.label} — ${report.score}/100` }),
      h('p', { text: report.tier.message }),
      h('ul', {}, report.questions.map((q) => h('li', { text: q }))),
      h('ul', {}, report.conditions.map((c) => h('li', { text: `Yes, if ${c}` }))));
  }

  /** Shows a notice instead of a report (the request cannot be scored). */
  async notice(text) {
    await this.ready;
    this.note.textContent = '';
    this.host.classList.remove('stale');
    if (this.view) this.view.notice(text);
    else replace(this.fallback, h('p', { text }));
  }
}
