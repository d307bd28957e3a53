// DiaBan workspace: one page, no library, nothing from the network. Every request goes to
// this server; requests that change something carry the session's CSRF token.
import { fieldMessage, formatNumber, formatPercent, inLanguage, matches, numberFieldProblem } from './text.mjs';
import { T } from './words.mjs';

export const csrf = document.querySelector('meta[name="csrf-token"]').content;

export let lang = localStorage.getItem('diaban-lang') === 'en' ? 'en' : 'vi';
export const t = (key, ...args) => {
  const v = T[lang][key] ?? T.vi[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
};

// ---------------------------------------------------------------- helpers
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}
export const $ = (sel, root = document) => root.querySelector(sel);
// Replaces an element's children, leaving out the empty ones (null, false, '').
export function put(el, ...kids) {
  el.replaceChildren(...kids.flat(Infinity).filter((k) => k != null && k !== false && k !== ''));
}

export async function api(method, url, body) {
  const options = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (method !== 'GET') options.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try { response = await fetch(url, options); } catch (e) { return { ok: false, status: 0, data: { error: t('networkError') } }; }
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return { ok: response.ok, status: response.status, data };
}

export const num = (x, places = 0) => formatNumber(x, places, lang);
export const pct = (g, places = 2) => formatPercent(g, places, lang);
// A scenario's name and description in the page's language.
export const named = (s) => inLanguage(s, 'name', lang);
export const described = (s) => inLanguage(s, 'description', lang);

// What the server refused, in the page's words: a form field's value is said in the page's
// language and named by its label on the page; anything else is the server's own sentence.
export function errorText(data) { return fieldMessage(data, t) ?? data?.error ?? t('error'); }

export function message(kind, text) { return h('p', { class: 'msg ' + kind, role: kind === 'bad' ? 'alert' : 'status' }, text); }

export function resultSentence(r) {
  if (!r) return '';
  switch (r.status) {
    case 'optimal': return t('res_optimal');
    case 'feasible': return t('res_feasible', r.gap != null ? t('gapIn', pct(r.gap)) : '');
    case 'interrupted': return r.hasPlan ? t('res_interrupted') : t('res_interruptedNone');
    case 'infeasible': return t('res_infeasible');
    case 'no-solution': return t('res_noSolution');
    default: return t('res_failed');
  }
}

export function stateWord(job) {
  if (job.state === 'queued') return t('st_queued', job.position ?? '?');
  return t('st_' + job.state);
}

// ---------------------------------------------------------------- shared state
export const state = {
  scenarios: null, // [{path, name, verdict, ...}]
  folder: '',
  selected: null, // path shown in the scenarios panel
  jobs: { list: [], running: 0, queued: 0, limit: 1 },
  watching: new Map(), // job id -> EventSource
  snapshots: new Map(), // job id -> latest snapshot
  currentJob: null, // job shown in the solve panel
  choices: new Map(), // scenario path -> choices
};

export async function loadScenarios() {
  const r = await api('GET', '/api/scenarios');
  if (r.ok) {
    state.scenarios = r.data.scenarios;
    state.folder = r.data.folder;
  }
  return r;
}
export const validScenarios = () => (state.scenarios || []).filter((s) => s.verdict !== 'bad-data');

export async function choicesOf(path) {
  if (!state.choices.has(path)) {
    const r = await api('GET', '/api/scenario/choices?path=' + encodeURIComponent(path));
    if (!r.ok) throw new Error(errorText(r.data));
    state.choices.set(path, r.data);
  }
  return state.choices.get(path);
}

// Watching a job keeps it alive on the server; closing the page closes every stream.
export function watch(id, onUpdate) {
  if (state.watching.has(id)) {
    state.watching.get(id).listeners.add(onUpdate);
    return;
  }
  const source = new EventSource('/api/jobs/' + encodeURIComponent(id) + '/events');
  const entry = { source, listeners: new Set([onUpdate]) };
  state.watching.set(id, entry);
  const handle = (e) => {
    const snap = JSON.parse(e.data);
    const old = state.snapshots.get(id);
    if (old && old.history && !snap.history) snap.history = old.history;
    if (e.type === 'progress' && snap.progress) {
      snap.history = (snap.history || []).concat([snap.progress]).slice(-600);
    }
    if (old && old.mine !== undefined) snap.mine = old.mine;
    state.snapshots.set(id, snap);
    for (const f of entry.listeners) f(snap, e.type);
    if (e.type === 'done') {
      source.close();
      state.watching.delete(id);
      refreshJobs();
    }
  };
  for (const name of ['state', 'progress', 'done']) source.addEventListener(name, handle);
}

export async function startJob(body) {
  const r = await api('POST', '/api/jobs', body);
  if (r.ok) {
    r.data.mine = true;
    state.snapshots.set(r.data.id, r.data);
    refreshJobs();
  }
  return r;
}

export async function refreshJobs() {
  const r = await api('GET', '/api/jobs');
  if (!r.ok) return;
  state.jobs = r.data;
  for (const j of r.data.jobs) {
    const old = state.snapshots.get(j.id);
    if (old && old.history) j.history = old.history;
    state.snapshots.set(j.id, j);
  }
  renderQueue();
  panels.solve.onJobs?.();
}

// ---------------------------------------------------------------- header and panels
// The panels, in the order of the tabs. A panel is {tab: word key, build(section, arg)}:
// build fills its <section> each time the tab is shown (arg comes from show(id, arg)).
// The decisions panel (accept / reject / keep each move of a finished solve, then
// re-plan, decisions.csv and adoption into a register) is panels.decide, opened from a
// finished solve with show('decide', { job: id }).
export const panels = {};
export const order = ['scenarios', 'whatif', 'solve', 'compare', 'decide', 'tradeoff', 'advice', 'workplan'];
export let current = null;

export function renderHeader() {
  document.documentElement.lang = lang;
  document.title = t('title');
  const nav = $('#tabs');
  put(nav, ...order.map((id) => h('button', {
    type: 'button', role: 'tab', id: 'tab-' + id, 'aria-selected': String(id === current), 'aria-controls': 'panel-' + id,
    onclick: () => show(id),
  }, t(panels[id].tab))));
  $('#brand-sub').textContent = t('workspace');
  for (const b of document.querySelectorAll('.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  renderQueue();
}

export function renderQueue() {
  const q = $('#queue');
  q.textContent = t('queue', state.jobs.running, state.jobs.limit, state.jobs.queued);
  q.classList.toggle('busy', state.jobs.running + state.jobs.queued > 0);
}

export function show(id, arg) {
  current = id;
  if (location.hash !== '#' + id) history.replaceState(null, '', '#' + id);
  for (const p of order) {
    const section = $('#panel-' + p);
    section.hidden = p !== id;
  }
  renderHeader();
  const section = $('#panel-' + id);
  panels[id].build(section, arg);
}

export function setLanguage(l) {
  lang = l;
  localStorage.setItem('diaban-lang', l);
  show(current);
}

// ---------------------------------------------------------------- picker (search, diacritics)
// items: [{key, label, detail}]; one value, or several with `multiple`. `extra(query)` may
// offer an item that is not in the list (a new specialty).
export function picker({ items, value, multiple = false, placeholder = '', onChange, extra, id }) {
  let selected = multiple ? [...(value || [])] : value ?? null;
  let active = -1;
  let shown = [];
  const byKey = new Map(items.map((i) => [i.key, i]));
  const labelOf = (k) => byKey.get(k)?.label ?? k;
  const input = h('input', { type: 'search', class: 'pick-input', placeholder, autocomplete: 'off', role: 'combobox',
    'aria-expanded': 'false', 'aria-autocomplete': 'list', id });
  const list = h('ul', { class: 'pick-list', role: 'listbox', hidden: true });
  const chips = h('div', { class: 'chips' });
  const root = h('div', { class: 'picker' + (multiple ? ' multi' : '') }, chips, input, list);

  function renderChips() {
    if (!multiple) return;
    put(chips, ...selected.map((k) => h('span', { class: 'chip' }, labelOf(k),
      h('button', { type: 'button', class: 'x', 'aria-label': t('remove') + ' ' + labelOf(k), onclick: () => {
        selected = selected.filter((s) => s !== k);
        renderChips();
        onChange(selected);
      } }, '×'))));
  }
  function choose(item) {
    if (multiple) {
      if (!selected.includes(item.key)) selected.push(item.key);
      input.value = '';
      renderChips();
    } else {
      selected = item.key;
      input.value = item.label;
    }
    close();
    onChange(multiple ? selected : selected);
  }
  function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; }
  function open() {
    const q = input.value;
    const query = !multiple && selected != null && q === labelOf(selected) ? '' : q;
    shown = items.filter((i) => !(multiple && selected.includes(i.key)) && matches(i.label + ' ' + (i.detail || '') + ' ' + i.key, query)).slice(0, 40);
    const more = extra ? extra(query.trim()) : null;
    if (more && !items.some((i) => i.key === more.key)) shown.push(more);
    active = shown.length ? 0 : -1;
    put(list, ...(shown.length ? shown.map((item, n) => h('li', {
      role: 'option', class: n === active ? 'on' : '', 'data-key': item.key,
      // Keep the focus on the input; choose on click, once the pointer is up.
      onmousedown: (e) => e.preventDefault(), onclick: () => choose(item),
    }, h('span', { class: 'pl' }, item.label), item.detail ? h('small', {}, item.detail) : null)) : [h('li', { class: 'none' }, t('noMatch'))]));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }
  function highlight() { [...list.children].forEach((li, n) => li.classList.toggle('on', n === active)); list.children[active]?.scrollIntoView({ block: 'nearest' }); }
  // The list opens when the user types, clicks the field or presses ↓, not on focus alone,
  // so that it never covers the next control after a change is added.
  input.addEventListener('input', open);
  input.addEventListener('click', () => { if (list.hidden) open(); });
  input.addEventListener('blur', () => {
    close();
    if (!multiple) {
      if (input.value.trim() === '') { if (selected != null) { selected = null; onChange(null); } } else if (selected != null) input.value = labelOf(selected);
      else input.value = '';
    }
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); if (list.hidden) open(); else { active = Math.min(shown.length - 1, active + 1); highlight(); } }
    else if (e.key === 'ArrowUp') { e.preventDefault(); active = Math.max(0, active - 1); highlight(); }
    else if (e.key === 'Enter') { if (!list.hidden && shown[active]) { e.preventDefault(); choose(shown[active]); } }
    else if (e.key === 'Escape') close();
  });
  if (!multiple && selected != null) input.value = labelOf(selected);
  renderChips();
  return root;
}

export const officerItems = (c) => c.officers.map((o) => ({ key: o.id, label: `${o.id} — ${o.name}`,
  detail: [o.specialties.join(', '), o.status === 'leave' ? t('leave') : '', o.base].filter(Boolean).join(' · ') }));
export const communeItems = (c) => c.communes.map((m) => ({ key: m.code, label: `${m.name} (${m.code})`,
  detail: [m.formerDistrict, t(m.terrain), m.required.join(', ')].filter(Boolean).join(' · ') }));
export const specialtyItems = (c) => c.specialties.map((s) => ({ key: s, label: s }));
export const newSpecialty = (q) => (/^[a-z][a-z0-9-]*$/.test(q) ? { key: q, label: q, detail: t('newSpecialty', q) } : null);

// Checks a number field where it is typed (on each input, and again before the form is sent): a value that is not a number, or is too small, is
// marked on the field with the reason beside it, and the caller does not go on. True when
// the field holds a number or is empty (the default).
export function numberFieldOk(input) {
  if (!input) return true;
  const problem = numberFieldProblem({ badInput: input.validity?.badInput, value: input.value, min: input.min }, t);
  let note = input.parentElement?.querySelector('.field-error');
  if (!problem) {
    input.removeAttribute('aria-invalid');
    note?.remove();
    return true;
  }
  input.setAttribute('aria-invalid', 'true');
  if (!note) { note = h('span', { class: 'field-error', role: 'alert' }); input.after(note); }
  note.textContent = problem;
  if (document.activeElement !== input) input.focus();
  return false;
}

