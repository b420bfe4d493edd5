// The compiler core runs in the browser too: nothing under compiler/syntax, check, graph
// or compiler/index.ts may import a Node-only module or touch `process`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const compilerDir = join(import.meta.dirname, '../../compiler');
const core = [
  'index.ts',
  ...['syntax', 'check', 'graph'].flatMap((d) => readdirSync(join(compilerDir, d)).filter((f) => f.endsWith('.ts') && !f.endsWith('.node.ts')).map((f) => `${d}/${f}`)),
];

it.each(core)('compiler/%s uses no Node-only module', (file) => {
  const source = readFileSync(join(compilerDir, file), 'utf8');
  expect(source).not.toMatch(/from ['"](node:|fs['"]|path['"]|os['"]|child_process)/);
  expect(source).not.toMatch(/\bprocess\.|\brequire\(/);
});
