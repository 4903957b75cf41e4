// The rules editor: CodeMirror 6 with Rhai highlighting, line numbers, bracket matching,
// search, undo history, lint underlines for the engine's diagnostics, and completion of the
// rule API and of the ids the rules declare. This file (and the npm packages it imports) is
// bundled by `www/build-playground.mjs` into `www/dist/playground-editor.js`; the other panels
// are plain modules.

import { EditorState, Transaction } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, dropCursor, rectangularSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, undo, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle } from '@codemirror/language';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { tags as t } from '@lezer/highlight';
import { rhai, apiNames } from './rhai.js';

// Colours are the page's custom properties (www/playground.css), which reach the editor's
// shadow root, so the editor follows light and dark with the rest of the page; each keeps at
// least 4.5:1 contrast on the editor's background in both.
const highlight = HighlightStyle.define([
  { tag: t.comment, color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: t.keyword, color: 'var(--code-keyword)' },
  { tag: [t.string], color: 'var(--code-string)' },
  { tag: [t.number, t.atom, t.bool], color: 'var(--code-number)' },
  { tag: t.definition(t.variableName), color: 'var(--code-definition)', fontWeight: 'bold' },
  { tag: t.standard(t.variableName), color: 'var(--code-api)', fontWeight: 'bold' },
  { tag: t.function(t.variableName), color: 'var(--code-function)' },
  { tag: [t.operator, t.bracket], color: 'var(--code-operator)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '14px', backgroundColor: 'var(--code-bg)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--code-selection)',
  },
  '.cm-gutters': { backgroundColor: 'var(--code-gutter-bg)', color: 'var(--code-gutter-text)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--code-active-gutter)', color: 'var(--text)' },
  '.cm-panels': { backgroundColor: 'var(--subtle)', color: 'var(--text)' },
  '.cm-panels input, .cm-panels button': { color: 'var(--text)', backgroundColor: 'var(--surface)', border: '1px solid var(--control-border)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--mono)' },
  '.cm-completionInfo': { maxWidth: '28em', whiteSpace: 'normal' },
  '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '1em' },
  // On the highlighted (blue) row the signature takes the row's white, not the muted grey.
  '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail': { color: 'inherit' },
});

/** What completion offers; replaced as the engine reports the API and the rules' declarations. */
const vocabulary = { api: [], fields: [], forces: [] };

const KEYWORDS = ['let', 'const', 'fn', 'if', 'else', 'switch', 'while', 'loop', 'for', 'in', 'return', 'break', 'continue', 'true', 'false'];

function complete(context) {
  // Inside a string literal: the ids the rules declare (fields first, then forces).
  const inString = context.matchBefore(/"[\w-]*$/);
  if (inString) {
    const line = context.state.doc.lineAt(inString.from);
    const before = line.text.slice(0, inString.from - line.from);
    if (isStringStart(before)) {
      // The rule API's signature says what this argument is: strength(force, field, …).
      const param = parameterAt(before);
      const fields = param !== 'force' && param !== 'id';
      const forces = param !== 'field' && param !== 'id';
      const options = [
        ...(fields ? vocabulary.fields : []).map((f) => ({ label: f.id, type: 'property', detail: `field · ${f.type}`, info: f.label, boost: 2 })),
        ...(forces ? vocabulary.forces : []).map((f) => ({ label: f.id, type: 'enum', detail: `force · max ${f.max}`, info: f.label, boost: 1 })),
      ];
      if (!options.length) return null;
      return { from: inString.from + 1, options, validFor: /^[\w-]*$/ };
    }
  }
  const word = context.matchBefore(/[A-Za-z_]\w*$/);
  if (!word && !context.explicit) return null;
  const options = [
    ...vocabulary.api.map((f) => ({
      label: f.name,
      type: 'function',
      detail: f.signature,
      info: `${f.doc} (${PHASES[f.phase] ?? f.phase})`,
      apply: applyCall,
      boost: 1,
    })),
    ...KEYWORDS.map((k) => ({ label: k, type: 'keyword' })),
  ];
  return { from: word ? word.from : context.pos, options, validFor: /^\w*$/ };
}

const PHASES = { declare: 'top of the file', score: 'inside fn evaluate()', any: 'anywhere' };

/** The name of the rule API parameter a string is passed as, from the line `before` its quote. */
function parameterAt(before) {
  const call = /([A-Za-z_]\w*)\(\s*((?:"[^"]*"\s*,\s*|[\w.]+\s*,\s*)*)$/.exec(before);
  if (!call) return null;
  const fn = vocabulary.api.find((f) => f.name === call[1]);
  if (!fn) return null;
  const index = (call[2].match(/,/g) ?? []).length;
  const params = fn.signature.slice(fn.signature.indexOf('(') + 1).split(',').map((p) => p.trim().replace(/[^\w].*$/s, ''));
  return params[index] ?? null;
}

function isStringStart(before) {
  // The quote opens a string if the text before it on the line has an even number of quotes.
  return (before.match(/(?<!\\)"/g) ?? []).length % 2 === 0;
}

/** Inserts `name()` with the cursor between the brackets. */
function applyCall(view, completion, from, to) {
  const next = view.state.sliceDoc(to, to + 1);
  const insert = next === '(' ? completion.label : `${completion.label}()`;
  view.dispatch({
    changes: { from, to, insert },
    selection: { anchor: from + completion.label.length + 1 },
    userEvent: 'input.complete',
  });
}

/**
 * Typing over a selection is done here rather than by the browser. Chrome's native
 * contenteditable edit keeps the deleted text's look by wrapping the new character in a
 * `<span style="…">`, which the strict CSP blocks (and reports), however harmless.
 * CodeMirror's own input handlers (closeBrackets, …) still run first, as they would.
 */
const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || !event.data || view.composing || event.isComposing) return false;
    const { main } = view.state.selection;
    if (main.empty || view.state.selection.ranges.length > 1) return false;
    event.preventDefault();
    const text = event.data;
    const insert = () => view.state.update(view.state.replaceSelection(text), { userEvent: 'input.type', scrollIntoView: true });
    if (!view.state.facet(EditorView.inputHandler).some((handle) => handle(view, main.from, main.to, text, insert))) {
      view.dispatch(insert());
    }
    return true;
  },
});

/** The document offset of a 1-based line and a 1-based column counted in Unicode characters. */
export function offsetOf(doc, line, column) {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  let offset = 0;
  for (let chars = 1; chars < (column ?? 1) && offset < l.text.length; chars++) {
    offset += l.text.codePointAt(offset) > 0xffff ? 2 : 1;
  }
  return l.from + offset;
}

/**
 * Creates the editor inside `host`. `onChange(text)` is called after every edit. Returns the
 * handle the rest of the playground uses; it never touches CodeMirror directly.
 *
 * The editor lives in `host`'s shadow root. CodeMirror injects its styles with style-mod,
 * which in a document adds a `<style>` element (blocked by the strict `style-src 'self'`
 * unless the CSP carries a nonce passed as `EditorView.cspNonce`), but in a shadow root uses a
 * constructed stylesheet (`adoptedStyleSheets`), which a CSP does not block. So the strict CSP
 * needs nothing extra. Pass `nonce` only to mount in the document instead.
 */
export function createEditor({ host, doc, onChange, label = 'Rules', describedBy, nonce }) {
  let root = document;
  let parent = host;
  if (!nonce) {
    root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(':host { display: block; overflow: hidden; } .cm-editor { height: 100%; }');
    root.adoptedStyleSheets = [sheet];
    parent = root;
  }
  const view = new EditorView({
    root,
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        dropCursor(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        syntaxHighlighting(highlight),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ override: [complete], icons: false }),
        rectangularSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        rhai,
        theme,
        typeOverSelection,
        EditorState.tabSize.of(4),
        EditorView.lineWrapping,
        nonce ? EditorView.cspNonce.of(nonce) : [],
        // tabindex makes the scrolling region's focusable content visible to axe-core too.
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0', ...(describedBy ? { 'aria-description': describedBy } : {}) }),
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...completionKeymap,
          ...lintKeymap,
          // Tab indents, but Escape then Tab leaves the editor (CodeMirror's documented escape
          // hatch), so the keyboard is never trapped.
          indentWithTab,
        ]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange?.(update.state.doc.toString(), update);
        }),
      ],
    }),
  });

  return {
    view,
    getText: () => view.state.doc.toString(),
    /** Replaces the whole text; undoable (one Ctrl+Z away) unless `undoable` is false. */
    setText(text, { undoable = true } = {}) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: undoable ? Transaction.userEvent.of('input.replace') : Transaction.addToHistory.of(false),
      });
    },
    undo: () => undo(view),
    focus: () => view.focus(),
    /** Shows the engine's diagnostics (those with a line) as underlines. */
    setDiagnostics(list) {
      const doc = view.state.doc;
      const marks = [];
      for (const d of list) {
        if (!d.line) continue;
        const from = offsetOf(doc, d.line, d.column);
        const word = view.state.wordAt(from);
        const line = doc.lineAt(from);
        const to = word && word.from === from ? word.to : Math.min(from + 1, line.to);
        marks.push({ from, to: Math.max(from, to), severity: d.severity ?? 'error', source: d.source, message: d.message });
      }
      view.dispatch(setDiagnostics(view.state, marks));
    },
    /** Moves the cursor to a 1-based line and column and focuses the editor. */
    jumpTo(line, column) {
      const at = offsetOf(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      view.focus();
    },
    /** Sets what completion offers: `{api, fields, forces}` (any subset). */
    setVocabulary(words) {
      Object.assign(vocabulary, words);
      if (words.api) {
        apiNames.clear();
        for (const f of words.api) apiNames.add(f.name);
      }
    },
  };
}
