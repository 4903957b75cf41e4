// The playground's state, in one place: what it starts from (a share link, the autosave or the
// defaults), what the autosave keeps of it, and whether the work has been downloaded.
// The rules text itself lives in the editor; every function here takes it as an argument.

/** A short fingerprint of a text, to know whether it has been downloaded. */
export function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36) + ':' + text.length;
}

/** The visitor's local date, `YYYY-MM-DD`. */
export function localDate() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The state to start from, given the defaults (`{rules, cases}` as fetched) and what `restore()`
 * found. Returns `{state, initialRules}`: the rules text goes to the editor, the rest here.
 */
export function createState(defaults, restored) {
  const saved = restored.state;
  const firstCase = defaults.cases[0];

  // Where the published rules and the cases came from: "server" (the defaults, refetched on
  // every visit, so a newly published rubric shows), "file" (opened), or "edited" (cases).
  const fromSave = restored.source === 'saved' ? saved : null;
  const origin = { rules: 'server', cases: 'server', ...fromSave?.origin };
  const publishedFromFile = origin.rules === 'file' && typeof fromSave?.published === 'string';

  const state = {
    origin,
    request: saved?.request ?? structuredClone(firstCase?.request ?? {}),
    today: saved?.today ?? firstCase?.today ?? localDate(),
    cases: origin.cases !== 'server' && Array.isArray(fromSave?.cases) ? fromSave.cases : defaults.cases,
    published: publishedFromFile ? fromSave.published : defaults.rules,
    publishedName: (publishedFromFile && fromSave.publishedName) || 'ld-intake.rhai',
    fileName: fromSave?.fileName || 'ld-intake.rhai',
    downloaded: fromSave?.downloaded ?? null,
    report: null, // the last report shown, for "add as case"
    lastCases: null, // the last case results, shown (stale) while the rules do not compile
    forces: [], // the forces of the last rules that compiled, for completion
    shown: null, // the job whose results the panels show (the tests wait on it)
  };
  // Saved rules that were never edited follow the server's defaults, which may have moved on.
  // (Saves from before `unedited` was kept carry the published rules to compare with.)
  const unedited = Boolean(fromSave && !publishedFromFile && (fromSave.unedited ?? fromSave.rules === fromSave.published));
  const initialRules = unedited ? defaults.rules : saved?.rules ?? defaults.rules;

  // What counts as "on disk": the rules as loaded, opened, shared or last downloaded. Saved
  // work that does not say (its record could not be read) counts as not downloaded.
  state.downloaded ??= { rules: fromSave ? '' : fingerprint(initialRules), cases: casesPrint(state) };
  if (unedited) state.downloaded.rules = fingerprint(initialRules);
  if (origin.cases === 'server') state.downloaded.cases = casesPrint(state);
  return { state, initialRules };
}

// The cases' fingerprint, kept per cases array: every keystroke asks whether the work is
// downloaded, and the cases (tens of KB) rarely change. This holds because state.cases is only
// ever replaced with a new array, never changed in place.
const casesPrints = new WeakMap();

/** The fingerprint of `state.cases`. */
export function casesPrint(state) {
  let print = casesPrints.get(state.cases);
  if (print === undefined) {
    print = fingerprint(JSON.stringify(state.cases));
    casesPrints.set(state.cases, print);
  }
  return print;
}

/**
 * What the autosave keeps, with `rules` the editor's text. It leaves out what the next visit
 * fetches again anyway: the default cases, and the published rules when they came from the
 * server (only whether they were edited is kept).
 */
export function snapshot(state, rules) {
  const fromFile = state.origin.rules === 'file';
  return {
    v: 1,
    rules,
    request: state.request,
    today: state.today,
    cases: state.origin.cases === 'server' ? undefined : state.cases,
    published: fromFile ? state.published : undefined,
    unedited: fromFile ? undefined : rules === state.published,
    publishedName: state.publishedName,
    origin: state.origin,
    fileName: state.fileName,
    downloaded: state.downloaded,
  };
}

/** True when `rules` or the cases differ from what was last downloaded (or opened). */
export function isDirty(state, rules) {
  return fingerprint(rules) !== state.downloaded.rules || casesPrint(state) !== state.downloaded.cases;
}
