/**
 * The lessons' PyTorch code is runnable and its printed numbers are true: every ```python
 * block in a lesson is a whole script kept in site/content/lessons/code/, and the ```text
 * block right after it is what that script prints when Debian's PyTorch runs it.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const lessons = join(import.meta.dirname, '../../site/content/lessons');
const codeDir = join(lessons, 'code');

const scripts = new Map<string, string>(
  readdirSync(codeDir)
    .filter((f) => f.endsWith('.py'))
    .map((f) => [readFileSync(join(codeDir, f), 'utf8').trim(), f]),
);

interface Block { lesson: string; code: string; output: string | null }

function blocks(): Block[] {
  const found: Block[] = [];
  const pattern = /```python\n([\s\S]*?)```\n(?:\n(?:[^\n`]+\n\n)?```text\n([\s\S]*?)```)?/g;
  for (const lesson of readdirSync(lessons).filter((f) => f.endsWith('.mdx')).sort()) {
    const text = readFileSync(join(lessons, lesson), 'utf8');
    for (const m of text.matchAll(pattern)) found.push({ lesson, code: m[1].trim(), output: m[2] ?? null });
  }
  return found;
}

const outputs = new Map<string, Promise<string>>();
function output(script: string): Promise<string> {
  if (!outputs.has(script)) {
    outputs.set(script, run('/usr/bin/python3', [script], { cwd: codeDir, timeout: 180_000 }).then((r) => r.stdout));
  }
  return outputs.get(script)!;
}

describe('lesson code', () => {
  const all = blocks();

  it('finds the lessons\' python blocks', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  for (const [i, block] of all.entries()) {
    it(`${block.lesson} python block ${i + 1} is a kept script whose output the lesson shows`, async () => {
      const script = scripts.get(block.code);
      expect(script, `no file in site/content/lessons/code/ holds this block:\n${block.code.slice(0, 200)}`).toBeDefined();
      if (block.output === null) return;
      expect((await output(script!)).trim()).toBe(block.output.trim());
    }, 200_000);
  }
});
