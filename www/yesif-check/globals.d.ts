// The element's tag and events for TypeScript hosts: with these, `document.querySelector(
// 'yesif-check')` is a YesifCheckElement and `form.addEventListener('yesif-score', (e) =>
// e.detail.score)` is typed. The class's own declarations are written from the JSDoc in
// element.js by `make build` (www/build-types.mjs, into www/dist/types/, with a copy of this
// file); tests/ts/element-usage.ts checks both.
import type { Report, YesifCheckElement, YesifErrorDetail, YesifFocusDetail } from './element.js';

declare global {
  interface HTMLElementTagNameMap {
    'yesif-check': YesifCheckElement;
  }
  // The events bubble and are composed, so a host can listen on the element or its form.
  interface HTMLElementEventMap {
    'yesif-score': CustomEvent<Report>;
    'yesif-error': CustomEvent<YesifErrorDetail>;
    'yesif-focus': CustomEvent<YesifFocusDetail>;
  }
}

export {};
