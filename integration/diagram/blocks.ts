/**
 * The block picture of any net: one block per layer, top to bottom, with the tensor's shape
 * written on every edge. It stays readable for convolutional and recurrent nets and for
 * layers too wide to draw unit by unit; the narrow, tall layout suits a phone's screen.
 */
import type { NetGraph } from '../../compiler/index.ts';
import { describeNode, formatCount, formatShape, layerName, nodeParamCount } from './labels.ts';
import type { Block, BlocksDiagram, ShapeEdge } from './types.ts';

const BLOCK_X = 30;
const MIN_BLOCK_WIDTH = 220;
/** Room for the shape label right of the edges. */
const LABEL_ROOM = 70;
/** A generous average glyph width at the diagram's 12px font, to size blocks to their labels. */
const CHAR_WIDTH = 7;
const TERMINAL_HEIGHT = 26;
const LAYER_HEIGHT = 28;
const PARAM_LAYER_HEIGHT = 40;
const EDGE_LENGTH = 30;
const MARGIN_Y = 8;

/** Lays out any net, one block per layer (every item of the net but `input`). */
export function layoutBlocks(net: NetGraph): BlocksDiagram {
  const stack: Omit<Block, 'x' | 'y' | 'width'>[] = [
    { label: 'input', height: TERMINAL_HEIGHT, role: 'input' },
    ...net.nodes.map((node) => {
      const params = nodeParamCount(node);
      return params > 0
        ? { label: describeNode(node), detail: `${layerName(node)} · ${formatCount(params)} parameters`, height: PARAM_LAYER_HEIGHT, role: 'layer' as const }
        : { label: describeNode(node), height: LAYER_HEIGHT, role: 'layer' as const };
    }),
    { label: 'output', height: TERMINAL_HEIGHT, role: 'output' },
  ];
  // The tensor on the edge below block i: the input's shape, then each layer's output.
  const shapes = [net.inputShape, ...net.nodes.map((n) => n.outShape)];

  const longest = Math.max(...stack.map((b) => Math.max(b.label.length, b.detail?.length ?? 0)));
  const blockWidth = Math.max(MIN_BLOCK_WIDTH, longest * CHAR_WIDTH + 20);
  const blocks: Block[] = [];
  const edges: ShapeEdge[] = [];
  const centerX = BLOCK_X + blockWidth / 2;
  let y = MARGIN_Y;
  stack.forEach((b, i) => {
    blocks.push({ ...b, x: BLOCK_X, y, width: blockWidth });
    y += b.height;
    if (i < shapes.length) {
      edges.push({
        from: { x: centerX, y },
        to: { x: centerX, y: y + EDGE_LENGTH },
        label: formatShape(shapes[i]),
        labelAt: { x: centerX + 10, y: y + EDGE_LENGTH / 2 + 4 },
        labelAnchor: 'start',
      });
      y += EDGE_LENGTH;
    }
  });

  const layers = net.nodes.map((n) => `${layerName(n)} ${describeNode(n)} gives ${formatShape(n.outShape)}`);
  const description =
    `Network diagram of ${net.name}, one block per layer: input ${formatShape(net.inputShape)}; ` +
    `${layers.join('; ')}. ${formatCount(net.paramCount)} parameters in all.`;

  const widestShape = Math.max(...edges.map((e) => e.label.length)) * CHAR_WIDTH;
  const width = Math.max(BLOCK_X * 2 + blockWidth, centerX + 10 + widestShape + 10, BLOCK_X + blockWidth + LABEL_ROOM / 2);
  return { kind: 'blocks', width, height: y + MARGIN_Y, blocks, edges, description };
}
