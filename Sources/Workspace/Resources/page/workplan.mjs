// The work plan panel (Kế hoạch công tác): plans every officer's visits for a finished solve's
// plan on the pool, with live progress; shows one officer's month; downloads the .ics and the
// printable page; re-plans one officer after a change of their blocked days.
import { api, errorText, h, lang, message, num, panels, put, startJob, state, stateWord, t, watch } from './core.mjs';
import { blockedStretches, monthCells, monthsOf } from './calendar.mjs';
import { problemTable } from './scenarios.mjs';

const wp = { solve: null, job: null, plan: null, officer: null, month: null, replans: new Map() };

panels.workplan = {
  tab: 'tabWorkplan',
  section: null,
  async build(section, arg) {
    this.section = section;
    if (arg?.solve && arg.solve !== wp.solve) { wp.solve = arg.solve; wp.job = null; wp.plan = null; wp.replans = new Map(); }
    const solves = state.jobs.jobs.filter((j) => j.kind === 'solve' && j.state === 'finished' && j.result?.hasPlan);
    if (!wp.solve && solves.length) wp.solve = solves[0].id;
    const note = h('div', { id: 'workplan-message' });
    put(section,
      h('h2', {}, t('tabWorkplan')), h('p', { class: 'muted' }, t('workplanIntro')),
      h('div', { class: 'row' },
        h('label', { class: 'field grow' }, h('span', {}, t('planOf')),
          h('select', { id: 'workplan-solve', onchange: (e) => { wp.solve = e.target.value; } },
            solves.length ? solves.map((j) => h('option', { value: j.id, selected: j.id === wp.solve }, `${j.path} · ${j.id}`)) : h('option', { value: '' }, t('noSolvedPlan')))),
        h('button', { type: 'button', class: 'primary', id: 'workplan-start', disabled: !solves.length, onclick: async () => {
          put(note);
          const solve = state.snapshots.get(wp.solve);
          const r = await startJob({ kind: 'workplan', path: solve.path, plan: wp.solve });
          if (!r.ok) { put(note, message('bad', errorText(r.data))); return; }
          wp.job = r.data.id; wp.plan = null; wp.replans = new Map();
          this.follow();
        } }, t('makeWorkplan'))),
      note, h('div', { id: 'workplan-out' }));
    if (wp.job) this.follow();
  },
  follow() {
    const out = document.querySelector('#workplan-out');
    const id = wp.job;
    const line = h('p', { id: 'workplan-state' });
    const bar = h('i', { id: 'workplan-bar' });
    const stop = h('button', { type: 'button', class: 'danger', id: 'workplan-stop', onclick: () => api('POST', `/api/jobs/${id}/stop`) }, t('stop'));
    const result = h('div', { id: 'workplan-result' });
    put(out, h('div', { class: 'row' }, line, stop), h('div', { class: 'meter' }, bar), result);
    const update = async (s) => {
      if (wp.job !== id) return;
      const pts = s.points || { done: 0, total: 0 };
      line.textContent = stateWord(s) + ' · ' + t('officersDone', pts.done, pts.total);
      bar.style.width = (pts.total ? (100 * pts.done) / pts.total : 0) + '%';
      stop.hidden = !(s.state === 'queued' || s.state === 'running');
      if (s.state === 'finished' && !wp.plan) {
        const r = await api('GET', `/api/jobs/${id}/workplan.json`);
        if (!r.ok) { put(result, message('bad', errorText(r.data))); return; }
        wp.plan = r.data;
        wp.officer = wp.officer && r.data.officers.some((o) => o.officer === wp.officer) ? wp.officer : r.data.officers[0]?.officer;
        wp.month = monthsOf(r.data.period)[0];
        this.render(result);
      } else if (s.state === 'failed' || s.state === 'cancelled') {
        put(result, message('bad', s.error || stateWord(s)), s.problems ? problemTable(s.problems) : '');
      }
    };
    const snap = state.snapshots.get(id);
    if (snap) update(snap);
    if (!snap || snap.state === 'queued' || snap.state === 'running') watch(id, update);
    else api('GET', '/api/jobs/' + id).then((r) => r.ok && update(r.data));
  },
  // The officer shown: from a re-plan of them when there is one, else from the province's plan.
  shown() {
    const re = wp.replans.get(wp.officer);
    return re?.plan ? { officer: re.plan.officers[0], job: re.job } : { officer: wp.plan.officers.find((o) => o.officer === wp.officer), job: wp.job };
  },
  render(box) {
    const plan = wp.plan;
    const p = plan.province;
    const { officer: o, job } = this.shown();
    const months = monthsOf(plan.period);
    put(box,
      h('p', { class: 'status ' + (plan.status === 'optimal' || plan.status === 'feasible' ? 'ok' : 'bad'), id: 'workplan-status' },
        t('workplanSummary', p.provenOfficers, plan.officers.length, p.trips, p.fieldDays, num(p.km), num(p.modelKm), num(p.kmSaved))),
      h('div', { class: 'row' },
        h('label', { class: 'field grow' }, h('span', {}, t('officer')),
          h('select', { id: 'workplan-officer', onchange: (e) => { wp.officer = e.target.value; this.render(box); } },
            plan.officers.map((x) => h('option', { value: x.officer, selected: x.officer === wp.officer }, `${x.officer} — ${x.name}`)))),
        h('label', { class: 'field' }, h('span', {}, t('month')),
          h('select', { id: 'workplan-month', onchange: (e) => { wp.month = e.target.value; this.render(box); } },
            months.map((m) => h('option', { value: m, selected: m === wp.month }, m))))),
      h('p', { class: 'links' },
        h('a', { id: 'workplan-ics', href: `/api/jobs/${job}/officers/${encodeURIComponent(o.officer)}/calendar.ics`, download: o.officer + '.ics' }, t('downloadIcs')), ' · ',
        h('a', { id: 'workplan-print', href: `/api/jobs/${job}/officers/${encodeURIComponent(o.officer)}/plan.html?lang=${lang}`, target: '_blank', rel: 'noopener' }, t('printablePlan')), ' · ',
        h('a', { href: `/api/jobs/${wp.job}/workplan.json`, download: 'workplan.json' }, t('downloadJson'))),
      h('p', { class: 'muted', id: 'workplan-officer-line' }, t('officerLine', o.trips.length, o.fieldDays, num(o.km), num(o.modelKm), o.status)),
      o.reasons.length ? message('bad', o.reasons.join(' ') + (o.relaxation ? ' — ' + o.relaxation : '')) : null,
      this.month(o, wp.month, plan.period),
      this.blocked(o, box));
  },
  month(o, month, period) {
    const names = new Map(o.communes.map((c) => [c.code, c.name]));
    const weeks = monthCells(o, month, period);
    const use = o.months.find((m) => m.month === month);
    return h('div', { id: 'workplan-month-view' },
      h('table', { class: 'cal' },
        h('thead', {}, h('tr', {}, t('weekdays').map((w) => h('th', {}, w)))),
        h('tbody', {}, weeks.map((week) => h('tr', {}, week.map((c) => h('td', { class: 'c-' + c.kind, 'data-date': c.date || null },
          c.day ? h('b', {}, c.day) : null,
          c.kind === 'trip' ? h('span', {}, h('i', { class: 'route' }, c.trip.route), ' ', c.trip.communes.map((x) => names.get(x) || x).join(', '), c.part ? ` (${c.part}/2)` : '') : null,
          ['holiday', 'office', 'blocked'].includes(c.kind) ? h('small', {}, c.note || t('day_' + c.kind)) : null)))))),
      use ? h('p', { class: 'muted' }, t('monthLine', use.fieldDays, use.budget, use.visits)) : null);
  },
  // The officer's blocked days, editable, and the re-plan of this officer alone.
  blocked(o, box) {
    const key = o.officer;
    const re = wp.replans.get(key) || { rows: blockedStretches(o) };
    wp.replans.set(key, re);
    const note = h('div', { id: 'workplan-replan-message' });
    const rows = h('tbody', {}, re.rows.map((r, i) => h('tr', {},
      h('td', {}, h('input', { type: 'date', value: r.from, oninput: (e) => { r.from = e.target.value; } })),
      h('td', {}, h('input', { type: 'date', value: r.to, oninput: (e) => { r.to = e.target.value; } })),
      h('td', {}, h('input', { type: 'text', value: r.note, oninput: (e) => { r.note = e.target.value; } })),
      h('td', {}, h('button', { type: 'button', onclick: () => { re.rows.splice(i, 1); this.render(box); } }, t('remove'))))));
    return h('div', { class: 'card', id: 'workplan-blocked' },
      h('h3', {}, t('blockedDays', o.officer)),
      h('table', { class: 'list' }, h('thead', {}, h('tr', {}, [t('from'), t('to'), t('note'), ''].map((x) => h('th', {}, x)))), rows),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'workplan-add-blocked', onclick: () => {
          const first = wp.month + '-01';
          re.rows.push({ from: first, to: first, note: '' });
          this.render(box);
        } }, t('addBlocked')),
        h('button', { type: 'button', class: 'primary', id: 'workplan-replan', onclick: async () => {
          put(note);
          const solve = state.snapshots.get(wp.solve);
          const r = await startJob({ kind: 'workplan', path: solve.path, plan: wp.solve, officer: key, blocked: re.rows });
          if (!r.ok) { put(note, message('bad', errorText(r.data))); return; }
          re.job = r.data.id;
          re.plan = null;
          put(note, message('ok', t('replanning', key)));
          watch(r.data.id, async (s) => {
            if (s.state === 'finished') {
              const got = await api('GET', `/api/jobs/${r.data.id}/workplan.json`);
              if (got.ok) { re.plan = got.data; if (wp.officer === key) this.render(box); }
            } else if (s.state === 'failed') put(note, message('bad', s.error || stateWord(s)));
          });
        } }, t('replanOfficer', key))),
      note);
  },
};
