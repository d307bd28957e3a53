// Unit tests of the workspace page's pure functions (node --test; no package needed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, formatDay, formatNumber, formatPercent, formatSigned, inLanguage, marksBody, markSet, markUndo, matches, numberFieldProblem, progressPoints, referenceText, refusalWords, fieldMessage, adviceFieldMessage, FIELD_LABELS, formLabelKey, formPlace, formProblem, rosterMark, timeTicks, verdictCounts } from '../../Sources/Workspace/Resources/page/text.mjs';
import { T } from '../../Sources/Workspace/Resources/page/words.mjs';

test('fold drops case and Vietnamese diacritics, đ included', () => {
  assert.equal(fold('Nghệ An'), 'nghe an');
  assert.equal(fold('Đặng Thu Thủy'), 'dang thu thuy');
  assert.equal(fold('Phường Cửa Lò'), 'phuong cua lo');
  // Precomposed (NFC) and decomposed (NFD) input fold alike.
  assert.equal(fold('Quỳnh Lưu'.normalize('NFD')), fold('Quỳnh Lưu'.normalize('NFC')));
  assert.equal(fold(null), '');
  assert.equal(fold(42), '42');
});

test('matches wants every word of the query, in any order, without diacritics', () => {
  assert.ok(matches('CB05 — Võ Văn Hải', 'hai vo'));
  assert.ok(matches('Xã Yên Xuân (17470)', 'yen xuan'));
  assert.ok(matches('Xã Yên Xuân (17470)', '  '));
  assert.ok(!matches('Xã Yên Xuân', 'yen thanh'));
  assert.ok(matches('Đô Lương', 'do luong'));
});

test('numbers follow the language and never read "-0"', () => {
  assert.equal(formatNumber(1234.5, 1, 'en'), '1,234.5');
  assert.equal(formatNumber(1234.5, 1, 'vi'), '1.234,5');
  assert.equal(formatNumber(-0.004, 2, 'en'), '0.00');
  assert.equal(formatNumber(-0.4, 0, 'vi'), '0');
  assert.equal(formatNumber(-0, 0, 'en'), '0');
  assert.equal(formatNumber(-0.6, 0, 'en'), '-1');
  assert.equal(formatNumber(null, 2, 'en'), '—');
  assert.equal(formatNumber(NaN, 2, 'en'), '—');
  assert.equal(formatNumber(Infinity, 2, 'vi'), '—');
});

test('percentages and signed differences', () => {
  assert.equal(formatPercent(0.0123, 2, 'en'), '1.23 %');
  assert.equal(formatPercent(0.0123, 2, 'vi'), '1,23 %');
  assert.equal(formatPercent(null, 2, 'vi'), '—');
  assert.equal(formatSigned(7.784, 2, 'en'), '+7.78');
  assert.equal(formatSigned(-16.81, 2, 'en'), '-16.81');
  assert.equal(formatSigned(0.001, 2, 'en'), '0.00');
  assert.equal(formatSigned(-0.001, 2, 'en'), '0.00');
});

test('days are written as the language writes them', () => {
  assert.equal(formatDay('2026-01-31', 'vi'), '31/01/2026');
  assert.equal(formatDay('2026-01-31', 'en'), '2026-01-31');
  assert.equal(formatDay('', 'vi'), '');
  assert.equal(formatDay('not a day', 'vi'), 'not a day');
});

test('decision marks: the body the server takes, and the counts per verdict', () => {
  const marks = new Map([
    [1, { decision: 'accept', note: '' }],
    [2, { decision: 'reject', note: 'xa quá' }],
    [3, { decision: 'accept', note: 'ok' }],
    [5, { decision: 'pending', note: '' }],
    [6, { decision: 'hold', note: 'CB07 đủ việc' }],
  ]);
  assert.deepEqual(marksBody(marks), [
    { move: 1, decision: 'accept', note: '' },
    { move: 2, decision: 'reject', note: 'xa quá' },
    { move: 3, decision: 'accept', note: 'ok' },
    { move: 5, decision: 'pending', note: '' },
    { move: 6, decision: 'hold', note: 'CB07 đủ việc' },
  ]);
  assert.deepEqual(verdictCounts(marks), { accept: 2, reject: 1, keep: 0, hold: 1, pending: 1 });
  assert.deepEqual(verdictCounts(new Map()), { accept: 0, reject: 0, keep: 0, hold: 0, pending: 0 });
});

test('a scenario name in the page language: English when the file gives one, else its own words', () => {
  const s = { name: 'Nghệ An, hai cán bộ nghỉ phép', nameEn: 'Nghệ An, two officers on leave' };
  assert.equal(inLanguage(s, 'name', 'vi'), 'Nghệ An, hai cán bộ nghỉ phép');
  assert.equal(inLanguage(s, 'name', 'en'), 'Nghệ An, two officers on leave');
  assert.equal(inLanguage({ name: 'Tự viết' }, 'name', 'en'), 'Tự viết');
  assert.equal(inLanguage({}, 'description', 'vi'), '');
  assert.equal(inLanguage(null, 'name', 'vi'), '');
});

test('rosterMark marks an officer on leave, back or new, never one who leaves or is unchanged', () => {
  const words = { roster_joins: 'mới', 'roster_on-leave': 'nghỉ phép', roster_returns: 'trở lại', roster_leaves: 'rời đi' };
  const word = (k) => words[k];
  const roster = [
    { kind: 'leaves', officer: 'CB05', officerName: 'Võ Văn Hải', communes: ['17380'] },
    { kind: 'joins', officer: 'CB45', officerName: 'Hồ Văn Mới', communes: [] },
    { kind: 'on-leave', officer: 'CB02', officerName: 'Lô Văn Thắng', communes: [] },
    { kind: 'returns', officer: 'CB02', officerName: 'Lô Văn Thắng', communes: [] },
  ];
  assert.equal(rosterMark(roster, 'CB45', word), ' (mới)');
  assert.equal(rosterMark(roster, 'CB02', word), ' (trở lại)');
  assert.equal(rosterMark(roster.slice(0, 3), 'CB02', word), ' (nghỉ phép)');
  assert.equal(rosterMark(roster, 'CB05', word), '');
  assert.equal(rosterMark(roster, 'CB01', word), '');
  assert.equal(rosterMark(undefined, 'CB01', word), '');
});

test('numberFieldProblem refuses what the browser could not read as a number, never taking it for empty', () => {
  const word = (k, ...a) => (k === 'atLeast' ? `at least ${a[0]}` : k);
  // "1e" typed in a number field: the browser says badInput and gives an empty value.
  assert.equal(numberFieldProblem({ badInput: true, value: '', min: '1' }, word), 'notANumber');
  assert.equal(numberFieldProblem({ badInput: false, value: '', min: '1' }, word), null);
  assert.equal(numberFieldProblem({ badInput: false, value: '30', min: '1' }, word), null);
  assert.equal(numberFieldProblem({ badInput: false, value: '0', min: '1' }, word), 'at least 1');
  assert.equal(numberFieldProblem({ badInput: false, value: 'Infinity', min: '' }, word), 'notANumber');
  assert.equal(numberFieldProblem({ badInput: false, value: '0', min: '' }, word), null);
});

test('progressPoints puts the chart in the order of time, so that no line runs back to the left', () => {
  const history = [
    { elapsed: 0.5, incumbent: 120 }, { elapsed: 2.0, incumbent: 100, bound: 80 },
    { elapsed: 1.0, bound: 70 }, { elapsed: 3.0 }, { elapsed: NaN, incumbent: 1 }, { elapsed: 2.0, incumbent: 99 },
  ];
  const pts = progressPoints(history);
  assert.deepEqual(pts.map((p) => p.elapsed), [0.5, 1.0, 2.0, 2.0]);
  assert.equal(pts[3].incumbent, 99, 'points of one moment keep their order');
  for (let i = 1; i < pts.length; i++) assert.ok(pts[i].elapsed >= pts[i - 1].elapsed);
  assert.deepEqual(progressPoints(undefined), []);
});

test('timeTicks gives round steps from 0 to the end', () => {
  assert.deepEqual(timeTicks(10), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(timeTicks(60), [0, 20, 40, 60]);
  assert.deepEqual(timeTicks(0.9), [0, 0.2, 0.4, 0.6, 0.8]);
  assert.deepEqual(timeTicks(0), [0]);
});

test('markSet and markUndo take one row back through its own choices only', () => {
  const a = { decision: 'pending', note: '' }, b = { decision: 'pending', note: '' };
  assert.equal(markUndo(a), false, 'nothing to undo yet');
  assert.ok(markSet(a, 'accept'));
  assert.ok(markSet(b, 'reject'));
  assert.ok(markSet(a, 'keep'));
  assert.equal(markSet(a, 'keep'), false, 'the same choice again is no step');
  assert.ok(markUndo(a));
  assert.equal(a.decision, 'accept');
  assert.equal(b.decision, 'reject', 'the other row is untouched');
  assert.ok(markUndo(a));
  assert.equal(a.decision, 'pending');
  assert.equal(markUndo(a), false);
  assert.deepEqual(marksBody(new Map([[1, a], [2, b]])), [{ move: 1, decision: 'pending', note: '' }, { move: 2, decision: 'reject', note: '' }]);
});

test('referenceText reads the register\'s starting record in the page\'s words, and any other reference as it is', () => {
  const word = (k, d) => (k === 'initRef' ? `Khởi tạo sổ ngày ${d}` : k);
  assert.equal(referenceText('init 2025-07-01', word, 'vi'), 'Khởi tạo sổ ngày 01/07/2025');
  assert.equal(referenceText('Quyết định số 15/QĐ-TU', word, 'vi'), 'Quyết định số 15/QĐ-TU');
  assert.equal(referenceText('init 2025-07-01 (sửa)', word, 'vi'), 'init 2025-07-01 (sửa)');
  assert.equal(referenceText(null, word, 'vi'), '');
});

test('an adoption refused for another state of the register reads in Vietnamese, commune by commune', () => {
  const word = (lang) => (key, ...args) => { const v = T[lang][key]; return typeof v === 'function' ? v(...args) : v; };
  const data = {
    error: 'The plan was made from a different state of the register (2 communes differ: …). Nothing was written.',
    notKept: 'nghe-an/so-moi.sqlite',
    refusal: { kind: 'state-differs', communes: [
      { commune: '17470', communeName: 'Xã Yên Xuân', plan: [], register: [{ id: 'CB05', name: 'Võ Văn Hải' }] },
      { commune: '17143', communeName: 'Xã Quỳnh Văn', plan: [{ id: 'CB42', name: 'Dương Thanh Loan' }], register: [{ id: 'CB07', name: 'Lầu Minh Trang' }] },
    ] },
  };
  const vi = refusalWords(data, word('vi'), 'vi');
  assert.match(vi.text, /2 xã, phường khác nhau/);
  assert.match(vi.text, /Chưa ghi gì vào sổ\. Sổ mới nghe-an\/so-moi\.sqlite không được giữ lại\./);
  assert.deepEqual(vi.lines, [
    'Xã Yên Xuân: phương án bắt đầu từ không có cán bộ nào; sổ ghi Võ Văn Hải (CB05)',
    'Xã Quỳnh Văn: phương án bắt đầu từ Dương Thanh Loan (CB42); sổ ghi Lầu Minh Trang (CB07)',
  ]);
  // No English word of the server's sentence is left in the Vietnamese one.
  for (const english of ['plan', 'register', 'nobody', 'differ', 'Nothing']) assert.ok(!vi.text.includes(english) && !vi.lines.join(' ').includes(english), english);
  const en = refusalWords(data, word('en'), 'en');
  assert.match(en.lines[0], /^Xã Yên Xuân: the plan starts from nobody; the register has Võ Văn Hải \(CB05\)$/);
  // Dates in the language's style; an answer without parts gives nothing to word.
  const late = refusalWords({ refusal: { kind: 'not-after', effective: '2025-12-01', lastReference: 'QĐ 1', lastEffective: '2026-01-01' } }, word('vi'), 'vi');
  assert.match(late.text, /01\/12\/2025.*«QĐ 1».*01\/01\/2026/);
  assert.deepEqual(late.lines, []);
  assert.equal(refusalWords({ error: 'busy' }, word('vi'), 'vi'), null);
  assert.equal(refusalWords({ refusal: { kind: 'unknown' } }, word('vi'), 'vi'), null);
});

test('a refused form value is named by its label on the page, in either language, never by its JSON key', () => {
  const word = (lang) => (key, ...args) => { const v = T[lang][key] ?? key; return typeof v === 'function' ? v(...args) : v; };
  const data = { error: 'The time limit must be a number of seconds above 0 (at most 3600 are used).', field: 'timeLimit', problem: 'seconds', values: { max: 3600 } };
  assert.equal(fieldMessage(data, word('vi')), 'Thời gian tối đa (giây): phải là một số giây lớn hơn 0 (dùng nhiều nhất 3600 giây).');
  assert.match(fieldMessage(data, word('en')), /^Time limit/);
  // Every field the server may name has a label in both languages, and no message shows a JSON key.
  for (const [field, key] of Object.entries(FIELD_LABELS)) {
    for (const lang of ['vi', 'en']) {
      assert.ok(typeof T[lang][key] === 'string', `${field}: no ${lang} label ${key}`);
      const said = fieldMessage({ field, problem: 'too-long', values: { length: 9, max: 5 }, error: 'x' }, word(lang));
      assert.ok(said.startsWith(T[lang][key]), said);
      // A key written in camel case (timeLimit, asOf) is never a word of a sentence.
      if (/[A-Z]/.test(field)) assert.ok(!said.includes(field), `${lang}: ${said} names ${field}`);
    }
  }
  // A problem the page has no words for: the label, then the server's sentence.
  assert.equal(fieldMessage({ field: 'register', problem: 'unheard-of', error: 'x.sqlite is busy.' }, word('vi')), 'Sổ theo dõi (tệp .sqlite trong thư mục): x.sqlite is busy.');
  assert.equal(fieldMessage({ field: 'moveNote', problem: 'control', values: { move: 4 } }, word('vi')), 'Ghi chú #4: có ký tự xuống dòng hoặc tab; hãy viết trên một dòng.');
  assert.equal(fieldMessage({ error: 'busy' }, word('vi')), null);
  assert.equal(fieldMessage({ field: 'nothing-the-page-has', error: 'x' }, word('vi')), null);
  // Every problem the server sends has words in both languages.
  for (const problem of ['seconds', 'fraction', 'date', 'reference', 'one-line', 'too-long', 'control', 'suffix', 'folders', 'hidden',
    'name-too-long', 'empty', 'no-folder', 'no-register', 'from-to', 'at-least-one', 'points', 'whole-numbers', 'non-negative', 'one-sweep']) {
    for (const lang of ['vi', 'en']) assert.equal(typeof T[lang]['problem_' + problem], 'function', `${lang} problem_${problem}`);
  }
});

test('a problem of a what-if is placed on the form and said in its words, never in the keys of the file', () => {
  const word = (lang) => (key, ...args) => { const v = T[lang][key] ?? key; return typeof v === 'function' ? v(...args) : v; };
  // The file counts changes from 1, the form from 0; a nested key is the new officer's field.
  assert.deepEqual(formPlace({ field: 'changes[2].capacity' }), { change: 1, key: 'capacity' });
  assert.deepEqual(formPlace({ field: 'changes[1].officer.id' }), { change: 0, key: 'officer.id' });
  assert.deepEqual(formPlace({ field: 'rules.maxChanges' }), { part: 'rules', key: 'maxChanges' });
  assert.deepEqual(formPlace({ field: 'changes[3]' }), { change: 2, key: null });
  // Without a field, the line of the change; a problem of the file as a whole has no place.
  assert.deepEqual(formPlace({ line: 7 }, [5, 6, 7]), { change: 2, key: null });
  assert.equal(formPlace({ line: 2 }, [5, 6, 7]), null);
  assert.equal(formLabelKey({ change: 0, key: 'officer.id' }), 'newId');
  assert.equal(formLabelKey({ part: 'weights', key: 'travel' }), 'w_travel');
  assert.equal(formLabelKey({ change: 0, key: null }), null);
  const vi = word('vi');
  const cases = [
    [{ code: 'missing-value', message: 'The setCapacity change needs capacity.' }, 'Định mức: chưa chọn hoặc chưa nhập.'],
    [{ code: 'out-of-range', message: 'changes[2].capacity is -1, outside the allowed range 0.001–1000.' }, 'Định mức: phải từ 0.001 đến 1000.'],
    [{ code: 'yaml-type', message: 'changes[2].capacity should be a number, but it is "abc".' }, 'Định mức: phải là một số.'],
    [{ code: 'bad-change', message: 'The setCapacity change cannot be applied: No officer has the id CB99.' }, 'Định mức: kịch bản gốc không có cán bộ mã CB99.'],
    [{ code: 'bad-change', message: 'The lock change cannot be applied: No commune has the code 99999.' }, 'Định mức: kịch bản gốc không có xã, phường mã 99999.'],
    [{ code: 'conflict', message: 'The setWorkload change gives both value and scale.' }, 'Định mức: giá trị này không dùng được.'],
  ];
  for (const [p, expected] of cases) assert.equal(formProblem(p, 'Định mức', vi).text, expected);
  assert.equal(formProblem(cases[5][0], 'Định mức', vi).generic, true);
  assert.equal(formProblem(cases[0][0], 'Định mức', vi).generic, false);
  // No sentence of the form speaks of op:, of "Write …" or of a key of the file.
  for (const [p] of cases) for (const lang of ['vi', 'en']) assert.ok(!/op:|Write |capacity:|changes\[/.test(formProblem(p, 'X', word(lang)).text), lang);
});

test('the advice panel says a refused budget in the page language, by the field label', () => {
  const word = (lang) => (key, ...args) => { const v = T[lang][key] ?? key; return typeof v === 'function' ? v(...args) : v; };
  const data = { field: 'hire', problem: 'budget', values: { max: 50 }, error: 'Hires: a budget is a whole number of actions from 0 to 50 (got 1.5).' };
  assert.equal(adviceFieldMessage(data, word('vi')), 'Số cán bộ tuyển mới: phải là số nguyên từ 0 đến 50.');
  assert.equal(adviceFieldMessage(data, word('en')), 'Hires: a whole number from 0 to 50.');
  for (const lang of ['vi', 'en']) {
    for (const [field, problem] of [['train', 'no-budget'], ['capacityUnits', 'units'], ['timeLimit', 'seconds'], ['moveBase', 'budget'], ['capacity', 'budget']]) {
      const said = adviceFieldMessage({ field, problem, values: { max: 9 }, error: 'x' }, word(lang));
      assert.ok(said.startsWith(T[lang]['adv_' + field]), said);
      // A key written in camel case (moveBase, timeLimit) is never a word of a sentence.
      if (/[A-Z]/.test(field)) assert.ok(!said.includes(field), `${lang}: ${said} names ${field}`);
    }
  }
  // A problem without words: the label and the server's sentence.
  assert.equal(adviceFieldMessage({ field: 'train', problem: 'unheard-of', error: 'busy' }, word('en')), 'Trainings: busy');
});
