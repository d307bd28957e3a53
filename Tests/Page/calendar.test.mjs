// The work plan panel's month view and blocked stretches, from a plan document's values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, blockedStretches, monthCells, monthsOf, weekdayOf } from '../../Sources/Workspace/Resources/page/calendar.mjs';

const officer = {
  officer: 'CB01',
  trips: [
    { start: '2026-03-04', days: 1, communes: ['16681'], route: 1 },
    { start: '2026-03-12', days: 2, communes: ['16975', '17029'], route: 2 },
  ],
  calendar: [
    { day: '2026-03-02', kind: 'office', note: 'Giao ban' },
    { day: '2026-03-07', kind: 'weekend', note: '' },
    { day: '2026-03-20', kind: 'blocked', note: 'tập huấn' },
    { day: '2026-03-23', kind: 'blocked', note: 'tập huấn' },
    { day: '2026-03-24', kind: 'blocked', note: 'tập huấn' },
    { day: '2026-03-25', kind: 'blocked', note: 'nghỉ phép' },
  ],
};

test('weekdays and day arithmetic across months and leap years', () => {
  assert.equal(weekdayOf('2026-01-01'), 4);
  assert.equal(weekdayOf('2026-03-01'), 7);
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
});

test('a month is weeks of seven cells, Monday first, with the trips and the days off in their cells', () => {
  const weeks = monthCells(officer, '2026-03', { first: '2026-01-01', last: '2026-12-31' });
  assert.ok(weeks.every((w) => w.length === 7));
  const cells = weeks.flat();
  assert.equal(cells.filter((c) => c.day).length, 31);
  // 2026-03-01 is a Sunday: six cells before it.
  assert.equal(cells.findIndex((c) => c.day === 1), 6);
  const on = (date) => cells.find((c) => c.date === date);
  assert.equal(on('2026-03-04').kind, 'trip');
  assert.equal(on('2026-03-12').part, 1);
  assert.equal(on('2026-03-13').part, 2);
  assert.equal(on('2026-03-13').trip.route, 2);
  assert.equal(on('2026-03-02').kind, 'office');
  assert.equal(on('2026-03-20').note, 'tập huấn');
  assert.equal(on('2026-03-05').kind, 'free');
  // Outside the period: out.
  assert.equal(monthCells(officer, '2026-03', { first: '2026-03-10', last: '2026-03-31' }).flat().find((c) => c.date === '2026-03-04').kind, 'out');
});

test('the months of a period, across a year', () => {
  assert.deepEqual(monthsOf({ first: '2026-11-15', last: '2027-02-01' }), ['2026-11', '2026-12', '2027-01', '2027-02']);
});

test('blocked days become stretches of consecutive days with one note', () => {
  assert.deepEqual(blockedStretches(officer), [
    { from: '2026-03-20', to: '2026-03-20', note: 'tập huấn' },
    { from: '2026-03-23', to: '2026-03-24', note: 'tập huấn' },
    { from: '2026-03-25', to: '2026-03-25', note: 'nghỉ phép' },
  ]);
});
