// The rule playground: wires the editor, the engine worker and the panels together.
//
//   editor.js   (bundled) CodeMirror with Rhai highlighting, lint marks, completion
//   engine.js   the worker client: compile + score + cases + impact off the main thread
//   request.js  the request: generated form, raw JSON, case picker, today
//   results.js  the report, drawn by the <yesif-check> widget's own view
//   problems.js diagnostics, click to jump
//   tests.js    the test cases, pass/fail with expected vs actual
//   impact.js   what the edits change compared with the rules as loaded
//   persist.js  autosave, restore (link → autosave → default) and share links
//
// Every edit (rules, request, today, cases) autosaves at once and schedules one debounced run.

import { createEditor } from '../dist/playground-editor.js';
import { Engine } from './engine.js';
import { RequestPanel } from './request.js';
import { ResultPanel } from './results.js';
import { ProblemsPanel, describeKind } from './problems.js';
import { TestsPanel, expectFrom } from './tests.js';
import { ImpactPanel } from './impact.js';
import { restore, saveLocal, shareUrl, clearHash, showInAddressBar } from './persist.js';
import { h, byId, replace, download, debounce } from './dom.js';

const DEFAULT_RULES = new URL('../rules/ld-intake.rhai', document.baseURI);
const DEFAULT_CASES = new URL('../rules/ld-intake.cases.json', document.baseURI);
const RUN_DELAY_MS = 250;

/** A short fingerprint of a text, to know whether it has been downloaded. */
function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36) + ':' + text.length;
}

function localDate() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function fetchText(url) {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${url.pathname}: ${res.status} ${res.statusText}`);
  return res.text();
}

const statusEl = byId('status');
/** How long a message about something the lead did stays before run summaries replace it. */
const MESSAGE_MS = 5000;
let messageAt = 0;

/** Says what just happened (restored, downloaded, stopped…), with an optional action button. */
function setStatus(text, { tone = 'info', action, run = false, force = false } = {}) {
  if (run && !force && Date.now() - messageAt < MESSAGE_MS) return;
  // A forced run message (a slow run) replaces any message, and the run's end replaces it.
  messageAt = run ? 0 : Date.now();
  // The status is a live region: the same words again are not news, so are not re-announced.
  if (!action && statusEl.dataset.tone === tone && statusEl.textContent === text) return;
  statusEl.dataset.tone = tone;
  replace(statusEl, text, action ? ' ' : null, action ? h('button', { type: 'button', class: 'link-button', onclick: action.run }, action.label) : null);
}

async function start() {
  const [defaults, restored] = await Promise.all([loadDefaults(), restore()]);
  const saved = restored.state;
  const firstCase = defaults.cases[0];

  // Where the published rules and the cases came from: "server" (the defaults, refetched on
  // every visit, so a newly published rubric shows), "file" (opened), or "edited" (cases).
  const fromSave = restored.source === 'saved' ? saved : null;
  const origin = { rules: 'server', cases: 'server', ...fromSave?.origin };
  const publishedFromFile = origin.rules === 'file' && typeof fromSave?.published === 'string';

  /** Everything the playground keeps; the rules text itself lives in the editor. */
  const state = {
    origin,
    request: saved?.request ?? structuredClone(firstCase?.request ?? {}),
    today: saved?.today ?? firstCase?.today ?? localDate(),
    cases: origin.cases !== 'server' && Array.isArray(fromSave?.cases) ? fromSave.cases : defaults.cases,
    published: publishedFromFile ? fromSave.published : defaults.rules,
    publishedName: (publishedFromFile && fromSave.publishedName) || 'ld-intake.rhai',
    fileName: fromSave?.fileName || 'ld-intake.rhai',
    downloaded: fromSave?.downloaded ?? null,
    report: null,
    lastCases: null,
    forces: [],
  };
  // Saved rules that were never edited follow the server's defaults, which may have moved on.
  // (Saves from before `unedited` was kept carry the published rules to compare with.)
  const unedited = Boolean(fromSave && !publishedFromFile && (fromSave.unedited ?? fromSave.rules === fromSave.published));
  const initialRules = unedited ? defaults.rules : saved?.rules ?? defaults.rules;

  // The cases' fingerprint, kept per cases array: every keystroke asks whether the work is
  // downloaded, and the cases (tens of KB) rarely change. This holds because state.cases is
  // only ever replaced with a new array, never changed in place.
  let printedCases = null;
  let casesPrintText = '';
  function casesPrint() {
    if (printedCases !== state.cases) {
      printedCases = state.cases;
      casesPrintText = fingerprint(JSON.stringify(state.cases));
    }
    return casesPrintText;
  }

  // What counts as "on disk": the rules as loaded, opened, shared or last downloaded.
  state.downloaded ??= { rules: fingerprint(initialRules), cases: casesPrint() };
  if (unedited) state.downloaded.rules = fingerprint(initialRules);
  if (origin.cases === 'server') state.downloaded.cases = casesPrint();

  const problems = new ProblemsPanel({ onJump: (line, column) => editor.jumpTo(line, column) });
  const result = new ResultPanel({ onFocusField: focusField });
  const tests = new TestsPanel({ onLoadCase: loadCase });
  const impact = new ImpactPanel();
  const request = new RequestPanel({
    onChange(req, today) {
      state.request = req;
      state.today = today;
      changed();
    },
  });
  request.setCases(state.cases);
  request.set(state.request, state.today);

  const editor = createEditor({
    host: byId('editor'),
    doc: initialRules,
    label: 'Rules (Rhai)',
    // aria-describedby cannot reach from the shadow root to the page, so the hint is copied.
    describedBy: byId('editor-keys').textContent,
    onChange: changed,
  });
  window.yesifPlayground = { editor, state }; // for the browser tests and for curious leads

  const engine = new Engine({
    onReady({ version, api }) {
      editor.setVocabulary({ api });
      setStatus(`Rules engine ${version} ready.`, { run: true });
    },
    onResult: show,
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
          action: { label: 'Run again', run: () => run() },
        });
      }
    },
  });

  const run = () =>
    engine.run({
      source: editor.getText(),
      request: structuredClone(state.request),
      today: state.today,
      cases: state.cases,
      published: state.published,
    });
  const runSoon = debounce(run, RUN_DELAY_MS);

  // These take the rules text when the caller has it already (the editor hands it over on
  // every edit), so a keystroke copies the text out of the editor only once. The autosave
  // leaves out what the next visit fetches again anyway: the default cases, and the published
  // rules when they came from the server (only whether they were edited is kept).
  function snapshot(text = editor.getText()) {
    const fromFile = state.origin.rules === 'file';
    return {
      v: 1,
      rules: text,
      request: state.request,
      today: state.today,
      cases: state.origin.cases === 'server' ? undefined : state.cases,
      published: fromFile ? state.published : undefined,
      unedited: fromFile ? undefined : text === state.published,
      publishedName: state.publishedName,
      origin: state.origin,
      fileName: state.fileName,
      downloaded: state.downloaded,
    };
  }

  function dirty(text = editor.getText()) {
    return fingerprint(text) !== state.downloaded.rules || casesPrint() !== state.downloaded.cases;
  }

  const saveState = byId('save-state');
  function save(text = editor.getText()) {
    const ok = saveLocal(snapshot(text));
    const unsaved = dirty(text);
    saveState.textContent = ok
      ? unsaved ? 'Saved in this browser · not downloaded' : 'Saved in this browser'
      : 'Too large to autosave: download your work';
    saveState.dataset.dirty = String(unsaved);
  }

  function changed(text) {
    clearHash();
    save(text);
    runSoon();
  }

  byId('file-name').textContent = `· ${state.fileName}`;
  save();
  run();
  if (restored.source === 'link') {
    setStatus('Opened the rules and request from a share link.');
  } else if (restored.linkError) {
    setStatus(`${restored.linkError}; your saved work is shown instead.`, { tone: 'bad' });
  } else if (restored.source === 'saved') {
    setStatus('Restored your work from this browser.');
  }
  clearHash();
  if (defaults.error) setStatus(defaults.error, { tone: 'bad' });

  // ----- results -----

  function show(res, job) {
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
  }

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

  // ----- toolbar -----

  byId('download-rules').addEventListener('click', downloadRules);
  function downloadRules() {
    const text = editor.getText();
    download(state.fileName, text);
    state.downloaded.rules = fingerprint(text);
    save(text);
    setStatus(`Downloaded ${state.fileName}. Put it where the widget's rules attribute points to publish it.`);
  }

  byId('download-cases').addEventListener('click', () => {
    const text = `${JSON.stringify(state.cases, null, 2)}\n`;
    const name = state.fileName.replace(/\.rhai$/, '') + '.cases.json';
    download(name, text, 'application/json');
    state.downloaded.cases = casesPrint();
    save();
    setStatus(`Downloaded ${name}.`);
  });

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
      state.downloaded.cases = casesPrint();
      request.setCases(cases);
      changed();
      setStatus(`Opened ${plural(cases.length, 'test case')} from ${file.name}.`);
      return;
    }
    editor.setText(text); // undoable: the previous text is one Ctrl+Z away
    state.published = text;
    state.publishedName = file.name;
    state.origin.rules = 'file';
    state.fileName = file.name;
    state.downloaded.rules = fingerprint(text);
    byId('file-name').textContent = `· ${file.name}`;
    changed();
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
    editor.setText(defaults.rules);
    setStatus('Reset to the default rules.', { action: { label: 'Undo', run: () => { editor.undo(); editor.focus(); } } });
  });

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

  byId('stop').addEventListener('click', () => engine.stop());

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
    changed();
    setStatus(`Added the case “${name}”. Download the cases to keep it with the rules.`);
  });

  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key === 's') {
      e.preventDefault();
      downloadRules();
    }
  });

  // Autosave runs on every change; this is for edits not yet downloaded as files.
  window.addEventListener('beforeunload', (e) => {
    const text = editor.getText();
    save(text);
    if (dirty(text)) {
      e.preventDefault();
      e.returnValue = '';
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
