import type { Dataset } from '../api.ts';
import { IRIS_CSV } from './iris-data.ts';

export const IRIS_CLASSES = ['setosa', 'versicolor', 'virginica'];

/** `iris`: 150 flowers, 4 measurements in cm, 3 species; the same rows and order as sklearn's load_iris. */
export function iris(): Dataset {
  const lines = IRIS_CSV.trim().split('\n');
  const n = lines.length;
  const x = new Float32Array(n * 4);
  const y = new Int32Array(n);
  lines.forEach((line, i) => {
    const v = line.split(',').map(Number);
    x.set(v.slice(0, 4), i * 4);
    y[i] = v[4];
  });
  return {
    name: 'iris',
    x,
    y,
    n,
    exampleShape: [4],
    target: { kind: 'classes', classes: 3, names: IRIS_CLASSES },
    featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  };
}
