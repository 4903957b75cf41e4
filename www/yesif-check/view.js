// The widget's shadow DOM: built once with createElement, then updated in place. Every text
// that comes from a user or a rule file is set with `textContent`, never parsed as HTML, and a
// node is only touched when what it shows changes, so the live region announces real changes
// and typing stays cheap.

/** `el('p', {part: 'x', class: 'y'}, child…)`: an element with attributes and children. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** What identifies a finding from one render to the next, so its list item is kept. */
const findingKey = (f) => `${f.field}|${f.message}`;

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function setAttr(node, name, value) {
  if (value == null) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

function bar(part, labelledBy) {
  const fill = el('div', { class: 'fill' });
  const meter = el('div', {
    class: 'bar',
    part,
    role: 'meter',
    'aria-valuemin': '0',
    'aria-valuemax': '100',
    'aria-valuenow': '0',
    'aria-labelledby': labelledBy,
  }, fill);
  return { meter, fill };
}

function setBar({ meter, fill }, value, max, text) {
  const pct = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  setAttr(meter, 'aria-valuemax', String(max));
  setAttr(meter, 'aria-valuenow', String(value));
  setAttr(meter, 'aria-valuetext', text);
  const width = `${pct.toFixed(1)}%`;
  // CSSOM, not a style attribute: allowed under a strict style-src.
  if (fill.style.inlineSize !== width) fill.style.inlineSize = width;
}

const lists = new WeakMap();
const bars = new WeakMap();

/**
 * Makes `ul`'s children match `items`, reusing the node of each key: `create(item, key)`
 * builds a node, `update(node, item)` refreshes it.
 */
function syncList(ul, items, keyOf, create, update) {
  const old = lists.get(ul) ?? new Map();
  const next = new Map();
  let before = ul.firstChild;
  for (const item of items) {
    let key = keyOf(item);
    while (next.has(key)) key += '\u0000';
    let node = old.get(key);
    if (node) old.delete(key);
    else node = create(item, key);
    update(node, item);
    next.set(key, node);
    if (node === before) before = node.nextSibling;
    else ul.insertBefore(node, before);
  }
  for (const node of old.values()) node.remove();
  lists.set(ul, next);
}

let ids = 0;

/** Builds the widget's DOM into `root` and returns its `render`/`notice` functions. */
export function createView(root, { onFocusField, canFocus }) {
  const uid = `yc${++ids}`;
  const title = el('h2', { part: 'title', id: `${uid}-title` }, 'Request check');
  const tier = el('p', { part: 'tier', class: 'tier' });
  const tierMessage = el('p', { part: 'tier-message', class: 'tier-message' });
  const summary = el('p', { part: 'summary', class: 'summary' });
  const notice = el('p', { part: 'notice', class: 'notice', hidden: '' });
  const status = el('div', { part: 'status', class: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' },
    tier, tierMessage, summary, notice);

  const scoreLabel = el('span', { class: 'label', id: `${uid}-score` }, 'How ready it is');
  const scoreNum = el('span', { class: 'num', 'aria-hidden': 'true' });
  const scoreBar = bar('meter', `${uid}-score`);
  const score = el('div', { part: 'score', class: 'score' }, scoreLabel, scoreNum, scoreBar.meter);

  const forces = el('ul', { part: 'forces', class: 'forces' });
  const forcesBlock = el('div', {}, el('h3', { id: `${uid}-forces` }, 'Where the points come from'), forces);
  forces.setAttribute('aria-labelledby', `${uid}-forces`);

  const fitVerdict = el('p', { class: 'fit-verdict' });
  const fitReason = el('p', { class: 'fit-reason' });
  const fit = el('div', { part: 'fit', class: 'fit' }, el('h3', {}, 'Is training the fix?'), fitVerdict, fitReason);

  const understood = el('ul', { part: 'understood', class: 'understood', 'aria-labelledby': `${uid}-read` });
  const understoodBlock = el('div', {}, el('h3', { id: `${uid}-read` }, 'What we read from your answers'), understood);

  const gapsHeading = el('h3', { id: `${uid}-gaps` }, 'What to add');
  const gaps = el('ul', { part: 'gaps', class: 'checklist', 'aria-labelledby': `${uid}-gaps` });
  const gapList = collapsible('more', (shown) => syncList(gaps, shown, findingKey, gapItem, updateGapItem));
  const gapsBlock = el('div', {}, gapsHeading, gaps, gapList.button);

  // Gaps on fields the form does not ask: not the requester's to-do, so no link and no box.
  const followups = el('ul', { part: 'followups', class: 'followups', 'aria-labelledby': `${uid}-later` });
  const followupList = collapsible('more-followups', (shown) => syncList(followups, shown, (q) => q, () => el('li', { part: 'followup' }), setText));
  const followupsBlock = el('div', { part: 'followups-block' },
    el('h3', { id: `${uid}-later` }, 'L&D will ask you about…'),
    el('p', { class: 'hint' }, 'Your form doesn’t ask these, so there is nothing to do now: L&D will talk them through with you.'),
    followups, followupList.button);

  const warnings = el('ul', { part: 'warnings', class: 'checklist', 'aria-labelledby': `${uid}-warn` });
  const warningsBlock = el('div', {}, el('h3', { id: `${uid}-warn` }, 'Worth checking'), warnings);

  const conditions = el('ul', { part: 'conditions', class: 'conditions', 'aria-labelledby': `${uid}-yes` });
  const conditionsBlock = el('div', {}, el('h3', { id: `${uid}-yes` }, 'How L&D can say yes'), conditions);

  const strengthsSummary = el('summary', {});
  const strengths = el('ul', { class: 'strengths' });
  const strengthsBlock = el('details', { part: 'strengths' }, strengthsSummary, strengths);

  const footer = el('p', { part: 'footer', class: 'footer' });
  const results = el('div', { part: 'results', hidden: '' }, understoodBlock, score, forcesBlock, fit, gapsBlock, followupsBlock, warningsBlock, conditionsBlock, strengthsBlock, footer);

  const panel = el('section', { part: 'panel', class: 'panel', 'aria-labelledby': `${uid}-title` }, title, status, results);
  root.append(panel);
  setText(tier, 'Checking your request…');

  let labels = new Map();

  function focusLink(text) {
    const link = el('a', { part: 'focus-link', href: '#' }, text, el('span', { class: 'visually-hidden' }));
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onFocusField(link.dataset.field);
    });
    return link;
  }

  /** Points `link` at `field` (hidden when the form has no control for it). */
  function aimLink(link, field) {
    link.hidden = !field || !canFocus(field);
    if (field) {
      link.dataset.field = field;
      // Short visible text; the field's label completes the accessible name.
      setText(link.lastChild, `: ${labels.get(field) ?? field}`);
    }
  }

  function understoodItem() {
    return el('li', { part: 'understood-item' }, el('span', {}), ' ', focusLink('Change'));
  }

  function updateUnderstoodItem(node, item) {
    setText(node.firstChild, `Understood: ${item.text}`);
    aimLink(node.lastChild, item.field);
  }

  function gapItem(finding) {
    const link = focusLink('Answer this');
    const node = el('li', { part: finding.kind, class: `item ${finding.kind}` },
      el('span', { class: 'box', 'aria-hidden': 'true' }),
      el('p', { class: 'message' }),
      el('p', { part: 'question', class: 'question' }),
      link);
    return node;
  }

  function updateGapItem(node, finding) {
    const [, message, question, link] = node.children;
    setText(message, finding.message);
    setText(question, finding.question ? `L&D will ask: “${finding.question}”` : '');
    question.hidden = !finding.question;
    aimLink(link, finding.field);
  }

  /**
   * Sets the panel's head, which every state has: its state and tier, the title, message and
   * summary, the notice (shown when it has text), and whether the results below it show.
   * @param {{state?: string | null, tierId?: string | null, title: string, message?: string, summary?: string, note?: string, showResults?: boolean}} parts
   */
  function head({ state = null, tierId = null, title, message = '', summary: summaryText = '', note = '', showResults = false }) {
    setAttr(panel, 'data-state', state);
    setAttr(panel, 'data-tier', tierId);
    setText(tier, title);
    setText(tierMessage, message);
    setText(summary, summaryText);
    setText(notice, note);
    notice.hidden = !note;
    results.hidden = !showResults;
  }

  return {
    /** Remembers the declared fields' labels, for the focus links. */
    setFields(fields) {
      labels = new Map(fields.map((f) => [f.id, f.label]));
    },

    /** Before anything is answered: an invitation, not a verdict. */
    start(report) {
      head({ title: 'Ready when you are', message: 'Start filling in the form: this check shows, as you type, how ready your request is and what L&D will ask.' });
      setText(footer, `${report.rules.name} ${report.rules.version} · as of ${report.today}`);
    },

    /**
     * @param {import('../pkg/yesif.js').Report} report
     * @param {{unreadable?: string[]}} [options] the fields whose values the rules could not read
     */
    render(report, { unreadable = [] } = {}) {
      // Gaps on fields the form asks are the requester's to add; the others are L&D's to ask.
      const open = report.findings.filter((f) => f.kind === 'gap' && f.asked !== false);
      const watch = report.findings.filter((f) => f.kind === 'warning');
      const good = report.findings.filter((f) => f.kind === 'strength');
      const unread = unreadable.map((id) => labels.get(id) ?? id);
      head({
        tierId: report.tier.id,
        title: report.tier.label,
        message: report.tier.message,
        // Never "17 things to add" after three answers: the next few, and the rest on request.
        summary: open.length > 0 ? (open.length === 1 ? '1 thing to add.' : open.length <= GAP_LIMIT ? `${open.length} things to add.` : 'A few things to add: start with the first three.')
          : report.followups.length > 0 ? 'Nothing more to add here.' : 'Nothing missing.',
        note: unread.length ? `We couldn't read your answer to ${unread.map((l) => `“${l}”`).join(', ')}, so it isn't counted yet.` : '',
        showResults: true,
      });

      setText(scoreNum, `${report.score} / 100`);
      setBar(scoreBar, report.score, 100, `${report.score} out of 100`);
      syncList(forces, report.forces, (f) => f.id, () => {
        const name = el('span', { class: 'force-label', id: `${uid}-f${++ids}` });
        const num = el('span', { class: 'num', 'aria-hidden': 'true' });
        const b = bar('force-meter', name.id);
        const li = el('li', { part: 'force', class: 'force' }, name, num, b.meter);
        bars.set(li, b);
        return li;
      }, (li, f) => {
        setText(li.children[0], f.label);
        setText(li.children[1], `${f.score} / ${f.max}`);
        setBar(bars.get(li), f.score, f.max, `${f.score} out of ${f.max}`);
      });

      setAttr(fit, 'data-fit', report.trainingFit.id);
      setText(fitVerdict, FIT_TEXT[report.trainingFit.id] ?? report.trainingFit.id);
      setText(fitReason, report.trainingFit.reason);

      understoodBlock.hidden = report.understood.length === 0;
      syncList(understood, report.understood, (u) => `${u.field}|${u.text}`, understoodItem, updateUnderstoodItem);

      gapsBlock.hidden = open.length === 0;
      setText(gapsHeading, 'What to add next');
      gapList.set(open);
      followupsBlock.hidden = report.followups.length === 0;
      followupList.set(report.followups);
      warningsBlock.hidden = watch.length === 0;
      syncList(warnings, watch, findingKey, gapItem, updateGapItem);

      conditionsBlock.hidden = report.conditions.length === 0;
      syncList(conditions, report.conditions, (c) => c, () => el('li', { part: 'condition' }), setText);

      strengthsBlock.hidden = good.length === 0;
      setText(strengthsSummary, `Already strong (${good.length})`);
      syncList(strengths, good, findingKey, () => el('li', { part: 'strength' }), (li, f) => setText(li, f.message));

      setText(footer, `${report.rules.name} ${report.rules.version} · as of ${report.today}`);
    },

    /** Replaces the results with a short, polite notice. */
    notice(text) {
      head({ state: 'unavailable', title: 'Feedback unavailable', note: text });
    },

    /** Back to the initial "checking" state. */
    loading() {
      head({ title: 'Checking your request…' });
    },
  };
}

/** How many items of a long list show before its "Show N more" button. */
const GAP_LIMIT = 3;

/**
 * A list (its button's `part` given) that shows its first GAP_LIMIT items (the rules raise the most important first) and a
 * "Show N more" / "Show fewer" button. `render(shown)` fills the list; `set(items)` updates it.
 */
function collapsible(part, render) {
  const button = el('button', { part, class: 'more', type: 'button', 'aria-expanded': 'false', hidden: '' });
  let expanded = false;
  let items = [];
  const show = () => {
    render(expanded ? items : items.slice(0, GAP_LIMIT));
    const hiddenCount = items.length - GAP_LIMIT;
    button.hidden = hiddenCount <= 0;
    setAttr(button, 'aria-expanded', String(expanded));
    setText(button, expanded ? 'Show fewer' : `Show ${hiddenCount} more`);
  };
  button.addEventListener('click', () => {
    expanded = !expanded;
    show();
  });
  return {
    button,
    set(next) {
      items = next;
      show();
    },
  };
}

const FIT_TEXT = {
  likely: 'Likely: training can help',
  mixed: 'Partly: some causes are not about skills',
  unlikely: 'Unlikely: this looks like a non-training fix',
  unknown: 'Not clear yet',
};
