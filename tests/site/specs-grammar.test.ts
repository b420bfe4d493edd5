// The dl TextMate grammar, run through the same Shiki the site uses: every token class of
// the language gets its scope, on the repository's own example specs.
import { readFileSync } from 'node:fs';
import { createHighlighter } from 'shiki';
import { beforeAll, describe, expect, it } from 'vitest';
import grammar from '../../integration/dl.tmLanguage.json' with { type: 'json' };
import { OP_KINDS } from '../../compiler/index.ts';

type Highlighter = Awaited<ReturnType<typeof createHighlighter>>;
let highlighter: Highlighter;

beforeAll(async () => {
  highlighter = await createHighlighter({ themes: ['github-light'], langs: [grammar as never] });
});

/**
 * The scopes the grammar gives to the first occurrence of `text` in `source`: the scopes
 * shared by every piece of it (a comment is `#` plus its text, a string its quotes plus its body).
 */
function scopesOf(source: string, text: string): string[] {
  const lines = highlighter.codeToTokens(source, { lang: 'dl' as never, theme: 'github-light', includeExplanation: true }).tokens;
  for (const line of lines) {
    const pieces = line.flatMap((t) => t.explanation ?? []);
    const lineText = pieces.map((p) => p.content).join('');
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Whole words only, so `bce` is not found inside `bce_logits`.
    const pattern = (/^\w/.test(text) ? '(?<!\\w)' : '') + escaped + (/\w$/.test(text) ? '(?!\\w)' : '');
    const start = lineText.search(new RegExp(pattern));
    if (start < 0) continue;
    let offset = 0;
    let shared: string[] | null = null;
    for (const p of pieces) {
      const overlaps = offset < start + text.length && offset + p.content.length > start;
      offset += p.content.length;
      if (!overlaps) continue;
      const names = p.scopes.map((s) => s.scopeName);
      shared = shared === null ? names : shared.filter((n) => names.includes(n));
    }
    return shared ?? [];
  }
  throw new Error(`${text} not in the source`);
}

function scopeOf(source: string, text: string): string {
  const scopes = scopesOf(source, text);
  return scopes[scopes.length - 1];
}

describe('dl grammar', () => {
  const digits = readFileSync('specs/digits.dl', 'utf8');
  const xor = readFileSync('specs/xor.dl', 'utf8');

  it('is registered under the fence name dl', () => {
    expect(highlighter.getLoadedLanguages()).toContain('dl');
  });

  it('scopes comments, keywords and declaration names', () => {
    expect(scopeOf(digits, '# A small convolutional network for 8x8 handwritten digits.')).toBe('comment.line.number-sign.dl');
    expect(scopeOf(digits, 'net')).toBe('keyword.control.net.dl');
    expect(scopeOf(digits, 'Digits')).toBe('entity.name.type.net.dl');
    expect(scopeOf(xor, 'train')).toBe('keyword.control.train.dl');
    expect(scopeOf(xor, 'on')).toBe('keyword.control.on.dl');
    expect(scopeOf(xor, 'xor')).toBe('support.constant.dataset.dl');
  });

  it('scopes layers, settings, losses and optimizers', () => {
    for (const layer of ['input', 'conv', 'relu', 'maxpool', 'flatten', 'linear']) {
      expect(scopeOf(digits, layer), layer).toBe('support.function.layer.dl');
    }
    // Every op of the table, including the ones with an underscore.
    for (const layer of OP_KINDS) expect(scopeOf(`net A < ${layer} >`, layer), layer).toBe('support.function.layer.dl');
    for (const setting of ['loss', 'optimizer', 'batch', 'epochs']) {
      expect(scopeOf(xor, setting), setting).toBe('keyword.other.setting.dl');
    }
    expect(scopeOf(xor, 'bce')).toBe('support.constant.loss.dl');
    expect(scopeOf('train A on iris < loss bce_logits >', 'bce_logits')).toBe('support.constant.loss.dl');
    expect(scopeOf(xor, 'sgd')).toBe('support.constant.optimizer.dl');
    expect(scopeOf('train A on iris < batch full >', 'full')).toBe('constant.language.dl');
  });

  it('scopes shapes, numbers, arrows, options and strings', () => {
    expect(scopeOf(digits, '1x8x8')).toBe('constant.numeric.shape.dl');
    expect(scopeOf(digits, '->')).toBe('keyword.operator.arrow.dl');
    expect(scopeOf(digits, 'pad')).toBe('variable.parameter.option.dl');
    expect(scopeOf(digits, '=')).toBe('keyword.operator.assignment.dl');
    expect(scopeOf(xor, '0.05')).toBe('constant.numeric.dl');
    expect(scopeOf('optimizer adam lr=1e-3', '1e-3')).toBe('constant.numeric.dl');
    expect(scopeOf('train A on csv file="data.csv" < >', '"data.csv"')).toBe('string.quoted.double.dl');
  });

  it('leaves unknown identifiers and identifiers containing digits plain', () => {
    expect(scopeOf('net N < rleu >', 'rleu')).toBe('source.dl');
    expect(scopeOf('net N < relu2 >', 'relu2')).toBe('source.dl');
  });
});
