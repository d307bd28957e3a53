// The compare panel: several scenarios solved side by side, their KPIs and the communes whose
// officers differ.
import { errorText, h, lang, loadScenarios, message, named, numberFieldOk, panels, pct, put, refreshJobs, resultSentence, startJob, state, stateWord, t, validScenarios, watch } from './core.mjs';
import { reportFrame } from './solve.mjs';

export const compare = { picked: new Set(), reference: null, limit: '', resolve: false, pending: null, ids: null, focus: null };
panels.compare = {
  tab: 'tabCompare',
  async build(section, arg) {
    if (!state.scenarios) await loadScenarios();
    const valid = validScenarios();
    if (arg?.path) { compare.picked.add(arg.path); compare.reference = compare.reference ?? arg.path; }
    if (!compare.reference && valid.length) compare.reference = valid[0].path;
    const status = h('ul', { id: 'compare-status', class: 'plain' });
    const out = h('div', { id: 'compare-out' });
    put(section, 
      h('h2', {}, t('tabCompare')), h('p', { class: 'muted' }, t('compareIntro')),
      h('table', { class: 'list', id: 'compare-pick' },
        h('thead', {}, h('tr', {}, h('th', {}, t('compare')), h('th', {}, t('reference')), h('th', {}, t('file')), h('th', {}, t('name')))),
        h('tbody', {}, valid.map((s) => h('tr', {},
          h('td', {}, h('input', { type: 'checkbox', 'data-path': s.path, checked: compare.picked.has(s.path) || s.path === compare.reference,
            onchange: (e) => { if (e.target.checked) compare.picked.add(s.path); else compare.picked.delete(s.path); } })),
          h('td', {}, h('input', { type: 'radio', name: 'compare-ref', 'data-path': s.path, checked: s.path === compare.reference,
            onchange: () => { compare.reference = s.path; compare.picked.add(s.path); this.build(section); } })),
          h('td', {}, h('code', {}, s.path)), h('td', {}, named(s)))))),
      h('div', { class: 'row' },
        h('label', { class: 'field small' }, h('span', {}, t('timeLimit')), h('input', { type: 'number', id: 'compare-time', min: '1',
          placeholder: t('timeLimitHint'), title: t('timeLimitTitle'), value: compare.limit, oninput: (e) => { compare.limit = e.target.value; numberFieldOk(e.target); } })),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'compare-resolve', checked: compare.resolve,
          onchange: (e) => { compare.resolve = e.target.checked; } }), ' ' + t('resolveAll')),
        h('button', { type: 'button', class: 'primary', id: 'compare-start', onclick: () => this.start(status, out) }, t('compare'))),
      status, out);
    if (compare.ids) this.showReport(out);
  },
  async start(status, out) {
    if (!numberFieldOk(document.getElementById('compare-time'))) return;
    compare.picked.add(compare.reference);
    const paths = [compare.reference, ...[...compare.picked].filter((p) => p !== compare.reference)];
    put(out, );
    if (paths.length < 2) { put(status, h('li', {}, message('bad', t('pickTwo')))); return; }
    await refreshJobs();
    const lines = new Map();
    put(status, ...paths.map((p) => { const li = h('li', { 'data-path': p }, h('code', {}, p), ' — ', h('span', {}, t('loading'))); lines.set(p, li); return li; }));
    const say = (p, text) => { lines.get(p).lastChild.textContent = text; };
    const ids = [];
    for (const p of paths) {
      const earlier = compare.resolve ? null : state.jobs.jobs.find((j) => j.kind === 'solve' && j.path === p && j.state === 'finished' && j.result?.hasPlan);
      if (earlier) { ids.push(earlier.id); say(p, t('reuse', resultSentence(earlier.result))); continue; }
      const body = { kind: 'solve', path: p };
      if (compare.limit) body.timeLimit = Number(compare.limit);
      const r = await startJob(body);
      if (!r.ok) { say(p, errorText(r.data)); return; }
      ids.push(r.data.id);
      say(p, t('newSolve') + ': ' + stateWord(r.data));
    }
    // The report is shown (and shown again when the panel is opened) once every solve ended.
    compare.pending = ids;
    compare.ids = null;
    compare.focus = ids.length - 1;
    const pending = ids.map((id, n) => new Promise((resolve) => {
      const snap = state.snapshots.get(id);
      if (snap && !(snap.state === 'queued' || snap.state === 'running')) { resolve(snap); return; }
      watch(id, (s, type) => {
        const p = paths[n];
        say(p, t('newSolve') + ': ' + stateWord(s) + (s.progress?.gap != null && s.state === 'running' ? ' · ' + t('gap') + ' ' + pct(s.progress.gap) : '')
          + (type === 'done' && s.result ? ' · ' + resultSentence(s.result) : ''));
        if (type === 'done') resolve(s);
      });
    }));
    const done = await Promise.all(pending);
    if (compare.pending !== ids) return;
    compare.ids = ids;
    if (done.some((s) => !s.result)) { put(out, message('bad', t('compareFailed'))); return; }
    this.showReport(out);
  },
  showReport(out) {
    const ids = compare.ids;
    const focusSelect = ids.length > 2 ? h('label', { class: 'field small' }, h('span', {}, t('focus')),
      h('select', { id: 'compare-focus', onchange: (e) => { compare.focus = Number(e.target.value); this.showReport(out); } },
        ids.slice(1).map((id, n) => h('option', { value: n + 1, selected: compare.focus === n + 1 }, state.snapshots.get(id)?.path ?? id)))) : null;
    const url = `/api/compare/report?jobs=${ids.join(',')}&focus=${compare.focus}&lang=${lang}`;
    put(out, 
      h('div', { class: 'row' }, focusSelect,
        h('a', { href: url, target: '_blank', rel: 'noopener' }, t('openReport')), ' · ',
        h('a', { href: `/api/compare?jobs=${ids.join(',')}`, download: 'compare.json' }, t('downloadCompare'))),
      reportFrame(url, 'compare-frame'));
  },
};
