/**
 * Words and numbers for a net's layers, shared by the diagram and the summary table so both
 * describe a layer the same way.
 */
import type { GraphNode, Shape } from '../../compiler/index.ts';

/** `[1, 8, 8]` -> `1×8×8`; `[32]` -> `32`. Per example: the batch dimension is implicit. */
export function formatShape(shape: Shape): string {
  return shape.join('×');
}

/** Elements in one example of this shape. */
export function shapeSize(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** `1234567` -> `1,234,567`, fixed to English so the build does not depend on the machine's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function num(node: GraphNode, key: string): number {
  const v = node.attrs[key];
  return Array.isArray(v) ? v[0] : Number(v);
}

function kernelText(v: GraphNode['attrs'][string]): string {
  if (Array.isArray(v)) return v[0] === v[1] ? `${v[0]}×${v[0]}` : v.join('×');
  return `${v}×${v}`;
}

/**
 * The layer as a reader would write it, with only the options that differ from the defaults:
 * `linear 4→32`, `conv 1→8 3×3 pad 1`, `maxpool 2`, `dropout 0.2`, `lstm 1→16`.
 */
export function describeNode(node: GraphNode): string {
  const a = node.attrs;
  switch (node.op) {
    case 'linear':
      return `linear ${a.in}→${a.out}${a.bias === false ? ' no bias' : ''}`;
    case 'conv': {
      const extra = [
        num(node, 'stride') !== 1 ? `stride ${num(node, 'stride')}` : '',
        num(node, 'pad') !== 0 ? `pad ${num(node, 'pad')}` : '',
        a.bias === false ? 'no bias' : '',
      ].filter(Boolean);
      return [`conv ${a.in}→${a.out} ${kernelText(a.kernel)}`, ...extra].join(' ');
    }
    case 'maxpool':
    case 'avgpool': {
      const k = num(node, 'kernel');
      const s = num(node, 'stride');
      return `${node.op} ${k}${s !== k ? ` stride ${s}` : ''}`;
    }
    case 'dropout':
      return `dropout ${a.p}`;
    case 'batchnorm':
      return `batchnorm ${a.features}`;
    case 'rnn':
    case 'lstm':
      return `${node.op} ${a.in}→${a.hidden}`;
    default:
      return node.op;
  }
}

/** Trainable numbers in one layer, as PyTorch's `sum(p.numel() for p in layer.parameters())`. */
export function nodeParamCount(node: GraphNode): number {
  return node.params
    .filter((p) => p.role === 'param')
    .reduce((sum, p) => sum + shapeSize(p.shape), 0);
}

/** `layers.k`, the name PyTorch gives the layer inside the net's `nn.Sequential`. */
export function layerName(node: GraphNode): string {
  return `layers.${node.index}`;
}
