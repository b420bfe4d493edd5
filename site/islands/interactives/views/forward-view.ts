/**
 * What the forward-pass stepper shows for an input and a step: the net with the values
 * computed so far, and the arithmetic of the step in words. Step 0 is the input; step k is
 * layer k-1 (`layers.${k-1}`) done. The whole pass, every step in order, is the static view.
 */
import { escapeXml } from '../../plots/chart.ts';
import { type DenseNet, type ForwardStep, forwardSteps } from '../shared/dense-forward.ts';
import { netDiagramSvg, type DiagramColumn, type DiagramEdge } from './net-diagram.ts';

/** Up to 4 decimals, no trailing zeros, no "-0". */
export function num(v: number): string {
  const s = String(Number(v.toFixed(4)));
  return s === '-0' ? '0' : s.replace('-', '−');
}

function paren(v: number): string {
  return v < 0 ? `(${num(v)})` : num(v);
}

const ACT_TEXT: Record<string, string> = {
  relu: 'ReLU',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  gelu: 'GELU',
  softmax: 'softmax',
};

/** Which diagram column each layer writes to: a linear layer opens a column, activations stay in it. */
function columnOf(net: DenseNet): number[] {
  let col = 0;
  return net.layers.map((l) => (l.op === 'linear' ? ++col : col));
}

export function stepCount(net: DenseNet): number {
  return net.layers.length + 1;
}

/** A short name for step k. */
export function stepTitle(net: DenseNet, k: number): string {
  if (k === 0) return 'The input';
  const layer = net.layers[k - 1];
  const cols = columnOf(net);
  const last = cols[cols.length - 1];
  const where = cols[k - 1] === last ? 'output layer' : `hidden layer ${cols[k - 1]}`;
  return layer.op === 'linear' ? `${where}: weighted sums` : `${where}: ${ACT_TEXT[layer.op]} activation`;
}

/** The arithmetic of step k, one line per unit. */
export function stepLines(net: DenseNet, steps: ForwardStep[], x: readonly number[], k: number): string[] {
  if (k === 0) return [`x = (${x.map(num).join(', ')})`];
  const s = steps[k - 1];
  const isOutput = k === steps.length;
  if (s.op === 'linear' && s.sums) {
    return s.sums.map((u, o) => {
      const terms = u.terms.map((t) => `${paren(t.weight)} × ${paren(t.input)}`).join(' + ');
      const bias = u.bias < 0 ? ` − ${num(-u.bias)}` : ` + ${num(u.bias)}`;
      return `unit ${o + 1}: z = ${terms}${bias} = ${num(u.z)}`;
    });
  }
  const name = isOutput ? 'ŷ' : 'a';
  if (s.op === 'softmax') {
    return [`${name} = softmax(${s.input.map(num).join(', ')}) = (${s.output.map(num).join(', ')})`];
  }
  return s.output.map((a, o) => {
    const z = s.input[o];
    const detail =
      s.op === 'relu' ? `max(0, ${num(z)})`
        : s.op === 'sigmoid' ? `1 / (1 + e^${paren(-z)})`
          : s.op === 'tanh' ? `tanh(${num(z)})`
            : `${paren(z)} × Φ(${num(z)})`;
    return `unit ${o + 1}: ${name} = ${detail} = ${num(a)}`;
  });
}

/** The net after step k: computed values in the units, weights on the lines. */
export function forwardDiagram(net: DenseNet, steps: ForwardStep[], x: readonly number[], k: number): string {
  const cols = columnOf(net);
  const columns: DiagramColumn[] = [{ title: ['input'], units: x.map((v) => ({ main: num(v) })), active: k === 0 }];
  const edges: DiagramEdge[] = [];
  net.layers.forEach((layer, j) => {
    const c = cols[j];
    if (layer.op === 'linear') {
      columns.push({
        title: [`linear ${layer.weight[0].length}→${layer.weight.length}`],
        units: layer.bias.map((b) => ({ main: '', sub: [`b ${num(b)}`] })),
      });
      layer.weight.forEach((row, o) => row.forEach((w, i) => {
        edges.push({ from: [c - 1, i], to: [c, o], label: num(w), active: k === j + 1, sign: w < 0 ? -1 : w > 0 ? 1 : 0 });
      }));
    } else {
      columns[c].title.push(ACT_TEXT[layer.op]);
    }
    if (j < k) {
      const s = steps[j];
      columns[c].units.forEach((u, o) => {
        u.main = num(s.output[o]);
        if (s.op === 'linear') u.sub = [...(u.sub ?? []), `z ${num(s.output[o])}`];
      });
    }
    if (k === j + 1) columns[c].active = true;
  });
  const done = k === 0 ? 'the input' : `step ${k}, ${stepTitle(net, k)}`;
  const out = k === stepCount(net) - 1 ? `; the prediction is ${steps[steps.length - 1].output.map(num).join(', ')}` : '';
  return netDiagramSvg({
    columns,
    edges,
    description: `Network ${net.name} with input (${x.map(num).join(', ')}), after ${done}${out}.`,
  });
}

/** Every step in order, as an HTML list: the view without JavaScript. */
export function allStepsHtml(net: DenseNet, x: readonly number[]): string {
  const steps = forwardSteps(net, x);
  const items: string[] = [];
  for (let k = 0; k < stepCount(net); k++) {
    const lines = stepLines(net, steps, x, k).map((l) => `<li class="ia-math">${escapeXml(l)}</li>`).join('');
    items.push(`<li><strong>${escapeXml(stepTitle(net, k))}</strong><ul>${lines}</ul></li>`);
  }
  return `<ol class="ia-steps">${items.join('')}</ol>`;
}
