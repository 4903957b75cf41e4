// The impact preview: what the edits do compared with the rules as loaded (the published
// version), case by case. A case is listed when its tier changes or its score moves by more
// than five points, with the before and after side by side, so a lead sees the consequence of
// an edit before publishing it.

import { h, byId, replace } from './dom.js';

const SCORE_THRESHOLD = 5;

/** True if a row has a report both before and after, in different tiers. */
function tierMoved({ before, after }) {
  return Boolean(before && after && before.tier.id !== after.tier.id);
}

/** True if a before/after pair is worth showing. */
function changed(row) {
  const { before, after } = row;
  if (!before || !after) return before !== after;
  return tierMoved(row) || Math.abs(after.score - before.score) > SCORE_THRESHOLD;
}

export class ImpactPanel {
  constructor() {
    this.summary = byId('impact-summary');
    this.body = byId('impact');
  }

  /** `impact` is the worker's `{error, rows}`, or null when the rules do not compile. */
  render(impact, { publishedName } = {}) {
    const against = publishedName ? ` (${publishedName})` : '';
    if (!impact) {
      this.summary.textContent = 'Fix the problems in the rules to see the impact of your edits.';
      replace(this.body);
      return;
    }
    if (impact.error) {
      this.summary.textContent = `Cannot compare: ${impact.error}.`;
      replace(this.body);
      return;
    }
    const caseCount = impact.rows.filter((r) => !r.current).length;
    // The current request first, then the cases that change tier, then the biggest moves.
    const weight = (r) => (r.current ? 3 : tierMoved(r) ? 2 : 1);
    const delta = (r) => Math.abs((r.after?.score ?? 0) - (r.before?.score ?? 0));
    const moved = impact.rows.filter(changed).sort((a, b) => weight(b) - weight(a) || delta(b) - delta(a));
    const movedCases = moved.filter((r) => !r.current);
    const tierChanges = movedCases.filter(tierMoved).length;
    if (!moved.length) {
      this.summary.textContent = `Compared with the rules as loaded${against}: no case changes tier or moves more than ${SCORE_THRESHOLD} points.`;
      replace(this.body);
      return;
    }
    this.summary.textContent =
      `Compared with the rules as loaded${against}: ${movedCases.length} of ${caseCount} cases change` +
      ` (${tierChanges} change tier, ${movedCases.length - tierChanges} move more than ${SCORE_THRESHOLD} points).`;
    replace(
      this.body,
      h('table', { class: 'impact-table' },
        h('caption', { class: 'visually-hidden', text: 'Cases whose outcome changes with your edits' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Case' }), h('th', { scope: 'col', text: 'As loaded' }), h('th', { scope: 'col', text: 'With your edits' }))),
        h('tbody', {}, moved.map((r) => h('tr', { class: r.current ? 'current' : '' },
          h('th', { scope: 'row', text: r.name }),
          outcomeCell(r.before),
          outcomeCell(r.after, r.before),
        ))),
      ),
    );
  }
}

function outcomeCell(o, before) {
  if (!o) return h('td', { class: 'muted', text: 'no report (error)' });
  const delta = before ? o.score - before.score : 0;
  const moved = tierMoved({ before, after: o });
  return h('td', {},
    h('span', { class: `tier-chip${moved ? ' moved' : ''}`, text: o.tier.label || o.tier.id }),
    ' ',
    h('span', { class: 'score', text: `${o.score}/100` }),
    delta ? h('span', { class: delta > 0 ? 'delta up' : 'delta down', text: ` (${delta > 0 ? '+' : '−'}${Math.abs(delta)})` }) : null,
  );
}
