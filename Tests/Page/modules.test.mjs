// The page's modules as the browser links them: every named import is exported by its module,
// every module is reachable from app.mjs, and no module imports from outside the page folder.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const folder = new URL('../../Sources/Workspace/Resources/page/', import.meta.url);
const modules = readdirSync(folder).filter((f) => f.endsWith('.mjs')).sort();
const source = (name) => readFileSync(new URL(name, folder), 'utf8');

const exportsOf = (text) => new Set([...text.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]));
const importsOf = (text) => [...text.matchAll(/^import\s+(?:\{([^}]*)\}\s+from\s+)?'([^']+)';/gm)].map((m) => ({
  names: (m[1] || '').split(',').map((s) => s.trim().split(/\s+as\s+/)[0]).filter(Boolean),
  from: m[2],
}));

test('every named import is exported by the module it names', () => {
  for (const name of modules) {
    for (const { names, from } of importsOf(source(name))) {
      assert.match(from, /^\.\/[a-z0-9-]+\.mjs$/, `${name} imports ${from}`);
      const target = from.slice(2);
      assert.ok(modules.includes(target), `${name} imports ${target}, which is not a file of the page`);
      const exported = exportsOf(source(target));
      for (const n of names) assert.ok(exported.has(n), `${name} imports ${n} from ${target}, which does not export it`);
    }
  }
});

test('every module is reached from app.mjs, without a cycle', () => {
  const seen = new Set();
  const visiting = new Set();
  const visit = (name, path) => {
    assert.ok(!visiting.has(name), `import cycle: ${[...path, name].join(' → ')}`);
    if (seen.has(name)) return;
    visiting.add(name);
    for (const { from } of importsOf(source(name))) visit(from.slice(2), [...path, name]);
    visiting.delete(name);
    seen.add(name);
  };
  visit('app.mjs', []);
  assert.deepEqual([...seen].sort(), modules);
});
