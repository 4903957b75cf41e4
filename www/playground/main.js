// The rule playground: wires the editor, the engine worker and the panels together.
//
//   state.js    the state in one place: where it starts from, what is autosaved, dirty or not
//   status.js   the status line
//   editor.js   (bundled) CodeMirror with Rhai highlighting, lint marks, completion
//   engine.js   the worker client: compile + score + cases + impact off the main thread
//   request.js  the request: generated form, raw JSON, case picker, today
//   results.js  the report, drawn by the <yesif-check> widget's own view
//   problems.js diagnostics, click to jump
//   tests.js    the test cases, pass/fail with expected vs actual
//   impact.js   what the edits change compared with the rules as loaded
//   persist.js  autosave, restore (link → autosave → default) and share links
//   history.js  the last 20 versions, kept before anything replaces the text, and their list
//
// `start()` builds the state, then one wiring function per panel connects it to the page. They
// share one context, `app`: the state, the panels, and `changed()`, which every edit (rules,
// request, today, cases) calls: it autosaves at once and schedules one debounced run.

import { createEditor } from '../dist/playground-editor.js';
import { Engine } from './engine.js';
import { RequestPanel } from './request.js';
import { ResultPanel } from './results.js';
import { ProblemsPanel, describeKind } from './problems.js';
import { TestsPanel, expectFrom } from './tests.js';
import { ImpactPanel } from './impact.js';
import { restore, saveLocal, shareUrl, clearHash, showInAddressBar, isShareLink, readShareLink } from './persist.js';
import { History, HistoryPanel } from './history.js';
import { createState, fingerprint, casesPrint, snapshot, isDirty } from './state.js';
import { setStatus } from './status.js';
import { byId, download, debounce } from './dom.js';

const DEFAULT_RULES = new URL('../rules/ld-intake.rhai', document.baseURI);
const DEFAULT_CASES = new URL('../rules/ld-intake.cases.json', document.baseURI);
const RUN_DELAY_MS = 250;
/** How long edits pause before the working version in the history is updated. */
const KEEP_DELAY_MS = 1000;

async function fetchText(url) {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${url.pathname}: ${res.status} ${res.statusText}`);
  return res.text();
}

async function start() {
  const [defaults, restored] = await Promise.all([loadDefaults(), restore()]);
  const { state, initialRules } = createState(defaults, restored);
  /** The wiring context: filled in by the functions below, in this order. */
  const app = { state, defaults };

  wireRequest(app);
  wireEditor(app, initialRules);
  wireEngine(app);
  wirePersistence(app);
  wireHistory(app);
  wireResults(app);
  wireFiles(app);
  wireShare(app);
  wireCases(app);
  wireKeys(app);

  byId('file-name').textContent = `· ${state.fileName}`;
  if (restored.source === 'link') {
    // The autosave is about to be replaced by the link's state: keep it in the history first.
    const saved = restored.saved;
    if (saved) app.history.keep({ rules: saved.rules, request: saved.request, today: saved.today }, 'Your work before a share link');
    app.history.keep(restored.state, 'Opened from a share link');
  } else if (initialRules !== defaults.rules) {
    app.history.keepWorking(app.current());
  }
  app.save();
  app.run();
  if (restored.source === 'link') {
    setStatus(restored.saved
      ? 'Opened the rules and request from a share link. Your earlier work is kept in History.'
      : 'Opened the rules and request from a share link.', { action: restored.saved ? { label: 'History', run: app.openHistory } : undefined });
  } else if (restored.linkError) {
    setStatus(`${restored.linkError}; your saved work is shown instead.`, { tone: 'bad' });
  } else if (restored.savedProblem && restored.source === 'saved') {
    setStatus(`Part of your autosaved work could not be read (${restored.savedProblem}); the rest was restored.`, { tone: 'bad' });
  } else if (restored.savedProblem) {
    setStatus(`Your autosaved work could not be read (${restored.savedProblem}); the defaults are shown.`, { tone: 'bad' });
  } else if (restored.source === 'saved') {
    setStatus('Restored your work from this browser.');
  }
  clearHash();
  if (defaults.error) setStatus(defaults.error, { tone: 'bad' });
}

/** The request panel: the request and `today` the rules are tried on, and the case picker. */
function wireRequest(app) {
  const { state } = app;
  app.request = new RequestPanel({
    onChange(req, today) {
      state.request = req;
      state.today = today;
      app.changed();
    },
  });
  app.request.setCases(state.cases);
  app.request.set(state.request, state.today);
}

/** The rules editor; edits go to `app.changed`. */
function wireEditor(app, initialRules) {
  app.editor = createEditor({
    host: byId('editor'),
    doc: initialRules,
    label: 'Rules (Rhai)',
    // aria-describedby cannot reach from the shadow root to the page, so the hint is copied.
    describedBy: byId('editor-keys').textContent,
    onChange: (text) => app.changed(text),
  });
  window.yesifPlayground = { editor: app.editor, state: app.state }; // for the browser tests and for curious leads
}

/** The engine worker, `app.run()` (now) and `app.runSoon()` (debounced), and the Stop button. */
function wireEngine(app) {
  const { state, editor } = app;
  let starts = 0;
  const engine = new Engine({
    onReady({ version, api }) {
      editor.setVocabulary({ api });
      // Said once; after Stop, "Stopped…" stays until the next run's summary.
      if (starts++ === 0) setStatus(`Rules engine ${version} ready.`, { run: true });
    },
    onResult: (res, job) => app.show(res, job),
    onFatal(message) {
      setStatus(message, { tone: 'bad' });
    },
    onBusy(busy) {
      document.body.dataset.busy = busy;
      // Not a sticky message: the run's own summary replaces it as soon as the run ends.
      if (busy === 'slow') setStatus('A rule is taking a long time.', { tone: 'bad', run: true, force: true, action: { label: 'Stop it', run: () => engine.stop() } });
      if (busy === 'stopped') {
        setStatus('Stopped: the rules engine was restarted. Edit the rules (or press Run again) to try once more.', {
          tone: 'bad',
          untilRun: true,
          action: { label: 'Run again', run: () => app.run() },
        });
      }
    },
  });
  app.engine = engine;
  app.run = () =>
    engine.run({
      source: editor.getText(),
      request: structuredClone(state.request),
      today: state.today,
      cases: state.cases,
      published: state.published,
    });
  app.runSoon = debounce(app.run, RUN_DELAY_MS);
  byId('stop').addEventListener('click', () => engine.stop());
}

/**
 * The autosave and the save-state note: `app.save()`, `app.dirty()`, and `app.changed()`. These
 * take the rules text when the caller has it already (the editor hands it over on every edit),
 * so a keystroke copies the text out of the editor only once.
 */
function wirePersistence(app) {
  const { state, editor } = app;
  const saveState = byId('save-state');
  let lastOutcome = 'saved';
  app.dirty = (text = editor.getText()) => isDirty(state, text);
  app.save = (text = editor.getText()) => {
    const outcome = saveLocal(snapshot(state, text));
    const unsaved = app.dirty(text);
    saveState.textContent = {
      saved: unsaved ? 'Saved in this browser · not downloaded' : 'Saved in this browser',
      'too-large': 'Too large to autosave: download your work',
      full: "Not saved: this browser's storage is full. Download your work",
      unavailable: 'Not saved: this browser does not allow storage. Download your work',
    }[outcome];
    saveState.dataset.dirty = String(unsaved || outcome !== 'saved');
    // Said once, when it starts: the note beside the rules heading stays while it lasts.
    if (outcome === 'full' && lastOutcome !== 'full') {
      setStatus("This browser's storage is full, so your work is no longer autosaved: download it (Ctrl+S), or free some storage for this site.", { tone: 'bad' });
    }
    lastOutcome = outcome;
  };
  app.changed = (text) => {
    clearHash();
    app.save(text);
    app.keepSoon();
    app.runSoon();
  };

  // Autosave runs on every change; this is for edits not yet downloaded as files.
  window.addEventListener('beforeunload', (e) => {
    const text = editor.getText();
    app.save(text);
    app.history.keepWorking(app.current(text));
    if (app.dirty(text)) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
}

/**
 * The version history: `app.keepSoon()` (the working version, after a pause), `app.keepBefore(note)`
 * (the current work, before something replaces it), `app.openHistory()`, and share links pasted
 * into the address bar of an open playground (`hashchange`), which replace the work only after
 * keeping it.
 */
function wireHistory(app) {
  const { state, editor, request } = app;
  const history = new History();
  app.history = history;
  app.current = (rules = editor.getText()) => ({ rules, request: state.request, today: state.today });
  app.keepSoon = debounce(() => history.keepWorking(app.current()), KEEP_DELAY_MS);
  app.keepBefore = (note) => {
    // The default rules are not work to keep: Reset brings them back.
    const current = app.current();
    if (current.rules !== app.defaults.rules) history.keep(current, note);
  };

  const dialog = byId('history-dialog');
  const panel = new HistoryPanel({
    list: byId('history-list'),
    onRestore(version) {
      dialog.close();
      replaceWork(version, 'Before restoring an older version', version.note);
      const when = new Date(version.time).toLocaleString();
      setStatus(`Restored the version of ${when}. What you had before is kept in History too.`, {
        action: { label: 'Undo', run: () => { editor.undo(); editor.focus(); } },
      });
      editor.focus();
    },
  });
  app.openHistory = () => {
    history.keepWorking(app.current());
    panel.render(history.versions, history.find(editor.getText())?.id ?? null);
    dialog.showModal();
    // Focus starts on the newest version the lead could go back to (else on Close).
    dialog.querySelector('#history-list .restore')?.focus();
  };
  byId('history').addEventListener('click', app.openHistory);

  /** Keeps the current work, then puts `version` (rules, request, today) in its place. */
  function replaceWork(version, noteBefore, noteAfter) {
    app.keepBefore(noteBefore);
    editor.setText(version.rules); // undoable: the previous text is one Ctrl+Z away
    state.request = structuredClone(version.request ?? {});
    if (version.today) state.today = version.today;
    request.set(state.request, state.today);
    history.keep(version, noteAfter);
    app.changed();
  }

  window.addEventListener('hashchange', async () => {
    if (!isShareLink(location.hash)) return;
    let link;
    try {
      link = await readShareLink(location.hash);
    } catch (e) {
      clearHash();
      setStatus(`The share link could not be read (${e.message}); your work is unchanged.`, { tone: 'bad' });
      return;
    }
    replaceWork(link, 'Your work before a share link', 'Opened from a share link');
    setStatus('Opened the rules and request from a share link. Your earlier work is kept in History.', {
      action: { label: 'History', run: app.openHistory },
    });
  });
}

/** The output panels (problems, result, tests, impact), redrawn by `app.show(result, job)`. */
function wireResults(app) {
  const { state, editor, request } = app;
  const problems = new ProblemsPanel({ onJump: (line, column) => editor.jumpTo(line, column) });
  const result = new ResultPanel({ onFocusField: focusField });
  const tests = new TestsPanel({ onLoadCase: loadCase });
  const impact = new ImpactPanel();

  app.show = (res, job) => {
    state.shown = job; // what the panels now show the results of (the tests wait on it)
    const compiled = res.compile.length === 0 && !res.crash;
    const diagnostics = [
      ...res.compile.map((d) => ({ ...d, origin: 'rules' })),
      ...res.scoreDiagnostics.map((d) => ({ ...d, origin: 'request' })),
      ...(res.crash ? [{ kind: 'runtime', message: res.crash, origin: 'rules' }] : []),
    ].map((d) => ({ ...d, source: describeKind(d) }));
    editor.setDiagnostics(diagnostics);
    problems.render(diagnostics);
    request.setFieldProblems(diagnostics.filter((d) => d.kind === 'input' && d.field));

    if (compiled) {
      request.setFields(res.fields);
      const forces = res.report?.forces ?? res.cases?.find((c) => c.report)?.report.forces;
      if (forces) state.forces = forces;
      editor.setVocabulary({ fields: res.fields, forces: state.forces });
      const info = res.info;
      byId('rules-info').textContent = `${info.name} ${info.version} · ${res.fields.length} fields · hash ${String(info.hash).slice(0, 12)} · ran in ${Math.round(res.ms)} ms`;
    }

    if (res.report) {
      state.report = res.report;
      result.render(res.report, { fields: res.fields });
    } else if (compiled) {
      state.report = null;
      const first = res.scoreDiagnostics[0];
      result.notice(first ? `This request cannot be scored: ${first.message}` : 'This request cannot be scored.');
    } else if (state.report) {
      result.render(state.report, { stale: true });
    } else {
      result.notice('The rules do not compile yet: see Problems.');
    }

    if (compiled) {
      state.lastCases = res.cases;
      tests.render(res.cases, { error: res.casesError });
    } else {
      tests.render(state.lastCases, { stale: true });
    }
    impact.render(compiled ? res.impact : null, { publishedName: state.publishedName });

    const failing = res.cases?.filter((c) => !c.passed).length ?? 0;
    if (!compiled) setStatus(`The rules do not compile: ${plural(diagnostics.length, 'problem')}.`, { tone: 'bad', run: true });
    else if (res.scoreDiagnostics.length) setStatus(`The rules compile, but this request fails: ${plural(res.scoreDiagnostics.length, 'problem')}.`, { tone: 'bad', run: true });
    else if (failing) setStatus(`Scored · ${plural(failing, 'test case')} failing.`, { tone: 'warn', run: true });
    else setStatus('Scored · tests pass.', { tone: 'good', run: true });
    if (res.engineRestart) {
      setStatus(`The rules engine failed (${res.engineRestart}) and was restarted; your rules and request are unchanged.`, { tone: 'bad' });
    }
  };

  function focusField(id) {
    const json = document.querySelector('input[name="request-view"][value="json"]');
    if (json.checked) {
      document.querySelector('input[name="request-view"][value="form"]').click();
    }
    const target = document.getElementById(`rq-${id}`) ?? document.querySelector(`[data-field="${CSS.escape(id)}"] input`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }

  function loadCase(index) {
    // The request panel reports the change (its onChange above), as when picked from its list.
    const c = request.loadCase(index);
    if (c) setStatus(`Loaded the case “${c.name}” into the request.`);
  }
}

/** The file buttons: open (rules or cases), download rules (`app.downloadRules`), reset. */
function wireFiles(app) {
  const { state, editor, request, defaults } = app;

  app.downloadRules = () => {
    const text = editor.getText();
    download(state.fileName, text);
    state.downloaded.rules = fingerprint(text);
    app.save(text);
    setStatus(`Downloaded ${state.fileName}. Put it where the widget's rules attribute points to publish it.`);
  };
  byId('download-rules').addEventListener('click', app.downloadRules);

  const fileInput = byId('open-file');
  byId('open-file-button').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    const text = await file.text();
    if (/\.json$/i.test(file.name)) {
      let cases;
      try {
        cases = JSON.parse(text);
        if (!Array.isArray(cases)) throw new Error('it is not a list of cases');
      } catch (e) {
        setStatus(`${file.name} is not a cases file: ${e.message}`, { tone: 'bad' });
        return;
      }
      state.cases = cases;
      state.origin.cases = 'file';
      state.downloaded.cases = casesPrint(state);
      request.setCases(cases);
      app.changed();
      setStatus(`Opened ${plural(cases.length, 'test case')} from ${file.name}.`);
      return;
    }
    app.keepBefore(`Before opening ${file.name}`);
    editor.setText(text); // undoable: the previous text is one Ctrl+Z away
    state.published = text;
    state.publishedName = file.name;
    state.origin.rules = 'file';
    state.fileName = file.name;
    state.downloaded.rules = fingerprint(text);
    byId('file-name').textContent = `· ${file.name}`;
    app.changed();
    setStatus(`Opened ${file.name}; the impact preview now compares with it.`, {
      action: { label: 'Undo', run: () => editor.undo() },
    });
  });

  const resetDialog = byId('reset-dialog');
  byId('reset').addEventListener('click', () => {
    resetDialog.returnValue = '';
    resetDialog.showModal();
  });
  resetDialog.addEventListener('close', () => {
    if (resetDialog.returnValue !== 'reset') return;
    app.keepBefore('Before a reset');
    editor.setText(defaults.rules);
    setStatus('Reset to the default rules.', { action: { label: 'Undo', run: () => { editor.undo(); editor.focus(); } } });
  });
}

/** The Share link button. */
function wireShare(app) {
  const { state, editor } = app;
  byId('share').addEventListener('click', async () => {
    const url = await shareUrl({ rules: editor.getText(), request: state.request, today: state.today });
    showInAddressBar(url);
    const out = byId('share-url');
    out.value = url;
    byId('share-output').hidden = false;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      out.focus();
      out.select();
    }
    const long = url.length > 32_000 ? ` It is long (${Math.round(url.length / 1024)} KB): some chat tools cut long links, so send the downloaded rules if it does not open.` : '';
    setStatus((copied ? 'Share link copied: it opens these rules and this request.' : 'Share link ready: copy it from the box below the toolbar.') + long);
  });
}

/** The cases panel's buttons: add the current request as a case, download the cases. */
function wireCases(app) {
  const { state, request } = app;
  byId('download-cases').addEventListener('click', () => {
    const text = `${JSON.stringify(state.cases, null, 2)}\n`;
    const name = state.fileName.replace(/\.rhai$/, '') + '.cases.json';
    download(name, text, 'application/json');
    state.downloaded.cases = casesPrint(state);
    app.save();
    setStatus(`Downloaded ${name}.`);
  });

  const caseDialog = byId('case-dialog');
  byId('add-case').addEventListener('click', () => {
    if (!state.report) {
      setStatus('The current request has no report yet, so there is nothing to expect: fix the problems first.', { tone: 'bad' });
      return;
    }
    const expect = expectFrom(state.report);
    byId('case-name').value = '';
    byId('case-expect').textContent = `It will expect tier “${expect.tier}”, training fit “${expect.training_fit}” and a score from ${expect.score_min} to ${expect.score_max}. Edit the downloaded file to pin more.`;
    caseDialog.returnValue = '';
    caseDialog.showModal();
  });
  caseDialog.addEventListener('close', () => {
    const name = byId('case-name').value.trim();
    if (caseDialog.returnValue !== 'add' || !name || !state.report) return;
    state.origin.cases = 'edited';
    state.cases = [...state.cases, { name, today: state.today, request: structuredClone(state.request), expect: expectFrom(state.report) }];
    request.setCases(state.cases);
    app.changed();
    setStatus(`Added the case “${name}”. Download the cases to keep it with the rules.`);
  });
}

/** Page-wide keys: Ctrl+S downloads the rules. */
function wireKeys(app) {
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key === 's') {
      e.preventDefault();
      app.downloadRules();
    }
  });
}

async function loadDefaults() {
  const [rules, cases] = await Promise.allSettled([fetchText(DEFAULT_RULES), fetchText(DEFAULT_CASES).then(JSON.parse)]);
  const out = { rules: '', cases: [], error: null };
  if (rules.status === 'fulfilled') out.rules = rules.value;
  else out.error = `The default rules could not be loaded (${rules.reason.message}).`;
  if (cases.status === 'fulfilled' && Array.isArray(cases.value)) out.cases = cases.value;
  return out;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

start().catch((e) => {
  console.error(e);
  setStatus(`The playground failed to start: ${e.message}`, { tone: 'bad' });
});
