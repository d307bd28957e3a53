// The staffing-advice panel: `diaban advise` on the solve pool, with live progress and Stop,
// then the ranked actions of each kind with their bar chart, the joint choice, the departures,
// and a what-if made from any action through the what-if form's own saving.
import { $, api, h, lang, loadScenarios, message, named, num, numberFieldOk, panels, put, refreshJobs, show, state, stateWord, t, validScenarios, watch } from './core.mjs';
import { problemTable } from './scenarios.mjs';
import { adviceFieldMessage } from './text.mjs';

export const advice = { path: null, train: '3', hire: '0', moveBase: '0', capacity: '0', capacityUnits: '', timeLimit: '', resilience: false, job: null };
// The number fields: budgets are whole numbers of actions; the others any number above 0.
const budgets = ['train', 'hire', 'moveBase', 'capacity'];
const fields = [...budgets, 'capacityUnits', 'timeLimit'];
/** The words of each ranking the advice reports (Advice.Ranking). */
const rankingWords = {
  exact: 'advRankingExact', screened: 'advRankingScreened', screenedWithinGap: 'advRankingWithinGap', incomplete: 'advRankingIncomplete',
};
export const kinds = ['train', 'hire', 'move-base', 'capacity'];

// A field's problem shown beside it (the server's sentence, which names the field).
function markField(section, key, text) {
  const input = $('#advice-' + key, section);
  if (!input) return false;
  input.setAttribute('aria-invalid', 'true');
  let note = input.parentElement.querySelector('.field-error');
  if (!note) { note = h('span', { class: 'field-error', role: 'alert' }); input.after(note); }
  note.textContent = text;
  input.focus();
  return true;
}

// A budget field: a number (numberFieldOk), and a whole one.
function budgetOk(section, key) {
  const input = $('#advice-' + key, section);
  if (!numberFieldOk(input)) return false;
  if (input.value !== '' && !Number.isInteger(Number(input.value))) return markField(section, key, t('wholeNumber')) && false;
  return true;
}

panels.advice = {
  tab: 'tabAdvice',
  async build(section, arg) {
    if (arg?.job) advice.job = arg.job;
    if (arg?.path) advice.path = arg.path;
    if (!state.scenarios) await loadScenarios();
    const valid = validScenarios();
    if (!advice.path && valid.length) advice.path = valid[0].path;
    const numIn = (key, min, step) => h('label', { class: 'field small' }, h('span', {}, t('adv_' + key)),
      h('input', { type: 'number', min, step, id: 'advice-' + key, value: advice[key],
        oninput: (e) => { advice[key] = e.target.value; if (budgets.includes(key)) budgetOk(section, key); else numberFieldOk(e.target); } }));
    const note = h('div', { id: 'advice-message' });
    const out = h('div', { id: 'advice-out' });
    put(section,
      h('h2', {}, t('tabAdvice')), h('p', { class: 'muted' }, t('adviceIntro')),
      h('div', { class: 'row' },
        h('label', { class: 'field grow' }, h('span', {}, t('scenario')), h('select', { id: 'advice-scenario', onchange: (e) => { advice.path = e.target.value; } },
          valid.map((s) => h('option', { value: s.path, selected: s.path === advice.path }, s.path + (named(s) ? ' — ' + named(s) : '')))))),
      h('div', { class: 'row' },
        ...budgets.map((k) => numIn(k, '0', '1')), numIn('capacityUnits', '0', 'any'), numIn('timeLimit', '1', 'any'),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'advice-resilience', checked: advice.resilience,
          onchange: (e) => { advice.resilience = e.target.checked; } }), ' ', t('adv_resilience')),
        h('button', { type: 'button', class: 'primary', id: 'advice-start', onclick: () => this.start(section, note, out) }, t('adviceRun'))),
      note, out);
    if (advice.job) this.follow(out);
  },
  async start(section, note, out) {
    put(note);
    if (!budgets.every((k) => budgetOk(section, k)) || !['capacityUnits', 'timeLimit'].every((k) => numberFieldOk($('#advice-' + k, section)))) return;
    const body = { path: advice.path, resilience: advice.resilience };
    for (const k of fields) if (advice[k] !== '' && advice[k] != null) body[k] = Number(advice[k]);
    const r = await api('POST', '/api/advice', body);
    if (!r.ok) {
      if (r.data?.field && markField(section, r.data.field, adviceFieldMessage(r.data, t))) return;
      put(note, message('bad', r.data?.error || t('error')), r.data?.check ? problemTable(r.data.check.problems) : '');
      return;
    }
    r.data.mine = true;
    state.snapshots.set(r.data.id, r.data);
    refreshJobs();
    advice.job = r.data.id;
    this.follow(out);
  },
  follow(out) {
    const id = advice.job;
    const line = h('p', { id: 'advice-state' });
    const stop = h('button', { type: 'button', class: 'danger', id: 'advice-stop', onclick: async (e) => {
      e.target.disabled = true;
      e.target.textContent = t('stopping');
      const r = await api('POST', `/api/jobs/${id}/stop`);
      if (!r.ok) e.target.textContent = r.data?.error || t('error');
    } }, t('stop'));
    const result = h('div', { id: 'advice-result' });
    put(out, h('div', { class: 'row' }, line, stop), result);
    const update = async (s) => {
      if (advice.job !== id) return;
      const pts = s.points || { done: 0, total: 0 };
      line.textContent = stateWord(s) + (pts.total ? ' · ' + t('candidatesOf', pts.done, pts.total) : '')
        + (s.stopReason ? ' · ' + t('stoppedBy_' + s.stopReason) : '');
      stop.hidden = !(s.state === 'queued' || s.state === 'running') || s.mine === false;
      if (s.state === 'finished' && result.dataset.done !== id + lang) {
        result.dataset.done = id + lang;
        const r = await api('GET', `/api/jobs/${id}/advice.json?lang=${lang}`);
        if (!r.ok) { put(result, message('bad', r.data?.error || t('error'))); return; }
        put(result, ...this.render(id, r.data));
      } else if (s.state === 'failed' || s.state === 'cancelled') {
        put(result, message('bad', s.error || stateWord(s)), s.problems ? problemTable(s.problems) : '');
      }
    };
    const snap = state.snapshots.get(id);
    if (snap) update(snap);
    if (!snap || snap.state === 'queued' || snap.state === 'running') watch(id, update);
    else api('GET', '/api/jobs/' + id).then((r) => r.ok && update({ ...r.data, mine: snap.mine }));
  },
  render(id, doc) {
    const parts = [];
    const a = doc.advice;
    const sum = doc.summary;
    if (sum.stopped) parts.push(message('bad', t('adviceStopped', sum.priced, sum.candidates)));
    if (a || doc.resilience) {
      parts.push(h('p', { class: 'links' }, h('a', { href: `/api/jobs/${id}/advice.html?lang=${lang}`, target: '_blank', rel: 'noopener', id: 'advice-page' }, t('openAdvicePage'))));
    }
    const whatIfNote = h('div', { id: 'advice-whatif' });
    const makeWhatIf = (key, label, overwrite) => async (e) => {
      e.target.disabled = true;
      const r = await api('POST', `/api/jobs/${id}/advice/whatif`, overwrite ? { key, overwrite: true } : { key });
      e.target.disabled = false;
      if (r.ok) {
        await loadScenarios();
        put(whatIfNote, message('ok', t('whatIfMade', r.data.path)),
          h('button', { type: 'button', id: 'advice-open-scenarios', onclick: () => show('scenarios', r.data.path) }, t('openScenarios')));
      } else if (r.status === 409 && r.data?.exists) {
        put(whatIfNote, message('bad', t('exists', r.data.path)),
          h('button', { type: 'button', class: 'danger', onclick: makeWhatIf(key, label, true) }, t('replace')));
      } else {
        put(whatIfNote, message('bad', r.data?.error || t('error')), r.data?.check ? problemTable(r.data.check.problems) : '');
      }
    };
    if (a) {
      const b = a.baseline;
      parts.push(h('p', { class: 'status ' + (b.objective != null ? 'ok' : 'bad'), id: 'advice-baseline' },
        h('b', {}, t('advBaseline') + ': '), num(b.objective, 2) + ' · ' + t('bound') + ' ' + num(b.bound, 2)),
        h('p', { class: 'muted', id: 'advice-ranking' }, t(rankingWords[a.ranking] ?? 'advRankingIncomplete')));
      const cell = (x, places) => h('td', { class: 'r' }, num(x, places));
      for (const kind of kinds) {
        const list = a.singles.filter((s) => s.kind === kind);
        if (!list.length) continue;
        parts.push(h('h3', {}, t('advKind_' + kind) + ' (' + t('advPriced', a.priced[kind] ?? 0) + ')'),
          // On a phone, the chart with each label above its bar (the wide one's text would shrink to half).
          h('picture', {},
            h('source', { media: '(max-width: 700px)', srcset: `/api/jobs/${id}/advice/chart.svg?kind=${kind}&lang=${lang}&layout=narrow` }),
            h('img', { src: `/api/jobs/${id}/advice/chart.svg?kind=${kind}&lang=${lang}`, alt: t('advKind_' + kind), class: 'chart', width: '860', id: 'advice-chart-' + kind })),
          h('div', { class: 'wide-table' }, h('table', { class: 'list num', id: 'advice-table-' + kind },
            h('thead', {}, h('tr', {}, ['#', t('advAction'), t('advGain'), t('advInterval'), t('advUncovered'), t('advMountain'), t('advSpread'), t('advKm'), t('advMoves'), t('advServes'), '']
              .map((x) => h('th', {}, x)))),
            h('tbody', {}, list.map((s) => h('tr', { 'data-key': s.key },
              h('td', { class: 'r' }, s.rank), h('td', { class: 'l' }, doc.actions[s.key] || s.action),
              cell(s.gain, 2), h('td', { class: 'l' }, s.exact ? t('advExact') : '[' + num(s.gainLow, 2) + '; ' + num(s.gainHigh, 2) + ']'),
              cell(s.with?.uncoveredNeeds, 0), cell(s.with?.mountainDeviation, 2), cell(s.with?.utilisationSpread, 2), cell(s.with?.kmPerYear, 0), cell(s.with?.moves, 0),
              h('td', { class: 'l' }, s.serves.map((c) => doc.communes[c] || c).join(', ') || '—'),
              h('td', {}, h('button', { type: 'button', class: 'whatif', onclick: makeWhatIf(s.key) }, t('makeWhatIf')))))))));
      }
      if (a.joint) {
        const j = a.joint;
        parts.push(h('h3', {}, t('advJoint')),
          h('p', { class: 'status ' + (j.status === 'optimal' ? 'ok' : 'bad'), id: 'advice-joint' },
            j.status === 'optimal' ? t('advJointOptimal') : t('advJointFeasible', j.gap != null ? num(100 * j.gap, 2) + ' %' : ''),
            ' · ', t('advJointPoints', num(j.objective, 2), num(j.gain, 2), num(j.bound, 2))),
          j.keys.length ? h('ol', { id: 'advice-joint-actions' }, j.keys.map((k, i) => h('li', { 'data-key': k }, doc.actions[k] || j.actions[i]))) : h('p', {}, t('advNoAction')),
          h('button', { type: 'button', id: 'advice-whatif-joint', onclick: makeWhatIf('combination') }, t('makeWhatIfJoint')));
      }
    }
    const r = doc.resilience;
    if (r) {
      parts.push(h('h3', {}, t('advDepartures')),
        h('div', { class: 'wide-table' }, h('table', { class: 'list num', id: 'advice-departures' },
          h('thead', {}, h('tr', {}, [t('officer'), t('advCost'), t('advInterval'), t('advLastFor')].map((x) => h('th', {}, x)))),
          h('tbody', {}, r.departures.map((d) => h('tr', {},
            h('td', { class: 'l' }, `${d.name} (${d.officer})`), h('td', { class: 'r' }, d.cost == null ? t('advNoPlan') : num(d.cost, 2)),
            h('td', { class: 'l' }, d.cost == null ? d.reasons.join(' ') : d.costLow === d.costHigh ? t('advExact') : '[' + num(d.costLow, 2) + '; ' + num(d.costHigh, 2) + ']'),
            h('td', { class: 'l' }, d.lastQualifiedFor.join(', ') || '—')))))),
        h('h3', {}, t('advBench')),
        h('div', { class: 'wide-table' }, h('table', { class: 'list num', id: 'advice-bench' },
          h('thead', {}, h('tr', {}, [t('specialty'), t('advHolders'), t('advNeeding'), t('advWithout'), t('advSpare'), t('advCheapest')].map((x) => h('th', {}, x)))),
          h('tbody', {}, r.bench.map((b) => h('tr', {},
            h('td', { class: 'l' }, b.specialty), h('td', { class: 'r' }, b.holders.length), h('td', { class: 'r' }, b.communesNeeding),
            h('td', { class: 'l' }, b.communesWithoutHolder.join(', ') || '—'), h('td', { class: 'r' }, num(b.holdersSpareCapacity, 2)),
            h('td', { class: 'l' }, b.cheapestTraining || '—')))))));
    }
    parts.push(whatIfNote);
    return parts;
  },
};
