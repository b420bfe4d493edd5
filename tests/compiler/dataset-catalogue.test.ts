// One data set catalogue (compiler/graph/datasets.ts): every entry must check, load and
// export, with the options the checker resolved, and its `planar` flag must match the
// generators in the runtime and in the exported program. A set added to the catalogue and
// not wired everywhere fails here (or does not compile: the loaders are keyed by its names).
import { describe, expect, it } from 'vitest';
import { compile, DATASET_NAMES, DATASETS, isPlanar } from 'dlc';
import { loadDataset } from 'dlc/runtime';
import { toPyTorch } from 'dlc/emit';
import { PLANAR } from '../../compiler/runtime/datasets/planar.ts';
import { PLANAR_POINTS } from '../../compiler/emit/py-data.ts';
import { datasetDefaults } from '../../compiler/graph/datasets.ts';

const CSV = 'a,b,kind\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n';
const readFile = (path: string) => {
  if (path !== 'd.csv') throw new Error(`no file ${path}`);
  return CSV;
};

/** A spec whose net takes the set's examples and gives its target (csv: 2 columns, 2 classes). */
function specFor(name: string, options = ''): string {
  const info = DATASETS[name as keyof typeof DATASETS];
  const shape = info.exampleShape(datasetDefaults(info)) ?? [2];
  const target = info.target(datasetDefaults(info)) ?? { kind: 'classes', classes: 2 };
  const width = shape.reduce((a, b) => a * b, 1);
  const [out, loss] = target.kind === 'classes' ? [target.classes, 'cross_entropy'] : [target.size, 'mse'];
  const on = name === 'csv' ? 'csv file="d.csv" target=kind' : `${name}${options}`;
  return `net N < input ${shape.join('x')}; flatten; linear ${width}->${out} >\ntrain N on ${on} < loss ${loss}; epochs 1; seed 3 >\n`;
}

describe('the data set catalogue', () => {
  it('names each entry by its key, in DATASET_NAMES order', () => {
    expect(Object.keys(DATASETS)).toEqual([...DATASET_NAMES]);
    for (const name of DATASET_NAMES) expect(DATASETS[name].name).toBe(name);
  });

  it.each([...DATASET_NAMES])('%s checks, loads and exports with the resolved options', (name) => {
    const { graph, diagnostics } = compile(specFor(name), { readFile });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ref = graph!.trains[0].dataset;
    const info = DATASETS[name];
    // The checker fills every default from the catalogue.
    expect(ref.options).toMatchObject(datasetDefaults(info));
    const data = loadDataset(ref, { seed: 3, readFile });
    expect(data.exampleShape).toEqual(ref.exampleShape);
    expect(data.target.kind).toBe(ref.target!.kind);
    expect(data.n).toBe(name === 'csv' ? 4 : info.examples ?? ref.options.n);
    expect(toPyTorch(graph!, { mode: 'program' })).toContain('def load_data(seed, path=None):');
  });

  it('gives the generators the options the checker resolved, in TypeScript and in Python', () => {
    const { graph } = compile(specFor('spiral', ' n=37 noise=0.25'));
    expect(loadDataset(graph!.trains[0].dataset, { seed: 3 }).n).toBe(37);
    expect(toPyTorch(graph!, { mode: 'program' })).toContain('rng, n, noise = DataRng(seed), 37, 0.25');
    const delay = compile(specFor('delay').replace('input 20x1; flatten; linear 20->', 'input 5x1; flatten; linear 5->').replace('on delay', 'on delay steps=5 n=9'));
    expect(loadDataset(delay.graph!.trains[0].dataset, { seed: 3 })).toMatchObject({ n: 9, exampleShape: [5, 1] });
  });

  it('flags as planar exactly the sets both generators draw in the plane', () => {
    const planar = DATASET_NAMES.filter((name) => isPlanar(name));
    expect(planar).toEqual(['xor', 'circles', 'gauss', 'spiral']);
    expect(Object.keys(PLANAR)).toEqual(planar);
    expect(Object.keys(PLANAR_POINTS)).toEqual(planar);
    for (const name of planar) expect(DATASETS[name].exampleShape({})).toEqual([2]);
    expect(isPlanar('nope')).toBe(false);
  });
});
