// The decide panel: a finished solve's moves as the rows of its decisions.csv, each marked accept, reject,
// keep or pending with a note; re-plan with them (a solve on the pool, live, with Stop),
// then the re-plan's review and its report, and its own rows to decide further; save
// the rows as decisions.csv or load a file; adopt them into a register.
import { $, api, current, errorText, h, lang, message, num, numberFieldOk, panels, pct, put, refreshJobs, resultSentence, state, stateWord, t, watch } from './core.mjs';
import { problemTable } from './scenarios.mjs';
import { tile } from './solve.mjs';
import { formatDay, formatSigned, markSet, markUndo, marksBody as marksOf, referenceText, refusalWords, rosterMark, verdictCounts } from './text.mjs';
import { confirmDialog } from './whatif.mjs';

export const VERDICTS = ['accept', 'reject', 'keep', 'hold', 'pending'];
export const decide = { job: null, sheet: null, sheetKey: null, marks: new Map(), replan: null, limit: '', file: '', loadPath: '',
  notice: null, register: '', asOf: '', effective: '', reference: '', note: '', adopted: null, history: null };
const isoDay = (d) => formatDay(d, lang);
const signed = (x, places) => formatSigned(x, places, lang);
const marksBody = () => marksOf(decide.marks);
const refText = (reference) => referenceText(reference, t, lang);

panels.decide = {
  tab: 'tabDecide',
  section: null,
  async build(section, arg) {
    this.section = section;
    if (arg?.job && arg.job !== decide.job) { decide.job = arg.job; decide.sheet = null; decide.adopted = null; decide.history = null; decide.notice = null; }
    put(section, h('h2', {}, t('tabDecide')), message('wait', t('loading')));
    await refreshJobs();
    const finished = state.jobs.jobs.filter((j) => j.kind === 'solve' && j.state === 'finished' && j.result?.hasPlan);
    if (!decide.job && finished.length) decide.job = finished[0].id;
    if (!decide.job) { put(section, h('h2', {}, t('tabDecide')), h('p', { class: 'muted' }, t('decideIntro')), message('wait', t('decideNone'))); return; }
    const key = decide.job + '|' + lang;
    if (decide.sheetKey !== key) {
      const r = await api('GET', `/api/jobs/${decide.job}/decisions?lang=${lang}`);
      if (!r.ok) { put(section, h('h2', {}, t('tabDecide')), message('bad', errorText(r.data))); return; }
      this.take(r.data, decide.sheet?.job === decide.job);
    }
    const pickSolve = h('select', { id: 'decide-job', onchange: (e) => { this.build(section, { job: e.target.value }); } },
      (finished.some((j) => j.id === decide.job) ? finished : [{ id: decide.job, path: decide.sheet.path }, ...finished]).map((j) => h('option', { value: j.id, selected: j.id === decide.job },
        `${j.path} · ${j.id}` + (j.replanOf ? ' · ' + t('kind_replan') : '') + (j.result ? ' · ' + resultSentence(j.result) : ''))));
    put(section,
      h('h2', {}, t('tabDecide')), h('p', { class: 'muted' }, t('decideIntro')),
      h('div', { class: 'row' }, h('label', { class: 'field grow' }, h('span', {}, t('decideSolve')), pickSolve)),
      h('div', { id: 'decide-review' }),
      h('div', { id: 'decide-table' }),
      h('div', { id: 'decide-actions' }),
      h('div', { id: 'decide-message' }),
      h('div', { id: 'decide-progress' }),
      h('div', { id: 'decide-register' }));
    this.renderReview();
    this.renderTable();
    this.renderActions();
    this.renderRegister();
    if (decide.notice) this.say(...decide.notice);
    if (decide.replan) this.follow(decide.replan);
  },
  // The rows of a sheet become the marks (a sheet read from a file replaces them; the
  // same solve's sheet in another language keeps the marks made).
  take(sheet, keepMarks) {
    const old = decide.marks;
    decide.sheet = sheet;
    decide.sheetKey = sheet.job + '|' + lang;
    decide.marks = new Map(sheet.rows.map((r) => [r.move, keepMarks && old.has(r.move) ? old.get(r.move) : { decision: r.decision, note: r.note }]));
    if (!decide.file) decide.file = (sheet.saveAs || 'decisions.csv').split('/').pop();
    if (!decide.loadPath) decide.loadPath = sheet.saveAs || '';
    if (!decide.register) decide.register = sheet.registers[0] || sheet.saveAs.replace(/[^/]*$/, '') + 'register.sqlite';
  },
  say(kind, text, extra) {
    decide.notice = [kind, text, extra];
    const box = $('#decide-message', this.section);
    if (box) put(box, text ? message(kind, text) : null, extra || null);
  },
  counts() { return verdictCounts(decide.marks); },
  renderCounts() {
    const c = this.counts();
    const el = $('#decide-counts', this.section);
    if (el) el.textContent = t('decideCounts', c.accept, c.reject, c.keep, c.pending, c.hold);
  },
  renderTable() {
    const box = $('#decide-table', this.section);
    const s = decide.sheet;
    const head = h('p', {}, h('code', {}, s.path), ' · ', h('b', {}, s.job),
      s.replanOf ? h('span', { class: 'muted' }, ' · ' + t('replanOf', s.replanOf)) : null,
      s.loadedFrom ? h('span', { class: 'muted' }, ' · ' + t('loadedFrom', s.loadedFrom)) : null);
    if (!s.rows.length) { put(box, head, message('ok', t('noMoves'))); return; }
    // Shows a row's mark: its radio, the row's state, and whether it can go back a step.
    const showMark = (move) => {
      const mark = decide.marks.get(move);
      const input = $(`#dm-${move}-${mark.decision}`, box);
      if (input) input.checked = true;
      const tr = $(`tr[data-move="${move}"]`, box);
      if (tr) tr.dataset.decision = mark.decision;
      const undo = $(`#dm-${move}-undo`, box);
      if (undo) undo.disabled = !mark.undo?.length;
      this.renderCounts();
    };
    const set = (move, decision) => { if (markSet(decide.marks.get(move), decision)) showMark(move); };
    const undo = (move) => { if (markUndo(decide.marks.get(move))) showMark(move); };
    const rows = s.rows.map((r) => {
      const m = decide.marks.get(r.move);
      const earlier = r.source === 'earlier';
      const allowed = (v) => !(earlier && v === 'accept') && !(r.rule && v === 'keep');
      const names = (ids, ns) => ids.map((id, i) => h('span', { title: id }, (ns[i] || id) + rosterMark(s.roster, id, t))).flatMap((x, i) => (i ? [', ', x] : [x]));
      // The officer who leaves is the previous officer of their communes, marked.
      const left = (s.roster || []).filter((e) => e.kind === 'leaves' && e.communes.includes(r.commune));
      const previous = !r.from.length && left.length
        ? left.map((e) => h('span', { title: e.officer, class: 'left' }, `${e.officerName} (${t('roster_leaves')})`))
        : names(r.from, r.fromNames);
      const group = h('div', { class: 'verdicts', role: 'radiogroup', 'aria-label': t('colDecision') + ' ' + r.move },
        VERDICTS.map((v) => h('label', { class: 'v v-' + v + (allowed(v) ? '' : ' off') },
          h('input', { type: 'radio', name: 'dm-' + r.move, id: `dm-${r.move}-${v}`, value: v, checked: m.decision === v, disabled: !allowed(v),
            onchange: () => set(r.move, v) }), h('span', {}, t('v_' + v)))));
      return h('tr', { 'data-move': r.move, 'data-decision': m.decision, 'data-commune': r.commune,
        onkeydown: (e) => {
          if (e.target.type === 'text' || e.altKey || e.ctrlKey || e.metaKey) return;
          if (e.key.toLowerCase() === 'u') { e.preventDefault(); undo(r.move); $(`#dm-${r.move}-${decide.marks.get(r.move).decision}`, box)?.focus(); return; }
          const v = { a: 'accept', r: 'reject', k: 'keep', h: 'hold', p: 'pending' }[e.key.toLowerCase()];
          if (v && allowed(v)) { e.preventDefault(); set(r.move, v); $(`#dm-${r.move}-${v}`, box)?.focus(); }
        } },
        h('td', { class: 'r' }, String(r.move)),
        h('td', {}, h('b', {}, r.communeName), h('div', { class: 'muted' }, r.commune)),
        h('td', {}, previous, ' → ', h('b', {}, names(r.to, r.toNames))),
        h('td', { class: 'r' }, r.gain === '' ? '—' : signed(Number(r.gain), 2)),
        h('td', { class: 'reason' }, earlier ? h('i', {}, t('earlierRow')) : s.reasons[r.commune] || '',
          r.rule ? h('div', {}, h('span', { class: 'badge warn' }, t('forcedBy', r.rule))) : null),
        h('td', {}, group, h('button', { type: 'button', class: 'undo', id: `dm-${r.move}-undo`, title: t('undoRow'), 'aria-label': t('undoRow') + ' ' + r.move,
          disabled: !m.undo?.length, onclick: () => undo(r.move) }, '↶ ' + t('undo'))),
        h('td', {}, h('input', { type: 'text', class: 'note', id: `dm-${r.move}-note`, value: m.note, 'aria-label': t('note') + ' ' + r.move,
          maxlength: '2000', oninput: (e) => { m.note = e.target.value; } })));
    });
    put(box, head,
      h('div', { class: 'row' }, h('p', { id: 'decide-counts', class: 'counts', role: 'status' }),
        h('button', { type: 'button', id: 'decide-reset', onclick: () => { for (const r of s.rows) if (decide.marks.get(r.move).decision !== 'pending') set(r.move, 'pending'); } }, t('allPending'))),
      h('p', { class: 'hint' }, t('decideKeys')),
      h('table', { class: 'decide', id: 'decide-moves' },
        h('thead', {}, h('tr', {}, [t('colMove'), t('commune'), t('colFromTo'), t('colGain'), t('colReason'), t('colDecision'), t('note')].map((x) => h('th', {}, x)))),
        h('tbody', {}, rows)));
    this.renderCounts();
  },
  renderActions() {
    const box = $('#decide-actions', this.section);
    const s = decide.sheet;
    const hasRows = s.rows.length > 0;
    put(box,
      h('div', { class: 'row' },
        h('label', { class: 'field small' }, h('span', {}, t('timeLimit')), h('input', { type: 'number', id: 'decide-time', min: '1', step: '1',
          placeholder: t('timeLimitHint'), title: t('timeLimitTitle'), value: decide.limit, oninput: (e) => { decide.limit = e.target.value; numberFieldOk(e.target); } })),
        h('button', { type: 'button', class: 'primary', id: 'decide-replan', disabled: !hasRows, onclick: () => this.replan() }, t('replan'))),
      h('div', { class: 'row' },
        h('label', { class: 'field grow' }, h('span', {}, t('saveName')), h('input', { id: 'decide-file', value: decide.file, oninput: (e) => { decide.file = e.target.value; } })),
        h('button', { type: 'button', id: 'decide-save', disabled: !hasRows, onclick: () => this.save(false) }, t('saveDecisions')),
        h('label', { class: 'field grow' }, h('span', {}, t('loadPath')), h('input', { id: 'decide-load-path', list: 'decide-csv', value: decide.loadPath,
          oninput: (e) => { decide.loadPath = e.target.value; } }), h('datalist', { id: 'decide-csv' }, s.csvFiles.map((f) => h('option', { value: f })))),
        h('button', { type: 'button', id: 'decide-load', onclick: () => this.load() }, t('loadDecisions'))));
  },
  problems(data) { return data?.problems ? problemTable(data.problems) : data?.lines ? h('ul', { class: 'plain' }, data.lines.map((l) => h('li', {}, h('code', {}, l)))) : null; },
  async save(overwrite) {
    this.say('wait', t('loading'));
    const r = await api('POST', `/api/jobs/${decide.job}/decisions/save`, { decisions: marksBody(), file: decide.file.trim(), overwrite });
    if (r.status === 409 && r.data?.exists) {
      if (await confirmDialog(t('exists', r.data.path), t('replace'))) return this.save(true);
      this.say('wait', '');
      return;
    }
    if (!r.ok) { this.say('bad', errorText(r.data), this.problems(r.data)); return; }
    decide.loadPath = r.data.path;
    decide.sheet.saveAsExists = true;
    if (!decide.sheet.csvFiles.includes(r.data.path)) decide.sheet.csvFiles.push(r.data.path);
    this.say('ok', t('savedDecisions', r.data.path, r.data.bytes));
  },
  async load() {
    this.say('wait', t('loading'));
    const r = await api('GET', `/api/jobs/${decide.job}/decisions?lang=${lang}&from=${encodeURIComponent(decide.loadPath.trim())}`);
    if (!r.ok) { this.say('bad', errorText(r.data), this.problems(r.data)); return; }
    this.take(r.data, false);
    this.renderTable();
    this.say('ok', t('loadedFrom', r.data.loadedFrom), r.data.notes.length ? h('ul', { class: 'plain', id: 'decide-notes' }, r.data.notes.map((n) => h('li', {}, n))) : null);
  },
  async replan() {
    if (!numberFieldOk($('#decide-time'))) return;
    this.say('wait', t('loading'));
    const body = { decisions: marksBody() };
    if (decide.limit) body.timeLimit = Number(decide.limit);
    const r = await api('POST', `/api/jobs/${decide.job}/replan`, body);
    if (!r.ok) { this.say('bad', errorText(r.data), this.problems(r.data)); return; }
    r.data.mine = true;
    state.snapshots.set(r.data.id, r.data);
    refreshJobs();
    decide.replan = r.data.id;
    this.say('wait', '');
    this.follow(r.data.id);
  },
  // The re-plan's progress, as the Solve tab shows a solve's: time, best plan, bound, gap, Stop.
  follow(id) {
    const box = $('#decide-progress', this.section);
    if (!box) return;
    put(box, h('div', { class: 'job card', id: 'decide-job-' + id },
      h('div', { class: 'job-head' }, h('h3', {}, t('replanTitle')), h('span', { id: 'decide-state', class: 'state' }),
        h('button', { type: 'button', id: 'decide-stop', class: 'danger', onclick: async (e) => {
          e.target.disabled = true;
          e.target.textContent = t('stopping');
          const r = await api('POST', `/api/jobs/${id}/stop`);
          if (!r.ok) e.target.textContent = errorText(r.data);
        } }, t('stop'))),
      h('div', { class: 'tiles' }, tile('elapsed', 'decide-elapsed'), tile('incumbent', 'decide-incumbent'), tile('bound', 'decide-bound'), tile('gap', 'decide-gap')),
      h('div', { class: 'meter' }, h('i', { id: 'decide-bar' }))));
    const update = (snap) => {
      if (decide.replan !== id || current !== 'decide') return;
      const sec = this.section;
      const p = snap.progress, r = snap.result;
      const setText = (el, text) => { const x = $('#' + el, sec); if (x) x.textContent = text; };
      setText('decide-state', stateWord(snap) + (snap.stopReason ? ' · ' + t('stoppedBy_' + snap.stopReason) : ''));
      setText('decide-elapsed', num(snap.elapsedSeconds, 1) + ' ' + t('ofLimit', num(snap.timeLimit, 0)));
      setText('decide-incumbent', num(r ? r.objective : p?.incumbent, 2));
      setText('decide-bound', num(r ? r.bestBound ?? p?.bound : p?.bound, 2));
      setText('decide-gap', pct(r && r.hasPlan ? r.gap ?? (r.status === 'optimal' ? 0 : null) : p?.gap));
      const bar = $('#decide-bar', sec);
      const ended = !(snap.state === 'queued' || snap.state === 'running');
      if (bar) bar.style.width = (ended ? 100 : Math.min(100, (100 * snap.elapsedSeconds) / Math.max(1, snap.timeLimit))) + '%';
      const stop = $('#decide-stop', sec);
      if (stop) stop.hidden = !(snap.state === 'queued' || snap.state === 'running');
      if (snap.state === 'finished' && r?.hasPlan) {
        // The re-plan becomes the solve decided on: its review, and its own rows.
        Object.assign(decide, { replan: null, job: id, sheet: null, sheetKey: null, adopted: null, history: null });
        decide.notice = ['ok', resultSentence(r) + ' · ' + t('decideNext')];
        this.build(this.section);
      } else if (snap.state === 'finished' || snap.state === 'failed' || snap.state === 'cancelled') {
        decide.replan = null;
        this.say('bad', (r ? resultSentence(r) : snap.error) || stateWord(snap), snap.problems ? problemTable(snap.problems) : null);
      }
    };
    const snap = state.snapshots.get(id);
    if (snap) update(snap);
    if (!snap || snap.state === 'queued' || snap.state === 'running') watch(id, update);
  },
  // A re-plan's review: honoured or not, the cost side by side, moves that appeared or
  // disappeared and why, and the report with the decisions on its map.
  renderReview() {
    const box = $('#decide-review', this.section);
    const v = decide.sheet.review;
    if (!v) { put(box); return; }
    const p = v.proposal, q = v.decided;
    const line = (key, a, b, places, fmt = (x) => num(x, places)) => h('tr', {}, h('th', {}, t(key)), h('td', {}, fmt(a)),
      h('td', {}, b == null ? '—' : fmt(b)), h('td', {}, b == null ? '—' : signed(b - a, places)));
    const terms = ['coverage', 'mountainBalance', 'workloadBalance', 'travel', 'changes'];
    const who = (ids) => ids.map((id) => decide.sheet.officerNames[id] || id).join(', ') || '—';
    const change = (c, sign) => h('li', {}, sign + ' ', h('b', {}, c.communeName), ': ', who(c.from), ' → ', who(c.to),
      h('span', { class: 'muted' }, ' — ' + (lang === 'en' ? c.reason : c.becauseOf.length ? t('tiedTo', c.becauseOf.map((n) => '#' + n).join(', ')) : t('tiedToAll'))));
    const list = (key, changes, sign, id) => h('div', {}, h('h4', {}, `${t(key)} (${changes.length})`),
      changes.length ? h('ul', { class: 'plain', id }, changes.map((c) => change(c, sign))) : h('p', { class: 'muted', id }, t('none')));
    const url = `/api/jobs/${decide.job}/report?lang=${lang}`;
    put(box, h('div', { class: 'card review' },
      h('h3', {}, t('reviewTitle')),
      message(v.rows.every((r) => r.honoured) ? 'ok' : 'bad', (v.rows.every((r) => r.honoured) ? t('honoured') : t('notHonoured'))
        + (v.cost != null ? ' ' + t('costLine', signed(v.cost, 2)) : '')),
      h('p', {}, t('decideCounts', v.accepted, v.rejected, v.kept, v.pending, v.held ?? 0)),
      h('table', { class: 'num cost', id: 'decide-cost' },
        h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, t('proposalCol')), h('th', {}, t('decidedCol')), h('th', {}, t('diffCol')))),
        h('tbody', {},
          line('k_total', p.total, q?.total, 2),
          terms.map((k) => line('k_' + k, p.points[k] ?? 0, q ? q.points[k] ?? 0 : null, 2)),
          line('k_km', p.province.kmPerYear, q?.province.kmPerYear, 0),
          line('k_maxUtil', p.province.maxUtilisation, q?.province.maxUtilisation, 1, (x) => num(x, 1) + ' %'),
          line('k_spread', p.province.mountainShareSpread, q?.province.mountainShareSpread, 1),
          line('k_uncovered', p.province.uncoveredNeeds, q?.province.uncoveredNeeds, 0),
          line('k_overloaded', p.province.overloadedOfficers, q?.province.overloadedOfficers, 0),
          line('k_moves', p.province.moves, q?.province.moves, 0))),
      h('div', { class: 'grid2' }, list('appeared', v.appeared, '+', 'decide-appeared'), list('disappeared', v.disappeared, '−', 'decide-disappeared')),
      h('p', { class: 'links' }, h('a', { href: url, target: '_blank', rel: 'noopener' }, t('openReport')), ' · ',
        h('a', { href: `/api/jobs/${decide.job}/solve.json`, download: 'plan.json' }, t('downloadJson'))),
      h('iframe', { id: 'decide-report-frame', class: 'report', src: url, title: t('reportTitle') })));
  },
  renderRegister() {
    const box = $('#decide-register', this.section);
    const s = decide.sheet;
    const isNew = () => !s.registers.includes(decide.register.trim());
    const asOfField = h('label', { class: 'field small', id: 'reg-asof-field', hidden: !isNew() }, h('span', {}, t('asOf')),
      h('input', { type: 'date', id: 'reg-asof', value: decide.asOf, oninput: (e) => { decide.asOf = e.target.value; } }));
    const newHint = h('p', { class: 'hint', id: 'reg-new-hint', hidden: !isNew() }, t('newRegisterHint'));
    const field = (key, id, attrs, labelKey) => h('label', { class: 'field ' + (attrs.cls || 'grow') }, h('span', {}, t(labelKey)),
      h('input', { id, type: attrs.type || 'text', value: decide[key], placeholder: attrs.placeholder, oninput: (e) => { decide[key] = e.target.value; } }));
    const result = h('div', { id: 'reg-result' });
    put(box, h('div', { class: 'card' },
      h('h3', {}, t('registerTitle')),
      h('div', { class: 'row' },
        h('label', { class: 'field grow' }, h('span', {}, t('registerPath')), h('input', { id: 'reg-path', list: 'reg-list', value: decide.register,
          oninput: (e) => { decide.register = e.target.value; asOfField.hidden = !isNew(); newHint.hidden = !isNew(); } }),
          h('datalist', { id: 'reg-list' }, s.registers.map((f) => h('option', { value: f })))),
        asOfField),
      newHint,
      h('div', { class: 'row' },
        field('effective', 'reg-effective', { type: 'date', cls: 'small' }, 'effective'),
        field('reference', 'reg-reference', { placeholder: t('referenceHint') }, 'decisionRef'),
        field('note', 'reg-note', {}, 'note'),
        h('button', { type: 'button', class: 'primary', id: 'decide-adopt', disabled: !s.rows.length, onclick: () => this.adopt(result) }, t('adopt'))),
      result));
    if (decide.adopted) this.showRegister(result, decide.adopted);
  },
  async adopt(result) {
    const path = decide.register.trim(), ref = decide.reference.trim(), isNew = !decide.sheet.registers.includes(path);
    if (!path || !ref || !decide.effective || (isNew && !decide.asOf)) { put(result, message('bad', t('needAdopt'))); return; }
    const ok = await confirmDialog(t('adoptConfirm', ref, isoDay(decide.effective), path, isNew ? isoDay(decide.asOf) : null), t('adoptYes'));
    if (!ok) return;
    put(result, message('wait', t('loading')));
    const body = { decisions: marksBody(), register: path, effective: decide.effective, reference: ref, note: decide.note };
    if (isNew) body.asOf = decide.asOf;
    const r = await api('POST', `/api/jobs/${decide.job}/adopt`, body);
    if (!r.ok) {
      // The register's refusal in the page's words, commune by commune when the states differ.
      const said = refusalWords(r.data, t, lang);
      put(result, message('bad', said ? said.text : errorText(r.data)),
        said?.lines.length ? h('ul', { class: 'plain', id: 'reg-refusal' }, said.lines.map((l) => h('li', {}, l))) : this.problems(r.data));
      return;
    }
    if (!decide.sheet.registers.includes(r.data.register)) decide.sheet.registers.push(r.data.register);
    decide.adopted = { ...r.data.state, summary: r.data.summary, counts: r.data.counts, problems: r.data.problems, reference: ref };
    decide.history = null;
    this.renderRegister();
  },
  showRegister(box, a) {
    const history = h('div', { id: 'reg-history' });
    put(box,
      message('ok', t('adopted', a.reference, a.path)),
      a.problems.length ? message('bad', a.problems.join(' ')) : h('p', { class: 'hint' }, t('registerSound')),
      // What was recorded, in the page's words; the command line's own text (English) on the English page.
      a.counts ? h('ul', { class: 'plain', id: 'reg-counts' }, t('adoptCounts', a.counts).map((l) => h('li', {}, l))) : null,
      lang === 'en' ? h('details', {}, h('summary', {}, t('cliAdopt')), h('pre', { class: 'cli', id: 'reg-summary' }, a.summary.join('\n'))) : null,
      h('h4', {}, t('registerOn', isoDay(a.asOf)) + ' · ' + a.pairs.length),
      h('p', { class: 'hint' }, t('historyHint')),
      h('div', { class: 'scroll' }, h('table', { class: 'list', id: 'reg-assignment' },
        h('thead', {}, h('tr', {}, [t('commune'), t('officer'), t('since'), t('tenure'), t('begunBy')].map((x) => h('th', {}, x)))),
        h('tbody', {}, a.pairs.map((p) => h('tr', { tabindex: '0', 'data-commune': p.commune,
          onclick: () => this.history(history, a.path, p.commune),
          onkeydown: (e) => { if (e.key === 'Enter') this.history(history, a.path, p.commune); } },
          h('td', {}, p.communeName, h('span', { class: 'muted' }, ' ' + p.commune)), h('td', {}, p.officerName, h('span', { class: 'muted' }, ' ' + p.officer)),
          h('td', {}, isoDay(p.since)), h('td', {}, t('years', p.years, p.days)), h('td', {}, refText(p.decision))))))),
      (a.events || []).length ? h('div', { id: 'reg-roster' }, h('h4', {}, t('rosterEvents')),
        h('ul', {}, a.events.map((e) => h('li', { 'data-officer': e.event.officer, 'data-kind': e.event.kind },
          `${e.event.officerName} ${e.event.officer} (${t('roster_' + e.event.kind)}) · ${isoDay(e.day)} · ${e.decision}`)))) : null,
      history,
      lang === 'en' ? h('details', {}, h('summary', {}, t('cliShow')), h('pre', { class: 'cli', id: 'reg-show-text' }, a.text)) : null);
    if (decide.history) this.history(history, a.path, decide.history);
  },
  async history(box, path, commune) {
    decide.history = commune;
    put(box, message('wait', t('loading')));
    const r = await api('GET', `/api/register/history?path=${encodeURIComponent(path)}&commune=${encodeURIComponent(commune)}`);
    if (!r.ok) { put(box, message('bad', errorText(r.data))); return; }
    const d = r.data;
    put(box, h('h4', {}, t('historyOf', `${d.name} (${d.id})`)),
      h('table', { class: 'num', id: 'reg-history-table' },
        h('thead', {}, h('tr', {}, [t('officer'), t('since'), t('until'), t('begunBy'), t('endedBy')].map((x) => h('th', {}, x)))),
        h('tbody', {}, d.periods.map((p) => h('tr', {}, h('td', { class: 'l' }, `${p.officerName} (${p.officer})`), h('td', { class: 'l' }, isoDay(p.start)),
          h('td', { class: 'l' }, p.end ? isoDay(p.end) : t('inForce')), h('td', { class: 'l' }, refText(p.startedBy)), h('td', { class: 'l' }, refText(p.endedBy)))))));
  },
};
