// The widget's shadow-root styles, as one constructable stylesheet shared by every instance.
// A constructed sheet is not inline markup, so it applies under `style-src 'self'`.
//
// Theming: every colour, the font and the radius are CSS custom properties with light and dark
// defaults (`light-dark()` follows the host page's `color-scheme`); every block has a `part`.

export const css = `
:host {
  --yesif-radius: 8px;
  --yesif-text: light-dark(#1f2328, #e6edf3);
  --yesif-muted: light-dark(#57606a, #9da7b3);
  --yesif-surface: light-dark(#ffffff, #161b22);
  --yesif-subtle: light-dark(#f6f8fa, #0d1117);
  --yesif-border: light-dark(#d0d7de, #30363d);
  --yesif-accent: light-dark(#0b5cad, #6cb6ff);
  --yesif-track: light-dark(#e6e9ed, #2d333b);
  --yesif-strategic: light-dark(#1a7f37, #3fb950);
  --yesif-required: light-dark(#6639ba, #a371f7);
  --yesif-worthwhile: light-dark(#0b6e79, #39c5cf);
  --yesif-needs-info: light-dark(#9a6700, #d29922);
  --yesif-not-training: light-dark(#bc4c00, #f0883e);
  --yesif-tier: var(--yesif-accent);
  display: block;
  font-size: 0.9375rem;
  line-height: 1.45;
  /* Unset --yesif-font makes this invalid at computed-value time, so the page's font inherits. */
  font-family: var(--yesif-font);
  color: var(--yesif-text);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.panel {
  background: var(--yesif-surface);
  border: 1px solid var(--yesif-border);
  border-radius: var(--yesif-radius);
  padding: 1rem 1.125rem;
}
h2, h3 { margin: 0; font-size: inherit; }
h2 { font-size: 1rem; font-weight: 600; color: var(--yesif-muted); }
h3 { font-size: 0.8125rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--yesif-muted); margin: 1.1rem 0 0.4rem; }
p { margin: 0; }
ul { margin: 0; padding: 0; list-style: none; }
.status { margin-top: 0.5rem; }
.tier { display: flex; align-items: center; gap: 0.5rem; font-size: 1.25rem; font-weight: 700; color: var(--yesif-tier); }
.tier::before { content: ""; inline-size: 0.75rem; block-size: 0.75rem; border-radius: 50%; background: currentColor; flex: none; }
.tier-message { margin-top: 0.25rem; }
.summary { margin-top: 0.25rem; color: var(--yesif-muted); font-size: 0.875rem; }
.panel[data-tier="strategic"] { --yesif-tier: var(--yesif-strategic); }
.panel[data-tier="required"] { --yesif-tier: var(--yesif-required); }
.panel[data-tier="worthwhile"] { --yesif-tier: var(--yesif-worthwhile); }
.panel[data-tier="needs-info"] { --yesif-tier: var(--yesif-needs-info); }
.panel[data-tier="not-training"] { --yesif-tier: var(--yesif-not-training); }
.panel[data-state="unavailable"] { --yesif-tier: var(--yesif-muted); }
.panel[data-state="unavailable"] .tier { font-size: 1rem; }
.panel { border-block-start: 4px solid var(--yesif-tier); }
.notice {
  margin-top: 0.5rem; padding: 0.5rem 0.75rem; border-radius: calc(var(--yesif-radius) / 2);
  background: var(--yesif-subtle); border: 1px solid var(--yesif-border); color: var(--yesif-text);
}
.bar { position: relative; block-size: 0.5rem; border-radius: 0.25rem; background: var(--yesif-track); overflow: hidden; }
.fill { position: absolute; inset-block: 0; inset-inline-start: 0; inline-size: 0; background: var(--yesif-tier); border-radius: inherit; transition: inline-size 120ms ease-out; }
.score { margin-top: 0.9rem; display: grid; grid-template-columns: 1fr auto; gap: 0.25rem 0.75rem; align-items: center; }
.score .bar { grid-column: 1 / -1; block-size: 0.625rem; }
.label { font-weight: 600; }
.num { color: var(--yesif-muted); font-variant-numeric: tabular-nums; font-size: 0.875rem; }
.forces { display: grid; gap: 0.45rem; }
.force { display: grid; grid-template-columns: 1fr auto; gap: 0.15rem 0.75rem; font-size: 0.875rem; }
.force .bar { grid-column: 1 / -1; block-size: 0.375rem; }
.force .fill { background: var(--yesif-accent); }
.fit-verdict { font-weight: 600; }
.fit[data-fit="unlikely"] .fit-verdict { color: var(--yesif-not-training); }
.fit[data-fit="mixed"] .fit-verdict { color: var(--yesif-needs-info); }
.fit[data-fit="likely"] .fit-verdict { color: var(--yesif-strategic); }
.fit-reason { color: var(--yesif-muted); font-size: 0.875rem; }
.checklist { display: grid; gap: 0.6rem; }
.item { display: grid; grid-template-columns: 1.25rem 1fr; gap: 0 0.5rem; }
.box { inline-size: 1rem; block-size: 1rem; margin-top: 0.15rem; border: 2px solid var(--yesif-muted); border-radius: 3px; }
.item.warning .box { border-color: var(--yesif-needs-info); border-radius: 50%; }
/* A gap is not a checkbox (nothing ticks it: it goes when answered), so its marker is a dot. */
.item.gap .box { inline-size: 0.5rem; block-size: 0.5rem; margin: 0.5rem 0 0 0.25rem; border: 0; border-radius: 50%; background: var(--yesif-tier); }
.question { color: var(--yesif-muted); font-size: 0.875rem; font-style: italic; }
.item > :not(.box) { grid-column: 2; }
a { color: var(--yesif-accent); font-size: 0.875rem; text-underline-offset: 2px; }
a:focus-visible { outline: 2px solid var(--yesif-accent); outline-offset: 2px; border-radius: 2px; }
.more {
  margin-top: 0.6rem; font: inherit; font-size: 0.875rem; color: var(--yesif-accent); background: none;
  border: 1px solid var(--yesif-border); border-radius: calc(var(--yesif-radius) / 2); padding: 0.25rem 0.6rem; cursor: pointer;
}
.more:focus-visible { outline: 2px solid var(--yesif-accent); outline-offset: 2px; }
.understood { margin-top: 0.1rem; display: grid; gap: 0.3rem; font-size: 0.875rem; }
.understood li { padding: 0.3rem 0.6rem; border-radius: calc(var(--yesif-radius) / 2); background: var(--yesif-subtle); }
.understood a { margin-inline-start: 0.25rem; }
.hint { color: var(--yesif-muted); font-size: 0.875rem; margin-bottom: 0.4rem; }
.followups { display: grid; gap: 0.3rem; font-size: 0.875rem; padding-inline-start: 1.1rem; list-style: disc; }
.followups li::marker { color: var(--yesif-muted); }
.conditions { display: grid; gap: 0.4rem; }
.conditions li { padding-inline-start: 0.75rem; border-inline-start: 3px solid var(--yesif-tier); }
details { margin-top: 1rem; }
summary { cursor: pointer; color: var(--yesif-muted); font-size: 0.875rem; }
summary:focus-visible { outline: 2px solid var(--yesif-accent); outline-offset: 2px; }
.strengths { margin-top: 0.4rem; display: grid; gap: 0.3rem; font-size: 0.875rem; }
.strengths li::before { content: "✓ "; color: var(--yesif-strategic); font-weight: 700; }
.footer { margin-top: 1rem; color: var(--yesif-muted); font-size: 0.75rem; }
.visually-hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (prefers-reduced-motion: reduce) { .fill { transition: none; } }
@media (forced-colors: active) { .fill { background: Highlight; } .box { border-color: CanvasText; } }
`;

let sheet;

/** The shared stylesheet, created on first use. */
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
