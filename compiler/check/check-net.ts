/**
 * Checks one `net` declaration: names and arguments of its items, its input shape
 * (declared or inferred), the shape of every layer in turn, its parameters and limits.
 * Returns the net's graph, or null when the net has an error (all of them reported).
 */
import type { GraphNode, NetGraph, Shape } from '../graph/types.ts';
import type { Item, NetDecl } from '../syntax/ast.ts';
import type { Report } from './args.ts';
import { readShape } from './args.ts';
import { readArgs, itemText } from './item-args.ts';
import type { LayerRule } from './layers.ts';
import { INPUT_EXAMPLES, isLayer, LAYERS, Where } from './layers.ts';
import { LIMITS } from './limits.ts';
import { diag, M } from '../diagnostics/messages.ts';
import { suggest } from './suggest.ts';
import type { Attrs } from '../graph/types.ts';
import { lintNet } from './lints.ts';

export interface CheckedLayer {
  item: Item;
  index: number;
  rule: LayerRule | null;
  attrs: Attrs | null;
}

export interface CheckedNet {
  decl: NetDecl;
  /** The layers (every item but `input`), in order, with their `layers.k` index. */
  layers: CheckedLayer[];
  graph: NetGraph | null;
}

const LAYER_NAMES = [...Object.keys(LAYERS), 'input'];
const quote = (s: string) => `\`${s}\``;

function readInput(item: Item, report: Report): Shape | null {
  const [arg, ...rest] = item.args;
  if (!arg) {
    report(diag(M.missingArg, item.span, 'input', 'a shape', 'input 1x8x8'));
    return null;
  }
  if (rest.length > 0) {
    report(diag(M.extraArg, rest[0]!.span, 'input', rest[0]!.text, 'input SHAPE'));
    return null;
  }
  if (arg.kind === 'arrow' || arg.kind === 'option') {
    report(diag(M.wrongArgType, arg.span, 'the shape of `input`', 'a size or a shape like `1x8x8`', arg.text));
    return null;
  }
  const shape = readShape(arg, '`input`', report);
  if (shape && shape.length > 3) {
    report(diag(M.badInputShape, arg.span, arg.text));
    return null;
  }
  return shape;
}

export function checkNet(decl: NetDecl, report: Report): CheckedNet {
  let errors = 0;
  const note: Report = (d) => {
    if (d.severity === 'error') errors++;
    report(d);
  };

  let declared: Shape | null = null;
  let inputItem: Item | null = null;
  let inputBroken = false;
  const layers: CheckedLayer[] = [];
  decl.items.forEach((item, position) => {
    const name = item.name.text;
    if (item.equals) {
      note(diag(M.equalsAfterName, item.span, name, item.equals.text));
      if (name === 'input' && position === 0) {
        inputItem = item;
        inputBroken = true;
      } else if (name !== 'input') {
        layers.push({ item, index: layers.length, rule: isLayer(name) ? LAYERS[name] : null, attrs: null });
      }
      return;
    }
    if (name === 'input') {
      if (position !== 0) {
        note(diag(M.misplacedInput, item.name.span));
        return;
      }
      inputItem = item;
      declared = readInput(item, note);
      inputBroken = declared === null;
      return;
    }
    const index = layers.length;
    if (!isLayer(name)) {
      note(diag(M.unknownLayer, item.name.span, name, suggest(name, LAYER_NAMES)));
      layers.push({ item, index, rule: null, attrs: null });
      return;
    }
    const rule = LAYERS[name];
    const values = readArgs(item.args, rule.sig, note, item);
    layers.push({ item, index, rule, attrs: values ? rule.attrs(values) : null });
  });

  if (layers.length === 0) {
    note(diag(M.emptyNet, decl.name.span, decl.name.text));
    return { decl, layers, graph: null };
  }

  // The input shape: declared, or fixed by the first layer that fixes one (elementwise
  // layers before it keep the shape, so they do not hide it).
  let input: Shape | null = declared;
  if (input === null && !inputBroken && inputItem === null) {
    for (const layer of layers) {
      if (!layer.rule || !layer.attrs) break;
      if (layer.rule.inferInput) {
        input = layer.rule.inferInput(layer.attrs);
        break;
      }
      if (!layer.rule.keepsShape) {
        note(diag(M.unknownInput, layer.item.span, quote(itemText(layer.item)), INPUT_EXAMPLES[layer.rule.input]));
        break;
      }
    }
  }

  const nodes: GraphNode[] = [];
  let shape: Shape | null = input;
  let prevItem: Item | null = inputItem;
  let prevIndex: number | null = null;
  for (const layer of layers) {
    if (shape === null) break;
    const { rule, attrs, item } = layer;
    if (!rule || !attrs) {
      shape = null;
      break;
    }
    const where = new Where(item, layer.index, prevItem, prevIndex);
    const out = rule.shape(shape, attrs, where);
    if (!Array.isArray(out)) {
      note(out);
      shape = null;
      break;
    }
    const wide = out.find((d) => d > LIMITS.width);
    if (wide !== undefined) {
      note(diag(M.layerTooWide, item.span, where.self, wide, LIMITS.width));
      shape = null;
      break;
    }
    const resolved = rule.resolve ? rule.resolve(attrs, shape) : attrs;
    layer.attrs = resolved;
    nodes.push({
      index: layer.index,
      op: rule.op,
      attrs: resolved,
      inShape: shape,
      outShape: out,
      params: rule.params(resolved, `layers.${layer.index}`),
      flops: rule.flops(resolved, shape, out),
      span: item.span,
    });
    shape = out;
    prevItem = item;
    prevIndex = layer.index;
  }

  let paramCount = 0;
  for (const node of nodes) {
    for (const p of node.params) if (p.role === 'param') paramCount += p.shape.reduce((a, b) => a * b, 1);
  }
  if (paramCount > LIMITS.params) note(diag(M.tooManyParams, decl.name.span, decl.name.text, paramCount, LIMITS.params));

  lintNet(layers, note);

  if (errors > 0 || input === null || shape === null) return { decl, layers, graph: null };
  return {
    decl,
    layers,
    graph: {
      name: decl.name.text,
      inputShape: input,
      outputShape: shape,
      paramCount,
      nodes,
      span: decl.span,
    },
  };
}
