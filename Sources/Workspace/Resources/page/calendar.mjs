// The work plan panel's pure functions: one officer's month as calendar cells, from the plan
// document (workplan.json). No DOM here: `node --test` runs them as they are.

const pad = (n) => String(n).padStart(2, '0');
const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
// ISO weekday of a day: 1 Monday … 7 Sunday.
export const weekdayOf = (iso) => { const d = new Date(iso + 'T00:00:00Z').getUTCDay(); return d === 0 ? 7 : d; };
export const addDays = (iso, n) => { const d = new Date(iso + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };

// Weeks (rows of 7 cells, Monday first) of month `YYYY-MM` for an officer's plan: each cell
// {day, date, kind: 'trip' | 'holiday' | 'office' | 'blocked' | 'weekend' | 'free' | 'out', trip, part, note}.
export function monthCells(officer, month, period) {
  const [y, m] = month.split('-').map(Number);
  const notes = new Map((officer.calendar || []).map((n) => [n.day, n]));
  const cells = [];
  for (let i = 1; i < weekdayOf(`${month}-01`); i++) cells.push({ kind: 'out' });
  for (let d = 1; d <= daysIn(y, m); d++) {
    const date = `${month}-${pad(d)}`;
    const cell = { day: d, date, kind: 'free' };
    if (period && (date < period.first || date > period.last)) cell.kind = 'out';
    else {
      const trip = (officer.trips || []).find((t) => t.start <= date && date <= addDays(t.start, t.days - 1));
      const note = notes.get(date);
      if (trip) Object.assign(cell, { kind: 'trip', trip, part: trip.days === 2 ? (trip.start === date ? 1 : 2) : 0 });
      else if (note) Object.assign(cell, { kind: note.kind, note: note.note });
    }
    cells.push(cell);
  }
  while (cells.length % 7) cells.push({ kind: 'out' });
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

// The months (`YYYY-MM`) of a period, in order.
export function monthsOf(period) {
  const out = [];
  let [y, m] = period.first.split('-').map(Number);
  const [ly, lm] = period.last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) { out.push(`${y}-${pad(m)}`); m += 1; if (m > 12) { m = 1; y += 1; } }
  return out;
}

// The blocked stretches of an officer's plan, as the re-plan request takes them: runs of
// consecutive blocked days with the same note.
export function blockedStretches(officer) {
  const days = (officer.calendar || []).filter((n) => n.kind === 'blocked').sort((a, b) => (a.day < b.day ? -1 : 1));
  const out = [];
  for (const n of days) {
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === n.day && last.note === n.note) last.to = n.day;
    else out.push({ from: n.day, to: n.day, note: n.note });
  }
  return out;
}
