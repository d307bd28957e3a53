// The trade-off panel: the moves-versus-balance curve of one scenario.
import { api, errorText, h, loadScenarios, message, named, num, numberFieldOk, panels, pct, put, resultSentence, startJob, state, stateWord, t, validScenarios, watch } from './core.mjs';
import { problemTable } from './scenarios.mjs';

export const sweep = { path: null, from: 0, to: 40, step: 4, limit: 10, job: null };
panels.tradeoff = {
  tab: 'tabTradeoff',
  async build(section, arg) {
    if (arg?.job) sweep.job = arg.job;
    if (!state.scenarios) await loadScenarios();
    const valid = validScenarios();
    if (!sweep.path && valid.length) sweep.path = valid[0].path;
    const numIn = (key, labelKey) => h('label', { class: 'field small' }, h('span', {}, t(labelKey)),
      h('input', { type: 'number', min: '0', step: '1', id: 'tradeoff-' + key, value: sweep[key], oninput: (e) => { sweep[key] = e.target.value; numberFieldOk(e.target); } }));
    const note = h('div', { id: 'tradeoff-message' });
    const out = h('div', { id: 'tradeoff-out' });
    put(section, 
      h('h2', {}, t('tabTradeoff')), h('p', { class: 'muted' }, t('tradeoffIntro')),
      h('div', { class: 'row' },
        h('label', { class: 'field grow' }, h('span', {}, t('scenario')), h('select', { id: 'tradeoff-scenario', onchange: (e) => { sweep.path = e.target.value; } },
          valid.map((s) => h('option', { value: s.path, selected: s.path === sweep.path }, s.path + (named(s) ? ' — ' + named(s) : ''))))),
        numIn('from', 'from'), numIn('to', 'to'), numIn('step', 'step'), numIn('limit', 'perPoint'),
        h('button', { type: 'button', class: 'primary', id: 'tradeoff-start', onclick: async () => {
          put(note, );
          if (!['from', 'to', 'step', 'limit'].every((k) => numberFieldOk(document.getElementById('tradeoff-' + k)))) return;
          const r = await startJob({ kind: 'tradeoff', path: sweep.path, from: Number(sweep.from), to: Number(sweep.to), step: Number(sweep.step),
            timeLimit: Number(sweep.limit) || undefined });
          if (!r.ok) { put(note, message('bad', errorText(r.data))); return; }
          sweep.job = r.data.id;
          this.follow(out);
        } }, t('run'))),
      note, out);
    if (sweep.job) this.follow(out);
  },
  follow(out) {
    const id = sweep.job;
    const line = h('p', { id: 'tradeoff-state' });
    const stop = h('button', { type: 'button', class: 'danger', id: 'tradeoff-stop', onclick: () => api('POST', `/api/jobs/${id}/stop`) }, t('stop'));
    const result = h('div', {});
    put(out, h('div', { class: 'row' }, line, stop), result);
    const update = async (s, type) => {
      if (sweep.job !== id) return;
      const pts = s.points || { done: 0, total: 0 };
      line.textContent = stateWord(s) + ' · ' + t('pointOf', pts.done, pts.total)
        + (s.state === 'running' && s.progress?.gap != null ? ' · ' + t('gap') + ' ' + pct(s.progress.gap) : '');
      stop.hidden = !(s.state === 'queued' || s.state === 'running');
      if (s.state === 'finished' && !result.dataset.done) {
        result.dataset.done = '1';
        const r = await api('GET', `/api/jobs/${id}/tradeoff.json`);
        if (!r.ok) { put(result, message('bad', errorText(r.data))); return; }
        put(result, h('img', { src: `/api/jobs/${id}/chart.svg`, alt: t('tabTradeoff'), class: 'chart', id: 'tradeoff-chart' }),
          h('table', { class: 'list num', id: 'tradeoff-table' },
            h('thead', {}, h('tr', {}, [t('value'), t('status'), t('movesCol'), t('withoutContinuity'), t('gainPerMove'), t('gap')].map((x) => h('th', {}, x)))),
            h('tbody', {}, r.data.points.map((p) => h('tr', {},
              h('td', {}, '≤ ' + num(p.value, 0)), h('td', { class: 'l' }, resultSentence({ ...p, hasPlan: p.objective != null })),
              h('td', { class: 'r' }, num(p.moves, 0)), h('td', { class: 'r' }, num(p.withoutContinuity, 1)),
              h('td', { class: 'r' }, num(p.gainPerMove, 1)), h('td', { class: 'r' }, pct(p.gap)))))));
      } else if (s.state === 'failed' || s.state === 'cancelled') {
        put(result, message('bad', s.error || stateWord(s)), s.problems ? problemTable(s.problems) : '');
      }
    };
    const snap = state.snapshots.get(id);
    if (snap) update(snap);
    if (!snap || snap.state === 'queued' || snap.state === 'running') watch(id, update);
    else api('GET', '/api/jobs/' + id).then((r) => r.ok && update(r.data));
  },
};
