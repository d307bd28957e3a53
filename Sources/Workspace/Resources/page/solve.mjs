// The solve panel: solves on the pool, with live progress, Stop and the report.
import { $, api, current, errorText, h, lang, loadScenarios, message, named, num, numberFieldOk, panels, pct, put, refreshJobs, resultSentence, show, startJob, state, stateWord, t, validScenarios, watch } from './core.mjs';
import { problemTable } from './scenarios.mjs';
import { progressPoints, timeTicks } from './text.mjs';

panels.solve = {
  tab: 'tabSolve',
  section: null,
  path: null,
  async build(section, arg) {
    this.section = section;
    if (arg?.path) this.path = arg.path;
    if (arg?.job) state.currentJob = arg.job;
    if (!state.scenarios) await loadScenarios();
    const valid = validScenarios();
    if (!this.path && valid.length) this.path = valid[0].path;
    const select = h('select', { id: 'solve-scenario', onchange: (e) => { this.path = e.target.value; } },
      valid.map((s) => h('option', { value: s.path, selected: s.path === this.path }, s.path + (named(s) ? ' — ' + named(s) : ''))));
    const limit = h('input', { type: 'number', id: 'solve-time', min: '1', step: '1', placeholder: t('timeLimitHint'), title: t('timeLimitTitle'), value: this.limit ?? '',
      oninput: (e) => { this.limit = e.target.value; numberFieldOk(e.target); } });
    const note = h('div', { id: 'solve-message' });
    put(section, 
      h('h2', {}, t('tabSolve')), h('p', { class: 'muted' }, t('solveIntro')),
      h('div', { class: 'row' }, h('label', { class: 'field grow' }, h('span', {}, t('scenario')), select),
        h('label', { class: 'field small' }, h('span', {}, t('timeLimit')), limit),
        h('button', { type: 'button', class: 'primary', id: 'solve-start', onclick: async () => {
          put(note, );
          if (!numberFieldOk(limit)) return;
          const body = { kind: 'solve', path: this.path };
          if (this.limit) body.timeLimit = Number(this.limit);
          const r = await startJob(body);
          if (!r.ok) { put(note, message('bad', errorText(r.data)), r.data?.check ? problemTable(r.data.check.problems) : ''); return; }
          state.currentJob = r.data.id;
          this.renderJob();
        } }, t('solve'))),
      note,
      h('div', { id: 'job-detail' }),
      h('h3', {}, t('jobs')), h('div', { id: 'job-list' }));
    this.renderList();
    this.renderJob();
    refreshJobs();
  },
  onJobs() { if (current === 'solve') { this.renderList(); this.renderJobHeader(); } },
  renderList() {
    const box = $('#job-list', this.section);
    if (!box) return;
    const jobs = state.jobs.jobs;
    if (!jobs.length) { put(box, h('p', { class: 'hint' }, t('noJobs'))); return; }
    put(box, h('table', { class: 'list jobs' },
      h('thead', {}, h('tr', {}, h('th', {}, t('scenario')), h('th', {}, t('kind')), h('th', {}, t('state')), h('th', {}, t('elapsed')),
        h('th', {}, t('gap')), h('th', {}))),
      h('tbody', {}, jobs.map((j) => h('tr', { class: j.id === state.currentJob ? 'sel' : '', 'data-job': j.id },
        h('td', {}, h('code', {}, j.path)), h('td', {}, t(j.replanOf ? 'kind_replan' : 'kind_' + j.kind)), h('td', {}, stateWord(j)),
        h('td', { class: 'r' }, num(j.elapsedSeconds, 0) + ' s'),
        h('td', { class: 'r' }, pct(j.result ? j.result.gap : j.progress?.gap)),
        h('td', {}, h('button', { type: 'button', onclick: () => {
          if (j.kind === 'tradeoff') { show('tradeoff', { job: j.id }); return; }
          if (j.kind === 'advice') { show('advice', { job: j.id }); return; }
          state.currentJob = j.id; this.renderJob(); this.renderList();
        } }, t('view')), j.mine && (j.state === 'queued' || j.state === 'running')
          ? h('button', { type: 'button', onclick: () => api('POST', `/api/jobs/${j.id}/stop`).then(refreshJobs) }, t('stop')) : null))))));
  },
  renderJob() {
    const box = $('#job-detail', this.section);
    if (!box) return;
    const id = state.currentJob;
    const snap = id && state.snapshots.get(id);
    if (!snap || snap.kind !== 'solve') { put(box, ); return; }
    put(box, 
      h('div', { class: 'job card', id: 'job-' + id },
        h('div', { class: 'job-head' }, h('h3', {}, h('code', {}, snap.path)), h('span', { id: 'solve-state', class: 'state' }),
          h('button', { type: 'button', id: 'solve-stop', class: 'danger', onclick: async (e) => {
            e.target.disabled = true;
            e.target.textContent = t('stopping');
            const r = await api('POST', `/api/jobs/${id}/stop`);
            if (!r.ok) { e.target.textContent = errorText(r.data); }
          } }, t('stop'))),
        h('div', { class: 'tiles' },
          tile('elapsed', 'solve-elapsed'), tile('incumbent', 'solve-incumbent'), tile('bound', 'solve-bound'),
          tile('gap', 'solve-gap'), tile('nodes', 'solve-nodes')),
        h('div', { class: 'meter' }, h('i', { id: 'solve-bar' })),
        h('figure', { class: 'progress-chart' }, h('figcaption', {}, t('chartTitle')), h('div', { id: 'solve-chart' })),
        h('div', { id: 'solve-result' })));
    this.update(snap);
    if (snap.state === 'queued' || snap.state === 'running') {
      watch(id, (s, type) => { if (state.currentJob === id && current === 'solve') this.update(s, type); });
    } else if (!snap.history) {
      api('GET', '/api/jobs/' + id).then((r) => { if (r.ok) { state.snapshots.set(id, { ...r.data, mine: snap.mine }); if (state.currentJob === id) this.update(r.data); } });
    }
  },
  renderJobHeader() {
    const snap = state.currentJob && state.snapshots.get(state.currentJob);
    if (snap && $('#solve-state', this.section)) this.update(snap);
  },
  update(snap, type) {
    const sec = this.section;
    const p = snap.progress;
    const r = snap.result;
    const set = (id, text) => { const el = $('#' + id, sec); if (el) el.textContent = text; };
    set('solve-state', stateWord(snap) + (snap.stopReason ? ' · ' + t('stoppedBy_' + snap.stopReason) : ''));
    set('solve-elapsed', num(snap.elapsedSeconds, 1) + ' ' + t('ofLimit', num(snap.timeLimit, 0)));
    set('solve-incumbent', num(r ? r.objective : p?.incumbent, 2));
    set('solve-bound', num(r ? r.bestBound ?? p?.bound : p?.bound, 2));
    set('solve-gap', pct(r && r.hasPlan ? r.gap ?? (r.status === 'optimal' ? 0 : null) : p?.gap));
    set('solve-nodes', num(r ? r.nodes : p?.nodes, 0));
    const bar = $('#solve-bar', sec);
    // A solve that ended fills the bar, whatever part of its time limit it used.
    const ended = !(snap.state === 'queued' || snap.state === 'running');
    if (bar) bar.style.width = (ended ? 100 : Math.min(100, (100 * snap.elapsedSeconds) / Math.max(1, snap.timeLimit))) + '%';
    const stop = $('#solve-stop', sec);
    if (stop) stop.hidden = !(snap.state === 'queued' || snap.state === 'running') || snap.mine === false;
    const chart = $('#solve-chart', sec);
    if (chart) put(chart, progressChart(snap.history || []));
    const box = $('#solve-result', sec);
    if (!box) return;
    if (snap.state === 'finished' && r && box.dataset.job !== snap.id + lang) {
      box.dataset.job = snap.id + lang;
      const reportURL = `/api/jobs/${snap.id}/report?lang=${lang}`;
      put(box, 
        h('p', { class: 'status ' + (r.hasPlan ? 'ok' : 'bad'), id: 'solve-status' }, resultSentence(r), r.moves != null ? ' · ' + t('moves', r.moves) : ''),
        h('p', { class: 'links' }, h('a', { href: reportURL, target: '_blank', rel: 'noopener' }, t('openReport')),
          h('a', { href: `/api/jobs/${snap.id}/solve.json`, download: 'plan.json' }, t('downloadJson')),
          // What a planner takes away: the plan as solve --out writes plan.csv, the decision sheet, the report on paper.
          r.hasPlan ? h('a', { href: `/api/jobs/${snap.id}/plan.csv`, download: 'plan.csv', id: 'solve-csv' }, t('downloadCsv')) : null,
          r.hasPlan ? h('a', { href: `/api/jobs/${snap.id}/decisions.csv`, download: 'decisions.csv', id: 'solve-sheet' }, t('downloadSheet')) : null,
          h('button', { type: 'button', id: 'solve-print', onclick: () => printFrame($('#report-frame', this.section)) }, t('printReport')),
          r.hasPlan ? h('button', { type: 'button', class: 'primary', id: 'solve-decide', onclick: () => show('decide', { job: snap.id }) }, t('openDecide')) : null,
          r.hasPlan ? h('button', { type: 'button', id: 'solve-workplan', onclick: () => show('workplan', { solve: snap.id }) }, t('openWorkplan')) : null),
        reportFrame(reportURL, 'report-frame'));
    } else if (snap.state === 'failed' || snap.state === 'cancelled') {
      box.dataset.job = '';
      put(box, message('bad', snap.error || stateWord(snap)), snap.problems ? problemTable(snap.problems) : '');
    }
  },
};

export function tile(labelKey, id) { return h('div', { class: 'tile' }, h('div', { class: 'tl' }, t(labelKey)), h('div', { class: 'tv', id }, '—')); }

// The report of the command line, in a frame of the same origin that grows to its content.
export function reportFrame(url, id) {
  const frame = h('iframe', { id, class: 'report', src: url, title: t('reportTitle') });
  frame.addEventListener('load', () => {
    try { frame.style.height = frame.contentDocument.documentElement.scrollHeight + 20 + 'px'; } catch (e) { /* not loaded */ }
  });
  return frame;
}

// Prints the report shown in a frame (of the same origin), as its own page prints it (A4).
export function printFrame(frame) {
  try { frame.contentWindow.focus(); frame.contentWindow.print(); } catch (e) { window.open(frame.src, '_blank', 'noopener'); }
}

// Incumbent and bound over time, as a small SVG line chart with a time axis in seconds.
export function progressChart(history) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 600 160');
  svg.setAttribute('class', 'spark');
  const pts = progressPoints(history);
  if (pts.length < 2) return svg;
  const xs = pts.map((p) => p.elapsed);
  const ys = pts.flatMap((p) => [p.incumbent, p.bound]).filter((v) => v != null);
  const x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const px = (x) => 40 + (x / Math.max(1e-9, x1)) * 550;
  const py = (y) => 125 - ((y - y0) / Math.max(1e-9, y1 - y0)) * 110;
  const text = (x, y, label, anchor) => {
    const tx = document.createElementNS(ns, 'text');
    tx.setAttribute('x', String(x));
    tx.setAttribute('y', String(y));
    if (anchor) tx.setAttribute('text-anchor', anchor);
    tx.textContent = label;
    svg.append(tx);
  };
  for (const [key, cls] of [['incumbent', 'inc'], ['bound', 'bnd']]) {
    const line = pts.filter((p) => p[key] != null).map((p) => `${px(p.elapsed).toFixed(1)},${py(p[key]).toFixed(1)}`).join(' ');
    const pl = document.createElementNS(ns, 'polyline');
    pl.setAttribute('points', line);
    pl.setAttribute('class', cls);
    svg.append(pl);
  }
  for (const [y, label] of [[y1, num(y1, 0)], [y0, num(y0, 0)]]) text(2, py(y) + 4, label);
  // The time axis: seconds since the solve began.
  const axis = document.createElementNS(ns, 'line');
  for (const [k, v] of [['x1', 40], ['x2', 590], ['y1', 132], ['y2', 132], ['class', 'axis']]) axis.setAttribute(k, String(v));
  svg.append(axis);
  for (const tick of timeTicks(x1)) text(px(tick), 148, num(tick, tick % 1 ? 1 : 0) + ' s', 'middle');
  return svg;
}
