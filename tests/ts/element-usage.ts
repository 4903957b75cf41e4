// The TypeScript check of the <yesif-check> element (`make test` runs tsc over this with
// usage.ts). It uses the element the way the README's widget section says, against the
// declarations `make build` writes into www/dist/types/ from the JSDoc in www/yesif-check/*.js
// (and the tag and event maps of www/yesif-check/globals.d.ts), so a renamed property, a
// changed event detail or a dropped type fails here.
import YesifCheck, { YesifCheckElement } from '../../www/dist/types/yesif-check.js';
import type { YesifErrorDetail, YesifFocusDetail, YesifStatus } from '../../www/dist/types/yesif-check/element.js';
import type { Field, Report, RulesInfo } from '../../www/dist/types/pkg/yesif.js';

export function usage(form: HTMLFormElement): void {
  // The tag name maps to the class; attributes are typed properties.
  const el: YesifCheckElement | null = document.querySelector('yesif-check');
  if (!el) return;
  const same: typeof YesifCheckElement = YesifCheck;
  same.define('my-check', customElements);
  el.rules = '/yesif/rules/ld-intake.rhai';
  el.htmlFor = 'request';
  el.today = '2026-06-01';
  el.submitFields = 'check_';
  el.fieldMap = 'business_outcome=goal';
  el.fieldMap = new Map([['audience_size', 'headcount']]);
  el.fieldMap = { business_outcome: 'goal' };
  const map: Map<string, string> = el.fieldMap;

  // Read-only state.
  const report: Report | null = el.report;
  const fields: Field[] = el.fields;
  const info: RulesInfo | null = el.rulesInfo;
  const status: YesifStatus = el.status;
  const bound: HTMLFormElement | null = el.form;
  el.refresh();
  const focused: boolean = el.focusField('business_outcome');
  void [map, report, fields, info, status, bound, focused];

  // Events, on the element or (they bubble) on its form.
  el.addEventListener('yesif-score', (e) => {
    const score: number = e.detail.score;
    const tier: string = e.detail.tier.id;
    void [score, tier];
  });
  form.addEventListener('yesif-error', (e) => {
    const detail: YesifErrorDetail = e.detail;
    const stage: 'fetch' | 'compile' | 'engine' | 'score' | 'form' = detail.stage;
    const first = detail.diagnostics[0];
    const where: string = first && 'line' in first ? `${first.line}:${first.column}` : '';
    void [stage, where, detail.message];
  });
  el.addEventListener('yesif-focus', (e) => {
    const detail: YesifFocusDetail = e.detail;
    detail.control.scrollIntoView();
    if (detail.field === 'sme') e.preventDefault();
  });

  // What must not type-check.
  // @ts-expect-error: status is read-only
  el.status = 'scored';
  // @ts-expect-error: a report's score is a number
  el.addEventListener('yesif-score', (e) => { const s: string = e.detail.score; void s; });
  // @ts-expect-error: a field map is text, a Map or an object of text
  el.fieldMap = 42;
}
