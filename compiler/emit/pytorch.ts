/**
 * The PyTorch equivalent of a spec.
 *
 * - `model`: the `nn.Module` of one net, whose `self.layers = nn.Sequential(...)` gives
 *   exactly the graph's state_dict names and shapes; the course site shows it beside a spec.
 * - `program`: one runnable Python file: that class, the train block's data, split,
 *   standardisation, loss, optimizer and training loop, printing the same lines as
 *   `dlc train`, with `--load`/`--save` safetensors weights and `--predict`.
 *
 * @example
 *   toPyTorch(compile(src).graph, { mode: 'model' })   // "import torch\nfrom torch import nn\n\n\nclass Iris(nn.Module): ..."
 */
import type { NetGraph, TypedGraph } from '../graph/types.ts';
import { CodedError, type Problem, type TemplateArgs } from '../diagnostics/coded-error.ts';
import { assertGraph } from '../graph/verify.ts';
import { pyDocstring } from './py-literal.ts';
import { programSource } from './py-program.ts';
import { chooseNet } from '../graph/lookup.ts';
import { CLASS_SLOT, PY_HELPERS, type PyHelper, pyModule, withClassName } from './py-modules.ts';

export interface PyTorchOptions {
  /** The net to export; by default the net of the first train block, else the first net. */
  net?: string;
  mode: 'model' | 'program';
  /** The spec's file name, named in the program's docstring. */
  source?: string;
  /** The program's own file name, for its usage text (default: the net's name, lower case, .py). */
  file?: string;
}

/**
 * An export that cannot be written. A net or train block that is not there is a LookupError
 * (graph/lookup.ts, DL0840-DL0843); this class stays part of `dlc/emit` for callers that catch it.
 */
export class ExportError extends CodedError {
  constructor(problem: Problem, args: TemplateArgs = {}) {
    super(problem, args);
    this.name = 'ExportError';
  }
}

const MODEL_IMPORTS = 'import torch\nfrom torch import nn\n\n\n';

/** The helper classes a net needs, then the net's class. */
export function modelSource(net: NetGraph): string {
  return withClassName(net.name, MODEL_IMPORTS + modelCode(net)).slice(MODEL_IMPORTS.length);
}

/** modelSource with CLASS_SLOT for the class name, which the whole file decides. */
function modelCode(net: NetGraph): string {
  const helpers = new Set<PyHelper>();
  const lines = net.nodes.map((node) => {
    const m = pyModule(node);
    if (m.helper) helpers.add(m.helper);
    const shapes = `[${node.inShape.join(', ')}] -> [${node.outShape.join(', ')}]`;
    return `            ${m.code},  # layers.${node.index}: ${shapes}`;
  });
  const body = lines.length ? `\n${lines.join('\n')}\n        ` : '';
  const cls = `class ${CLASS_SLOT}(nn.Module):
    ${pyDocstring(`${net.name}: input [${net.inputShape.join(', ')}], output [${net.outputShape.join(', ')}], ${net.paramCount} parameters.`)}

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(${body})

    def forward(self, x):
        return self.layers(x)`;
  return [...[...helpers].map((h) => PY_HELPERS[h]), cls].join('\n\n\n');
}

export function toPyTorch(graph: TypedGraph, opts: PyTorchOptions): string {
  assertGraph(graph);
  const { net, block: train } = chooseNet(graph, opts.net);
  const file = opts.mode === 'model'
    ? `${MODEL_IMPORTS}${modelCode(net)}\n`
    : programSource(net, train, modelCode(net), opts.source, opts.file ?? `${net.name.toLowerCase()}.py`);
  return withClassName(net.name, file);
}
