// The scenarios panel: every scenario of the folder with the verdict of `diaban check`.
import { api, described, errorText, h, lang, loadScenarios, message, named, panels, put, show, state, t } from './core.mjs';

panels.scenarios = {
  tab: 'tabScenarios',
  async build(section, path) {
    if (path) state.selected = path;
    put(section, h('h2', {}, t('tabScenarios')), message('wait', t('loading')));
    const r = await loadScenarios();
    if (!r.ok) { put(section, h('h2', {}, t('tabScenarios')), message('bad', errorText(r.data))); return; }
    const table = h('table', { class: 'list', id: 'scenario-list' },
      h('thead', {}, h('tr', {}, h('th', {}, t('file')), h('th', {}, t('name')), h('th', {}, t('status')))),
      h('tbody', {}, state.scenarios.map((s) => h('tr', {
        class: s.path === state.selected ? 'sel' : '', tabindex: '0', 'data-path': s.path,
        onclick: () => { state.selected = s.path; this.build(section); },
        onkeydown: (e) => { if (e.key === 'Enter') { state.selected = s.path; this.build(section); } },
      }, h('td', {}, h('code', {}, s.path)), h('td', {}, named(s)), h('td', {}, verdictBadge(s))))));
    const detail = h('div', { class: 'detail', id: 'scenario-detail' }, h('p', { class: 'hint' }, t('pickScenario')));
    put(section, 
      h('div', { class: 'row' }, h('h2', {}, t('tabScenarios')),
        h('span', { class: 'muted' }, t('folder') + ': ', h('code', {}, state.folder)),
        h('button', { type: 'button', onclick: () => this.build(section) }, t('reload'))),
      h('div', { class: 'split' }, h('div', { class: 'wide-table' }, table), detail));
    if (state.selected) this.detail(detail, state.selected);
  },
  async detail(box, path) {
    put(box, message('wait', t('loading')));
    const r = await api('GET', '/api/scenario?path=' + encodeURIComponent(path));
    if (!r.ok) { put(box, message('bad', errorText(r.data))); return; }
    const c = r.data;
    const valid = c.verdict !== 'bad-data';
    put(box, 
      h('h3', {}, named(c) || c.path), described(c) ? h('p', { class: 'muted' }, described(c)) : null,
      h('p', {}, verdictBadge({ verdict: c.verdict, problems: c.problems.length, notes: c.notes.length }),
        c.base ? h('span', { class: 'muted' }, ' · ' + t('base') + ': ', h('code', {}, c.base)) : null),
      valid ? h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => show('solve', { path }) }, t('solveThis')),
        h('button', { type: 'button', onclick: () => show('whatif', { base: path }) }, t('whatIfFrom')),
        h('button', { type: 'button', onclick: () => show('compare', { path }) }, t('compareThis'))) : null,
      c.problems.length ? problemTable(c.problems) : null,
      h('h4', {}, t('checkTitle')), h('pre', { class: 'cli', id: 'check-text' }, lang === 'vi' ? c.textVi ?? c.text : c.text),
      h('details', { ontoggle: async (e) => {
        if (!e.target.open || e.target.dataset.loaded) return;
        e.target.dataset.loaded = '1';
        const s = await api('GET', '/api/scenario/source?path=' + encodeURIComponent(path));
        e.target.append(h('pre', { class: 'yaml' }, s.ok ? s.data.text : (s.data?.error || t('error'))));
      } }, h('summary', {}, t('showYaml'))));
  },
};

export function verdictBadge(s) {
  if (s.verdict === 'bad-data') return h('span', { class: 'badge bad' }, '✗ ' + t('badData', s.problems));
  const notes = s.notes ? ' · ' + t('notes', s.notes) : '';
  if (s.verdict === 'infeasible') return h('span', { class: 'badge warn' }, '⚠ ' + t('infeasible') + notes);
  return h('span', { class: 'badge ok' }, '✓ ' + t('valid') + notes);
}

export function problemTable(problems, changeLines) {
  return h('table', { class: 'problems', id: 'problems' },
    h('caption', {}, t('problemsTitle')),
    h('thead', {}, h('tr', {}, h('th', {}, t('where')), h('th', {}, t('field')), h('th', {}, t('message')), h('th', {}, t('whatToDo')))),
    h('tbody', {}, problems.map((p) => {
      const change = changeLines && p.line ? changeLines.indexOf(p.line) : -1;
      return h('tr', {},
        h('td', {}, h('code', {}, (p.path || p.file) + (p.line ? ':' + p.line : '') + (p.column && p.line ? ':' + p.column : '')),
          change >= 0 ? h('div', { class: 'muted' }, t('changes') + ' #' + (change + 1)) : null),
        h('td', {}, p.field ? h('code', {}, p.field) : ''), h('td', {}, p.message), h('td', {}, p.hint));
    })));
}
