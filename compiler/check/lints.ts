/**
 * Teaching warnings about a net on its own: mistakes that PyTorch accepts silently.
 * (Warnings that need the loss are in check-train.ts.) They never stop compilation.
 */
import type { Report } from './args.ts';
import type { CheckedLayer } from './check-net.ts';
import { LAYERS } from './layers.ts';
import { diag, M } from '../diagnostics/messages.ts';

/** Layers that do not bend a linear map: two linears with only these between them collapse. */
const TRANSPARENT = new Set(Object.values(LAYERS).filter((rule) => rule.transparent).map((rule) => rule.op));

export function lintNet(layers: CheckedLayer[], report: Report): void {
  let lastLinear: CheckedLayer | null = null;
  for (const layer of layers) {
    const op = layer.rule?.op;
    if (op === 'linear') {
      if (lastLinear) report(diag(M.linearCollapse, layer.item.span, lastLinear.index, layer.index));
      lastLinear = layer;
    } else if (!op || !TRANSPARENT.has(op)) {
      lastLinear = null;
    }
  }
}
