// The page's entry point: every panel registers itself in `panels` when its module is
// imported; each panel of `order` gets its section (a panel added there needs no HTML).
import { $, h, order, refreshJobs, setLanguage, show } from './core.mjs';
import './scenarios.mjs';
import './whatif.mjs';
import './solve.mjs';
import './compare.mjs';
import './decide.mjs';
import './tradeoff.mjs';
import './advice.mjs';
import './workplan.mjs';

for (const id of order) {
  if (!$('#panel-' + id)) $('#main').append(h('section', { class: 'panel', id: 'panel-' + id, role: 'tabpanel', 'aria-labelledby': 'tab-' + id, hidden: true }));
}
for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => setLanguage(b.dataset.lang));
$('#queue').addEventListener('click', () => show('solve'));
const first = order.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'scenarios';
show(first);
refreshJobs();
setInterval(() => { if (!document.hidden) refreshJobs(); }, 2000);
