// The page's pure functions: text, numbers and dates as the panels show them, and the
// decision marks as the server takes them. No DOM here: `node --test` runs them as they are.

// Search that ignores case and Vietnamese diacritics: "nghe an" finds "Nghệ An".
export const fold = (s) => String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

// Every word of the query appears somewhere in the text (in any order, diacritics ignored).
export const matches = (text, query) => {
  const f = fold(text);
  return fold(query).split(/\s+/).filter(Boolean).every((w) => f.includes(w));
};

// The page's locale for a language.
export const localeOf = (lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

// A number with a fixed count of decimals in the language's style; '—' when there is none.
// A value that rounds to zero is written without a sign: never "-0".
export function formatNumber(x, places, lang) {
  if (x == null || !isFinite(x)) return '—';
  const factor = 10 ** places;
  const rounded = Math.round(Math.abs(x) * factor) === 0 ? 0 : x;
  return new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: places, maximumFractionDigits: places }).format(rounded);
}

// A fraction as a percentage ("0.0123" → "1,23 %" in Vietnamese).
export const formatPercent = (g, places, lang) => (g == null ? '—' : formatNumber(100 * g, places, lang) + ' %');

// A difference with its sign: "+3", "−2" as Intl writes it, and "0" for nothing.
export function formatSigned(x, places, lang) {
  const text = formatNumber(x, places, lang);
  return x > 0 && text !== formatNumber(0, places, lang) ? '+' + text : text;
}

// An ISO day as the language writes it: 2026-01-31 is 31/01/2026 in Vietnamese.
export const formatDay = (d, lang) => (lang === 'vi' && /^\d{4}-\d\d-\d\d$/.test(d || '') ? d.split('-').reverse().join('/') : d || '');

// The decision marks of a sheet, as the server's re-plan and save take them.
export const marksBody = (marks) => [...marks.entries()].map(([move, m]) => ({ move, decision: m.decision, note: m.note }));

// How many moves carry each verdict.
export function verdictCounts(marks) {
  const c = { accept: 0, reject: 0, keep: 0, hold: 0, pending: 0 };
  for (const m of marks.values()) c[m.decision] += 1;
  return c;
}

// A text of an item in the page's language: `nameEn` for English when the item has one,
// otherwise `name` (the scenario file's own words, Vietnamese for the bundled scenarios).
export const inLanguage = (item, key, lang) => (item == null ? '' : (lang === 'en' ? item[key + 'En'] ?? item[key] : item[key]) ?? '');

// " (nghỉ phép)", " (mới)": the roster change of a what-if for an officer, in the page's words
// (`word` translates roster_KIND); nothing for one who leaves (shown as the previous officer)
// or for an officer the what-if does not change.
export function rosterMark(roster, id, word) {
  const last = (roster || []).filter((e) => e.officer === id).pop();
  return last && last.kind !== 'leaves' ? ` (${word('roster_' + last.kind)})` : '';
}

// What is wrong with a number field as the browser read it, or null. `badInput` is what the
// browser sets when the text typed is not a number ("1e"): its value is then empty, and an
// empty field means "the default", so it must be caught here and never taken for empty.
export function numberFieldProblem({ badInput, value, min }, word) {
  if (badInput) return word('notANumber');
  if (value === '' || value == null) return null;
  const x = Number(value);
  if (!Number.isFinite(x)) return word('notANumber');
  if (min != null && min !== '' && x < Number(min)) return word('atLeast', min);
  return null;
}

// The points of a solve's progress chart, in the order of time: entries with an incumbent or a
// bound, sorted by elapsed seconds (a solve's phases may report out of order), so that the
// lines never run back to the left.
export function progressPoints(history) {
  return (history || [])
    .filter((p) => p && Number.isFinite(p.elapsed) && (p.incumbent != null || p.bound != null))
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.elapsed - b.p.elapsed || a.i - b.i)
    .map(({ p }) => p);
}

// Ticks of a time axis from 0 to `end` seconds: about `count` round steps (1, 2 or 5 × 10^k).
export function timeTicks(end, count = 5) {
  if (!(end > 0)) return [0];
  const raw = end / count, power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const ticks = [];
  for (let x = 0; x <= end + 1e-9; x += step) ticks.push(Math.round(x * 1e6) / 1e6);
  return ticks;
}

// A move's mark changes, remembering the choice before it, so that one row can go back to its
// previous choice without touching the others. Returns whether it changed.
export function markSet(mark, decision) {
  if (mark.decision === decision) return false;
  (mark.undo ??= []).push(mark.decision);
  mark.decision = decision;
  return true;
}

// Back to the row's previous choice; false when there is none.
export function markUndo(mark) {
  if (!mark.undo?.length) return false;
  mark.decision = mark.undo.pop();
  return true;
}

// A decision's reference as the page shows it: the register's own starting record, which the
// command line names "init DATE", reads in the page's words ("Khởi tạo sổ ngày 01/07/2025").
export function referenceText(reference, word, lang) {
  const start = /^init (\d{4}-\d\d-\d\d)$/.exec(reference || '');
  return start ? word('initRef', formatDay(start[1], lang)) : reference || '';
}

// A register's refusal of an adoption in the page's words, from the parts the server sends
// (`refusal`, and `notKept` for a new register removed again): the sentence and, for a plan
// made from another state of the register, one line per commune that differs. Null when the
// answer has no refusal in parts (the server's sentence is then all there is).
export function refusalWords(data, word, lang) {
  const r = data?.refusal;
  if (!r) return null;
  const day = (d) => formatDay(d, lang);
  const who = (list) => ((list || []).length ? list.map((o) => `${o.name} (${o.id})`).join(', ') : word('nobody'));
  let text;
  let lines = [];
  switch (r.kind) {
    case 'reference-recorded': text = word('refusedReference', r.reference, day(r.effective)); break;
    case 'plan-adopted': text = word('refusedPlan', r.reference, day(r.effective)); break;
    case 'not-after': text = word('refusedNotAfter', day(r.effective), r.lastReference, day(r.lastEffective)); break;
    case 'state-differs':
      text = word('refusedState', (r.communes || []).length);
      lines = (r.communes || []).map((c) => word('stateLine', c.communeName, who(c.plan), who(c.register)));
      break;
    default: return null;
  }
  return { text: [text, word('nothingWritten'), data.notKept ? word('notKept', data.notKept) : ''].filter(Boolean).join(' '), lines };
}

// The label (a word key) of each form field the server names in a refusal (`field`).
export const FIELD_LABELS = {
  timeLimit: 'timeLimit', gap: 'gap', effective: 'effective', asOf: 'asOf', reference: 'decisionRef', note: 'note',
  register: 'registerPath', decisionsFile: 'saveName', moveNote: 'note', whatifFile: 'newFile', name: 'wiName',
  description: 'description', question: 'question', from: 'from', to: 'to', step: 'step', maxChanges: 'maxChanges',
  continuityWeights: 'continuityWeights',
};

// A refusal of a form field's value in the page's words (`word` translates a key), naming the
// field by its label: the sentence of its `problem` with its `values`, or the label and the
// server's sentence for a problem the page has no words for. Null when no field is named.
export function fieldMessage(data, word) {
  const key = data?.field && FIELD_LABELS[data.field];
  if (!key) return null;
  const v = data.values || {};
  const label = word(key) + (data.field === 'moveNote' && v.move != null ? ` #${v.move}` : '');
  const problemKey = data.problem && 'problem_' + data.problem;
  const said = problemKey ? word(problemKey, label, v) : null;
  return said && said !== problemKey ? said : `${label}: ${data.error ?? ''}`.trim();
}

// A refusal of one of the staffing-advice panel's fields (`train`, `hire`, `moveBase`,
// `capacity`, `capacityUnits`, `timeLimit`) in the page's words: its label and the sentence of
// its problem, or the label and the server's sentence for a problem the page has no words for.
export function adviceFieldMessage(data, word) {
  const label = word('adv_' + data.field);
  const key = data.problem && 'problem_' + data.problem;
  const said = key ? word(key, label, data.values || {}) : null;
  return said && said !== key ? said : `${label}: ${data.error ?? ''}`.trim();
}

// Where in the what-if form a problem of its file is: the change (counted from 0) and its key
// (`officer`, `officer.capacity`), or the rule or weight, read from the problem's field
// (`changes[2].capacity`, `rules.maxChanges`; the file counts changes from 1) or else from its
// line. Null for a problem of the file as a whole.
export function formPlace(p, changeLines) {
  const f = p?.field || '';
  let m = /^changes\[(\d+)\](?:\.(.+))?$/.exec(f);
  if (m) return { change: Number(m[1]) - 1, key: m[2] || null };
  m = /^(rules|weights)\.([A-Za-z]+)/.exec(f);
  if (m) return { part: m[1], key: m[2] };
  const i = changeLines && p?.line ? changeLines.indexOf(p.line) : -1;
  return i >= 0 ? { change: i, key: null } : null;
}

// The label (a word key) of each field of the form, by the key of the file it writes.
const FORM_LABELS = {
  officer: 'officer', commune: 'commune', select: 'bySelection', capacity: 'capacity', staffing: 'staffing', status: 'statusWord',
  value: 'workloadValue', scale: 'workloadScale', specialty: 'specialty', specialties: 'specialties', add: 'add', remove: 'removeSp',
  lat: 'lat', lon: 'lon', label: 'label', id: 'newId', name: 'newName', home_commune: 'homeCommune', base_commune: 'commune',
  base_lat: 'lat', base_lon: 'lon', min_communes: 'minCommunes', max_communes: 'maxCommunes',
  maxChanges: 'maxChanges', coverage: 'coverage', balanceTolerance: 'balanceTolerance', candidateLimit: 'candidateLimit',
};

// The word key of the label of a place of the form, or null when the place is a whole change.
export function formLabelKey(place) {
  if (!place?.key) return null;
  const key = place.key.split('.').pop();
  if (place.part === 'weights') return 'w_' + key;
  return FORM_LABELS[key] ?? null;
}

// A problem of the what-if said of the form, in the page's words: the field's label and what
// is wrong with the value in it (never the file's keys). `generic` is true when the page has
// no words for this problem but "this value is not accepted".
export function formProblem(p, label, word) {
  const msg = p?.message || '';
  let m;
  const said = (key, ...args) => ({ text: word(key, label, ...args), generic: key === 'fp_value' });
  switch (p?.code) {
    case 'missing-value': return said('fp_missing');
    case 'out-of-range':
      m = /allowed range (-?[\d.]+)–(-?[\d.]*\d)/.exec(msg);
      return m ? said('fp_range', m[1], m[2]) : said('fp_value');
    case 'yaml-type': case 'bad-number':
      return said(/whole number/.test(msg) ? 'fp_whole' : /should be a number/.test(msg) ? 'fp_number' : 'fp_value');
    case 'bad-change':
      if ((m = /No officer has the id (.+?)\.$/.exec(msg))) return said('fp_noOfficer', m[1]);
      if ((m = /No commune has the code (.+?)\.$/.exec(msg))) return said('fp_noCommune', m[1]);
      if (/already exists/.test(msg)) return said('fp_idTaken');
      if (/selection matches no commune/.test(msg)) return said('fp_noneSelected');
      return said('fp_value');
    default: return said('fp_value');
  }
}
