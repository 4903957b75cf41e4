// The test-cases panel: every case of the rules' `.cases.json`, run on each edit, pass or
// fail, with expected against actual for each failed expectation. The lead can add the
// current request as a case (expecting what it gets now) and download the updated file.

import { h, byId, replace } from './dom.js';

/** The expectation a new case pins, from the report the request gets now. */
export function expectFrom(report) {
  return {
    tier: report.tier.id,
    training_fit: report.trainingFit.id,
    score_min: Math.max(0, report.score - 5),
    score_max: Math.min(100, report.score + 5),
  };
}

export class TestsPanel {
  constructor({ onLoadCase }) {
    this.onLoadCase = onLoadCase;
    this.list = byId('tests');
    this.summary = byId('tests-summary');
    this.section = this.list.closest('section');
  }

  /** `results` from `runCases`, or null if the rules do not compile; `error` if the cases are bad. */
  render(results, { error, stale } = {}) {
    this.section.classList.toggle('stale', Boolean(stale));
    if (error) {
      this.setSummary('cases unreadable', 'bad');
      replace(this.list, h('li', { class: 'error-text', text: `The test cases cannot run: ${error}` }));
      return;
    }
    if (!results) {
      this.setSummary('not run', 'unknown');
      if (!this.list.children.length) replace(this.list, h('li', { class: 'muted', text: 'The tests run once the rules compile.' }));
      return;
    }
    const failed = results.filter((r) => !r.passed).length;
    this.setSummary(
      results.length ? (failed ? `${failed} of ${results.length} failing` : `all ${results.length} pass`) : 'no cases',
      failed ? 'bad' : 'good',
    );
    if (!results.length) {
      replace(this.list, h('li', { class: 'muted', text: 'No test cases yet: add the current request as one.' }));
      return;
    }
    // Failures first, so a red panel shows its reason without scrolling.
    const order = results.map((r, i) => [r, i]).sort(([a], [b]) => Number(a.passed) - Number(b.passed));
    replace(this.list, order.map(([r, i]) => this.item(r, i)));
  }

  setSummary(text, state) {
    this.summary.textContent = text;
    this.summary.className = `count ${state}`;
    this.section.dataset.state = state;
  }

  item(result, index) {
    const status = result.passed ? h('span', { class: 'badge pass', text: '✓ pass' }) : h('span', { class: 'badge fail', text: '✗ fail' });
    const outcome = result.report
      ? h('span', { class: 'muted small', text: ` ${result.report.tier.label || result.report.tier.id} · ${result.report.score}/100` })
      : null;
    const load = h('button', { type: 'button', class: 'link-button', onclick: () => this.onLoadCase(index), 'aria-label': `Load case “${result.name}” into the request` }, 'Load');
    const diff = result.passed
      ? null
      : h('table', { class: 'diff' },
          h('caption', { class: 'visually-hidden', text: `Why “${result.name}” fails` }),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Check' }), h('th', { scope: 'col', text: 'Expected' }), h('th', { scope: 'col', text: 'Actual' }))),
          h('tbody', {}, result.mismatches.map((m) => h('tr', {},
            h('th', { scope: 'row', text: m.what }),
            h('td', { class: 'expected', text: m.expected }),
            h('td', { class: 'actual', text: m.actual }))),
          ));
    return h('li', { class: `test ${result.passed ? 'passed' : 'failed'}` }, h('div', { class: 'test-head' }, status, ' ', h('span', { class: 'name', text: result.name }), outcome, load), diff);
  }
}
