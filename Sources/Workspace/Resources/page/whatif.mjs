// The what-if panel: a form that writes a what-if file, checked as `diaban check` checks it.
import { $, api, choicesOf, communeItems, errorText, h, lang, loadScenarios, message, named, newSpecialty, num, officerItems, panels, picker, put, show, specialtyItems, state, t, validScenarios } from './core.mjs';
import { formLabelKey, formPlace, formProblem } from './text.mjs';

export const OPS = ['setSpecialties', 'setOfficerStatus', 'removeOfficer', 'addOfficer', 'setCapacity', 'setBase', 'setWorkload',
  'setStaffing', 'setRequiredSpecialties', 'requireSpecialty', 'lock', 'forbid'];
export const draft = { base: null, file: '', name: '', question: '', description: '', changes: [], rules: {}, weights: {} };
export let lastPreview = null;

panels.whatif = {
  tab: 'tabWhatIf',
  async build(section, arg) {
    if (arg?.base && arg.base !== draft.base) { draft.base = arg.base; draft.changes = []; }
    if (!state.scenarios) await loadScenarios();
    const bases = validScenarios();
    if (!draft.base && bases.length) draft.base = bases[0].path;
    const c = draft.base ? await choicesOf(draft.base).catch(() => null) : null;
    const baseSelect = h('select', { id: 'wi-base', onchange: (e) => { draft.base = e.target.value; draft.changes = []; this.build(section); } },
      bases.map((s) => h('option', { value: s.path, selected: s.path === draft.base }, s.path + (named(s) ? ' — ' + named(s) : ''))));
    const text = (key, labelKey, attrs = {}) => h('label', { class: 'field' }, h('span', {}, t(labelKey)),
      h(attrs.multiline ? 'textarea' : 'input', { id: 'wi-' + key, value: draft[key], rows: attrs.multiline ? 2 : null,
        placeholder: attrs.placeholder, oninput: (e) => { draft[key] = e.target.value; } }));
    const changesBox = h('ol', { class: 'changes', id: 'wi-changes' });
    const renderChanges = () => {
      put(changesBox, ...(draft.changes.length ? draft.changes.map((ch, n) => changeRow(ch, n, c, renderChanges))
        : [h('li', { class: 'hint' }, t('noChanges'))]));
    };
    if (c) renderChanges();
    const opSelect = h('select', { id: 'wi-op' }, OPS.map((op) => h('option', { value: op }, t('op_' + op))));
    const result = h('div', { id: 'wi-result', class: 'result' });
    put(section, 
      h('h2', {}, t('tabWhatIf')), h('p', { class: 'muted' }, t('whatIfIntro')),
      h('div', { class: 'grid2' },
        h('label', { class: 'field' }, h('span', {}, t('baseScenario')), baseSelect),
        text('file', 'newFile', { placeholder: 'what-if-….yaml' }),
        text('name', 'wiName'), text('question', 'question'),
        h('div', { class: 'wide' }, text('description', 'description', { multiline: true }))),
      h('h3', {}, t('changes')),
      c ? changesBox : message('bad', t('chooseBaseFirst')),
      c ? h('div', { class: 'row' }, opSelect, h('button', { type: 'button', id: 'wi-add', onclick: () => {
        draft.changes.push({ op: opSelect.value });
        renderChanges();
        changesBox.lastElementChild?.querySelector('input, select')?.focus();
      } }, t('addChange'))) : null,
      c ? rulesBox(c) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'wi-check', onclick: () => this.submit(result, false) }, t('check')),
        h('button', { type: 'button', class: 'primary', id: 'wi-save', onclick: () => this.submit(result, true) }, t('save'))),
      result);
    if (lastPreview) this.showResult(result, lastPreview.data, lastPreview.saved);
  },
  body(overwrite) {
    const clean = (o) => Object.fromEntries(Object.entries(o).filter(([k, v]) => !k.startsWith('_') && v !== '' && v != null
      && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(clean(v)).length === 0))
      .map(([k, v]) => [k, typeof v === 'object' && !Array.isArray(v) ? clean(v) : v]));
    return { base: draft.base, file: draft.file.trim(), name: draft.name, question: draft.question, description: draft.description,
      changes: draft.changes.map(clean), rules: clean(draft.rules), weights: clean(draft.weights), overwrite };
  },
  async submit(box, save, overwrite = false) {
    put(box, message('wait', t('loading')));
    const r = await api('POST', save ? '/api/whatifs' : '/api/whatifs/preview', this.body(overwrite));
    if (save && r.status === 409 && r.data?.exists) {
      const ok = await confirmDialog(t('exists', r.data.path), t('replace'));
      if (ok) return this.submit(box, true, true);
      put(box, );
      return;
    }
    if (!r.ok && r.status !== 422) { put(box, message('bad', errorText(r.data))); return; }
    lastPreview = { data: r.status === 422 ? { ...r.data, check: r.data.check } : r.data, saved: save && r.ok };
    if (save && r.ok) { state.scenarios = null; state.choices.delete(r.data.path); }
    this.showResult(box, lastPreview.data, lastPreview.saved);
  },
  showResult(box, data, saved) {
    const check = data.check;
    const bad = check.verdict === 'bad-data';
    put(box, 
      saved ? message('ok', t('saved', data.path)) : message(bad ? 'bad' : 'ok', bad ? t('previewInvalid', check.problems.length) : t('previewValid')),
      saved ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'wi-solve',
        onclick: () => show('solve', { path: data.path }) }, t('solveSaved'))) : null,
      bad ? formProblemTable(check.problems, data.changeLines) : null,
      h('h4', {}, t('checkTitle')), h('pre', { class: 'cli', id: 'wi-check-text' }, check.text),
      h('h4', {}, t('yamlTitle')), h('pre', { class: 'yaml', id: 'wi-yaml' }, data.yaml));
    markFields(bad ? check.problems : [], data.changeLines);
  },
};

// The field of the form that holds a problem's mistake (an input, a picker), or the change's
// whole row when no one field does; null when the form has no place for it.
export function formElement(place) {
  if (!place) return null;
  if (place.part) return document.getElementById((place.part === 'weights' ? 'wi-w-' : 'wi-') + place.key);
  const row = document.querySelectorAll('#wi-changes > li.change')[place.change];
  if (!row) return null;
  const key = place.key ? place.key.split('.').pop() : null;
  const ids = key === 'commune' ? ['commune', 'communes'] : key === 'officer' && place.key !== 'officer' ? [] : key ? [key] : [];
  for (const k of ids) {
    const el = document.getElementById(`wi-c${place.change}-${k}`);
    if (el) return el;
  }
  return (key === 'select' && row.querySelector('.criteria')) || row;
}

// A problem in the form's words: where (the change or the rules, and the field's label) and what.
function said(p, changeLines) {
  const place = formPlace(p, changeLines);
  const labelKey = formLabelKey(place);
  const label = labelKey ? t(labelKey) : place ? t('fp_whole_change') : t('fp_file');
  const where = !place ? t('fp_file') : place.part ? t('fp_rules') : t('fp_change', place.change + 1);
  return { place, label, where, ...formProblem(p, label, t) };
}

// Marks each field of the form that holds a mistake, with the reason beside it; clears the
// marks of the previous check.
export function markFields(problems, changeLines) {
  for (const el of document.querySelectorAll('#panel-whatif [data-form-problem]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('data-form-problem');
    el.classList.remove('invalid');
  }
  for (const note of document.querySelectorAll('#panel-whatif .field-error.form')) note.remove();
  for (const p of problems) {
    const s = said(p, changeLines);
    const el = formElement(s.place);
    if (!el) continue;
    el.setAttribute('data-form-problem', '');
    const note = h('span', { class: 'field-error form', role: 'alert' }, s.text);
    if (el.matches('li.change')) {
      el.classList.add('invalid');
      el.querySelector('.change-body')?.prepend(note);
    } else if (el.matches('input, select, textarea')) {
      el.setAttribute('aria-invalid', 'true');
      (el.closest('.picker') || el).after(note);
    } else {
      el.classList.add('invalid');
      el.append(note);
    }
  }
}

// The table of a what-if's problems, as the form speaks: the change and the field by its label,
// what is wrong, and what to do in the form. The file's line stays, small, for reference.
export function formProblemTable(problems, changeLines) {
  return h('table', { class: 'problems', id: 'problems' },
    h('caption', {}, t('problemsTitle')),
    h('thead', {}, h('tr', {}, h('th', {}, t('where')), h('th', {}, t('field')), h('th', {}, t('message')), h('th', {}, t('whatToDo')))),
    h('tbody', {}, problems.map((p) => {
      const s = said(p, changeLines);
      return h('tr', { 'data-change': s.place?.change ?? '' },
        h('td', {}, s.where, p.line ? h('div', { class: 'muted' }, h('small', {}, (p.path || p.file) + ':' + p.line)) : null),
        h('td', {}, s.label), h('td', {}, s.text, s.generic && lang === 'en' ? h('div', { class: 'muted' }, p.message) : null),
        h('td', {}, s.place ? t('fp_fix') : p.hint));
    })));
}

export function rulesBox(c) {
  const num = (obj, key, labelKey, placeholder) => h('label', { class: 'field small' }, h('span', {}, t(labelKey)),
    h('input', { type: 'number', step: 'any', min: '0', value: obj[key] ?? '', placeholder: placeholder == null ? t('keep') : String(placeholder),
      id: (obj === draft.weights ? 'wi-w-' : 'wi-') + key, oninput: (e) => { obj[key] = e.target.value === '' ? '' : Number(e.target.value); } }));
  const coverage = h('label', { class: 'field small' }, h('span', {}, t('coverage')),
    h('select', { id: 'wi-coverage', onchange: (e) => { draft.rules.coverage = e.target.value; } },
      h('option', { value: '' }, t('keep') + ' (' + t(c.rules.coverage) + ')'),
      ['soft', 'hard'].map((v) => h('option', { value: v, selected: draft.rules.coverage === v }, t(v)))));
  return h('details', { class: 'rules' }, h('summary', {}, t('rulesWeights')),
    h('div', { class: 'grid4' },
      num(draft.rules, 'maxChanges', 'maxChanges', c.rules.maxChanges ?? '—'), coverage,
      num(draft.rules, 'balanceTolerance', 'balanceTolerance', c.rules.balanceTolerance),
      num(draft.rules, 'candidateLimit', 'candidateLimit', c.rules.candidateLimit ?? '—'),
      ['travel', 'mountainBalance', 'mountainMaxDeviation', 'workloadBalance', 'workloadMax', 'coverage', 'change']
        .map((w) => num(draft.weights, w, 'w_' + w, c.weights[w]))));
}

// One change of the draft: its fields, as the `changes:` entry says them.
export function changeRow(ch, n, c, rerender) {
  // A picker is not put in a <label>: a click in a label goes to its first control, which
  // may be a chip's remove button.
  const field = (labelKey, control, cls = '') => {
    if (!control.classList.contains('picker')) return h('label', { class: 'field ' + cls }, h('span', {}, t(labelKey)), control);
    control.querySelector('input').setAttribute('aria-label', t(labelKey));
    return h('div', { class: 'field ' + cls }, h('span', {}, t(labelKey)), control);
  };
  const officer = (key = 'officer') => field('officer', picker({ items: officerItems(c), value: ch[key], placeholder: t('searchOfficer'),
    id: `wi-c${n}-${key}`, onChange: (v) => { ch[key] = v; } }), 'grow');
  const commune = (key = 'commune', labelKey = 'commune') => field(labelKey, picker({ items: communeItems(c), value: ch[key],
    placeholder: t('searchCommune'), id: `wi-c${n}-${key}`, onChange: (v) => { ch[key] = v; } }), 'grow');
  const number = (key, labelKey, obj = ch) => field(labelKey, h('input', { type: 'number', step: 'any', min: '0', value: obj[key] ?? '',
    id: `wi-c${n}-${key}`, oninput: (e) => { obj[key] = e.target.value === '' ? '' : Number(e.target.value); } }), 'small');
  const specialties = (key, labelKey) => field(labelKey, picker({ items: specialtyItems(c), value: ch[key] || [], multiple: true,
    placeholder: t('searchSpecialty'), extra: newSpecialty, id: `wi-c${n}-${key}`, onChange: (v) => { ch[key] = v; } }), 'grow');
  const selection = (obj) => {
    obj.select = obj.select || {};
    const s = obj.select;
    const checks = (key, values) => field(key, h('div', { class: 'checks' }, values.map((v) => h('label', {},
      h('input', { type: 'checkbox', checked: (s[key] || []).includes(v), onchange: (e) => {
        s[key] = (s[key] || []).filter((x) => x !== v).concat(e.target.checked ? [v] : []);
      } }), ' ' + t(v)))));
    return h('div', { class: 'criteria' },
      field('formerDistricts', picker({ items: c.formerDistricts.map((d) => ({ key: d, label: d })), value: s.formerDistricts || [],
        multiple: true, placeholder: t('searchDistrict'), id: `wi-c${n}-districts`, onChange: (v) => { s.formerDistricts = v; } }), 'grow'),
      c.provinces.length > 1 ? field('provinces', picker({ items: c.provinces.map((d) => ({ key: d, label: d })), value: s.provinces || [],
        multiple: true, id: `wi-c${n}-provinces`, onChange: (v) => { s.provinces = v; } }), 'grow') : null,
      checks('terrain', ['mountain', 'highland', 'midland', 'lowland']), checks('kinds', ['xa', 'phuong', 'dac-khu']));
  };
  // A set of communes: picked one by one, or selected by criteria.
  const target = () => {
    ch._by = ch._by || (ch.select ? 'select' : 'communes');
    const box = h('div', {});
    const draw = () => {
      if (ch._by === 'communes') { delete ch.select; ch.commune = ch.commune || []; } else { delete ch.commune; }
      put(box, ch._by === 'communes'
        ? field('communes', picker({ items: communeItems(c), value: ch.commune, multiple: true, placeholder: t('searchCommune'),
          id: `wi-c${n}-communes`, onChange: (v) => { ch.commune = v; } }), 'grow')
        : selection(ch));
    };
    draw();
    return h('div', { class: 'target' }, h('div', { class: 'radios' }, ['communes', 'select'].map((by) => h('label', {},
      h('input', { type: 'radio', name: `wi-c${n}-by`, checked: ch._by === by, onchange: () => { ch._by = by; draw(); } }),
      ' ' + t(by === 'communes' ? 'byCommunes' : 'bySelection')))), box);
  };
  let body;
  switch (ch.op) {
    case 'removeOfficer': body = [officer()]; break;
    case 'setOfficerStatus':
      ch.status = ch.status || 'leave';
      body = [officer(), field('statusWord', h('select', { id: `wi-c${n}-status`, onchange: (e) => { ch.status = e.target.value; } },
        ['leave', 'active'].map((s) => h('option', { value: s, selected: ch.status === s }, t(s)))))];
      break;
    case 'setCapacity': body = [officer(), number('capacity', 'capacity')]; break;
    case 'setSpecialties': body = [officer(), specialties('add', 'add'), specialties('remove', 'removeSp')]; break;
    case 'lock': case 'forbid': body = [officer(), commune()]; break;
    case 'setWorkload': {
      ch._mode = ch._mode || (ch.value != null ? 'value' : 'scale');
      const amount = h('div', {});
      const draw = () => {
        if (ch._mode === 'value') delete ch.scale; else delete ch.value;
        put(amount, number(ch._mode, ch._mode === 'value' ? 'workloadValue' : 'workloadScale'));
      };
      draw();
      body = [target(), h('div', { class: 'radios' }, ['scale', 'value'].map((m) => h('label', {},
        h('input', { type: 'radio', name: `wi-c${n}-mode`, checked: ch._mode === m, onchange: () => { ch._mode = m; draw(); } }),
        ' ' + t(m === 'value' ? 'workloadValue' : 'workloadScale')))), amount];
      break;
    }
    case 'setStaffing': body = [target(), number('staffing', 'staffing')]; break;
    case 'setRequiredSpecialties': body = [target(), specialties('specialties', 'specialties')]; break;
    case 'requireSpecialty':
      body = [field('specialty', picker({ items: specialtyItems(c), value: ch.specialty, placeholder: t('searchSpecialty'), extra: newSpecialty,
        id: `wi-c${n}-specialty`, onChange: (v) => { ch.specialty = v; } }), 'grow'), selection(ch)];
      break;
    case 'setBase': {
      ch._at = ch._at || (ch.lat != null ? 'point' : ch.headquarters ? 'hq' : 'commune');
      const where = h('div', {});
      const draw = () => {
        for (const k of ['commune', 'lat', 'lon', 'label', 'headquarters']) if (!(ch._at === 'commune' && k === 'commune') && !(ch._at === 'point' && ['lat', 'lon', 'label'].includes(k))) delete ch[k];
        if (ch._at === 'hq') ch.headquarters = true;
        put(where, ...(ch._at === 'commune' ? [commune()] : ch._at === 'point'
          ? [number('lat', 'lat'), number('lon', 'lon'), field('label', h('input', { value: ch.label ?? '', oninput: (e) => { ch.label = e.target.value; } }))] : []));
      };
      draw();
      body = [officer(), field('newBase', h('div', { class: 'radios' }, [['commune', 'atCommune'], ['point', 'atPoint'], ['hq', 'atHQ']].map(([v, k]) => h('label', {},
        h('input', { type: 'radio', name: `wi-c${n}-at`, checked: ch._at === v, onchange: () => { ch._at = v; draw(); } }), ' ' + t(k))))), where];
      break;
    }
    case 'addOfficer': {
      ch.officer = ch.officer || {};
      const o = ch.officer;
      o._at = o._at || 'hq';
      const where = h('div', {});
      const draw = () => {
        if (o._at !== 'commune') delete o.base_commune;
        if (o._at !== 'point') { delete o.base_lat; delete o.base_lon; }
        put(where, ...(o._at === 'commune' ? [field('commune', picker({ items: communeItems(c), value: o.base_commune, placeholder: t('searchCommune'),
          id: `wi-c${n}-base_commune`, onChange: (v) => { o.base_commune = v; } }), 'grow')] : o._at === 'point' ? [number('base_lat', 'lat', o), number('base_lon', 'lon', o)] : []));
      };
      draw();
      const textIn = (key, labelKey) => field(labelKey, h('input', { value: o[key] ?? '', id: `wi-c${n}-${key}`, oninput: (e) => { o[key] = e.target.value; } }));
      body = [textIn('id', 'newId'), textIn('name', 'newName'), number('capacity', 'capacity', o),
        field('specialties', picker({ items: specialtyItems(c), value: o.specialties || [], multiple: true, extra: newSpecialty,
          placeholder: t('searchSpecialty'), id: `wi-c${n}-specialties`, onChange: (v) => { o.specialties = v; } }), 'grow'),
        field('newBase', h('div', { class: 'radios' }, [['hq', 'atHQ'], ['commune', 'atCommune'], ['point', 'atPoint']].map(([v, k]) => h('label', {},
          h('input', { type: 'radio', name: `wi-c${n}-oat`, checked: o._at === v, onchange: () => { o._at = v; draw(); } }), ' ' + t(k))))), where,
        field('homeCommune', picker({ items: communeItems(c), value: o.home_commune, placeholder: t('searchCommune'),
          id: `wi-c${n}-home_commune`, onChange: (v) => { o.home_commune = v; } }), 'grow'),
        number('min_communes', 'minCommunes', o), number('max_communes', 'maxCommunes', o)];
      break;
    }
    default: body = [];
  }
  return h('li', { class: 'change', 'data-op': ch.op },
    h('div', { class: 'change-head' }, h('b', {}, `${n + 1}. ${t('op_' + ch.op)}`), h('code', { class: 'muted' }, ch.op),
      h('button', { type: 'button', class: 'x', 'aria-label': t('remove'), onclick: () => { draft.changes.splice(n, 1); rerender(); } }, '×')),
    h('div', { class: 'change-body' }, body,
      field('note', h('input', { value: ch.note ?? '', oninput: (e) => { ch.note = e.target.value; } }), 'grow')));
}

export function confirmDialog(text, yes) {
  return new Promise((resolve) => {
    const modal = $('#modal');
    const done = (v) => { modal.hidden = true; put(modal, ); resolve(v); };
    put(modal, h('div', { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-text' },
      h('p', { id: 'modal-text' }, text),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'modal-yes', onclick: () => done(true) }, yes),
        h('button', { type: 'button', id: 'modal-no', onclick: () => done(false) }, t('cancel')))));
    modal.hidden = false;
    $('#modal-yes').focus();
  });
}
