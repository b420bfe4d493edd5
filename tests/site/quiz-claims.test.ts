// What the assessment says about the spec beside a question must be true of that spec:
// counts and shapes come from the compiler, claims about training from training it (cpu,
// the spec's own seed). Comparisons keep wide margins, so another CPU's rounding cannot
// flip them. A question renamed or removed fails here, to be looked at again.
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { train } from '../../compiler/runtime/train.ts';
import type { EpochReport } from '../../compiler/runtime/api.ts';
import type { Quiz } from '../../site/content/quiz/quiz-schema.ts';

const quiz: Quiz = JSON.parse(readFileSync(new URL('../../site/content/quiz/module.json', import.meta.url), 'utf8'));

function question(id: string) {
  const q = quiz.questions.find((x) => x.id === id);
  if (!q?.spec) throw new Error(`the quiz has no question ${id} with a spec`);
  return { spec: q.spec, correct: q.options.filter((o) => o.correct).map((o) => o.text) };
}

function graphOf(source: string): { graph: TypedGraph; warnings: string[] } {
  const { graph, diagnostics } = compile(source);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { graph: graph!, warnings: diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message) };
}

/** Every epoch's report of a run of `source`. */
async function history(source: string): Promise<EpochReport[]> {
  const epochs: EpochReport[] = [];
  const result = await train(graphOf(source).graph, { backend: 'cpu', onEpoch: (r) => void epochs.push(r) });
  expect(result.stopped).toBe('done');
  return epochs;
}

/** The single number an option states. */
const numberIn = (text: string) => Number(/\d+/.exec(text)![0]);

beforeAll(async () => {
  await initBackend('cpu');
  tf.enableProdMode();
});

describe('the specs beside the quiz questions', () => {
  test('count-parameters: the correct count is the net\'s parameter count', () => {
    const { spec, correct } = question('count-parameters');
    expect(graphOf(spec).graph.nets[0].paramCount).toBe(numberIn(correct[0]));
  });

  test('conv-features: the correct count is what flatten hands the linear layer', () => {
    const { spec, correct } = question('conv-features');
    const flatten = graphOf(spec).graph.nets[0].nodes.find((n) => n.op === 'flatten')!;
    expect(flatten.outShape.reduce((a, b) => a * b, 1)).toBe(numberIn(correct[0]));
  });

  test('slow-sgd: 60 epochs barely lower the loss; lr=0.5 or Adam learn XOR within them', async () => {
    const { spec, correct } = question('slow-sgd');
    expect(correct[0]).toMatch(/lr=0\.5|0\.5/);
    const slow = await history(spec);
    expect(slow).toHaveLength(60);
    expect(slow.at(-1)!.trainLoss).toBeGreaterThan(0.97 * slow[0].trainLoss);
    for (const fix of [spec.replace(/lr=0\.0001/, 'lr=0.5'), spec.replace(/optimizer sgd lr=0\.0001/, 'optimizer adam lr=0.01')]) {
      expect(fix).not.toBe(spec);
      const fast = await history(fix);
      expect(fast.at(-1)!.trainLoss).toBeLessThan(0.3 * fast[0].trainLoss);
      expect(fast.at(-1)!.trainAccuracy).toBeGreaterThanOrEqual(0.95);
    }
  }, 120_000);

  test('softmax-twice: the checker warns, and the net trains, but to a far worse loss than without the softmax', async () => {
    const { spec, correct } = question('softmax-twice');
    expect(correct[0]).toContain('linear 16->3');
    expect(graphOf(spec).warnings.join('\n')).toMatch(/softmax/);
    const twice = (await history(spec)).at(-1)!;
    const once = (await history(spec.replace('linear 16->3; softmax', 'linear 16->3'))).at(-1)!;
    // Cross-entropy over probabilities in [0, 1] cannot go below -log(e / (e + 2)) = 0.551 on 3 classes.
    expect(twice.trainLoss).toBeGreaterThan(0.55);
    expect(twice.trainAccuracy).toBeGreaterThan(0.8); // it does train
    expect(once.trainLoss).toBeLessThan(twice.trainLoss / 3);
  }, 120_000);

  test('narrow-wave: one tanh unit stays well short of sin(x); 32 units fit it far closer', async () => {
    const { spec, correct } = question('narrow-wave');
    expect(correct[0]).toContain('linear 1->32; tanh; linear 32->1');
    const narrow = (await history(spec)).at(-1)!;
    const wide = (await history(spec.replace('linear 1->1; tanh;', 'linear 1->32; tanh;').replace(/linear 1->1\n>/, 'linear 32->1\n>'))).at(-1)!;
    expect(narrow.trainLoss).toBeGreaterThan(0.02);
    expect(wide.trainLoss).toBeLessThan(narrow.trainLoss / 5);
  }, 120_000);
});
