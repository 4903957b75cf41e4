// Rhai syntax highlighting for CodeMirror 6: a small StreamLanguage tokenizer (Rhai has no
// Lezer grammar). It knows Rhai's comments (`//`, nested `/* */`, `//!` doc comments), strings
// ("…", `…` with ${…}, '…'), numbers, keywords, object-map literals `#{`, and the rule API's
// function names, which it marks as standard names so they stand out from the lead's own.

import { StreamLanguage } from '@codemirror/language';

const KEYWORDS = new Set(
  'let const fn if else switch while loop do until for in return throw try catch break continue private import export as this global is_def_fn is_def_var is_shared'.split(' '),
);
const ATOMS = new Set(['true', 'false']);

/** The rule API's names (filled from `RuleSet.api()` once the engine has loaded). */
export const apiNames = new Set();

function tokenBase(stream, state) {
  if (stream.eatSpace()) return null;
  if (stream.match('//')) {
    stream.skipToEnd();
    return 'comment';
  }
  if (stream.match('/*')) {
    state.depth = 1;
    state.tokenize = tokenBlockComment;
    return tokenBlockComment(stream, state);
  }
  const ch = stream.next();
  if (ch === '"') {
    state.tokenize = tokenString('"');
    return state.tokenize(stream, state);
  }
  if (ch === '`') {
    state.tokenize = tokenString('`');
    return state.tokenize(stream, state);
  }
  if (ch === "'") {
    stream.match(/^(\\.|[^'\\])'?/u);
    return 'string';
  }
  if (ch === '#' && stream.eat('{')) return 'bracket';
  if (/\d/.test(ch)) {
    if (ch === '0' && stream.match(/^[xob][0-9a-f_]+/i)) return 'number';
    stream.match(/^[\d_]*(\.[\d_]+)?(e[+-]?\d+)?/i);
    return 'number';
  }
  if (/[\w$]/u.test(ch)) {
    stream.eatWhile(/[\w$]/u);
    const word = stream.current();
    if (KEYWORDS.has(word)) return 'keyword';
    if (ATOMS.has(word)) return 'atom';
    if (state.afterFn) {
      state.afterFn = false;
      return 'variableName.definition';
    }
    if (apiNames.has(word) && stream.match(/^\s*\(/, false)) return 'variableName.standard';
    if (stream.match(/^\s*\(/, false)) return 'variableName.function';
    return 'variableName';
  }
  if (/[{}()[\]]/.test(ch)) return 'bracket';
  if (/[+\-*/%=<>!&|^?.:;,~]/.test(ch)) {
    stream.eatWhile(/[+\-*/%=<>!&|^?.:~]/);
    return 'operator';
  }
  return null;
}

function tokenBlockComment(stream, state) {
  while (!stream.eol()) {
    if (stream.match('/*')) state.depth++;
    else if (stream.match('*/')) {
      if (--state.depth === 0) {
        state.tokenize = tokenBase;
        break;
      }
    } else stream.next();
  }
  return 'comment';
}

function tokenString(quote) {
  return (stream, state) => {
    let escaped = false;
    while (!stream.eol()) {
      const ch = stream.next();
      if (ch === quote && !escaped) {
        state.tokenize = tokenBase;
        return 'string';
      }
      escaped = !escaped && ch === '\\';
    }
    // Backtick strings span lines; a "…" string that runs off the line is closed there.
    if (quote === '"' && !escaped) state.tokenize = tokenBase;
    return 'string';
  };
}

export const rhai = StreamLanguage.define({
  name: 'rhai',
  startState: () => ({ tokenize: tokenBase, depth: 0, afterFn: false, nesting: 0 }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    const style = state.tokenize(stream, state);
    if (style === 'keyword' && stream.current() === 'fn') state.afterFn = true;
    if (style === 'bracket') state.nesting = Math.max(0, state.nesting + (/[{([]$/.test(stream.current()) ? 1 : -1));
    return style;
  },
  indent(state, textAfter, cx) {
    if (state.tokenize !== tokenBase) return null;
    return Math.max(0, state.nesting - (/^\s*[}\])]/.test(textAfter) ? 1 : 0)) * cx.unit;
  },
  languageData: {
    commentTokens: { line: '//', block: { open: '/*', close: '*/' } },
    closeBrackets: { brackets: ['(', '[', '{', '"', '`'] },
    indentOnInput: /^\s*[}\]]$/,
  },
});
