/**
 * Finding a spec's train block and nets by name: the one place the CLI, the runtime, the
 * export and the site's worker look them up, so a missing one is told in one wording with
 * one code (DL0840-DL0842, compiler/diagnostics/messages.ts).
 */
import { CodedError, type TemplateArgs } from '../diagnostics/coded-error.ts';
import { R_LOOKUP, type RuntimeMessageDef } from '../diagnostics/messages.ts';
import type { NetGraph, TrainGraph, TypedGraph } from './types.ts';

/** A name that the spec does not have: `code` is the catalogue's, `help` says what to write. */
export class LookupError extends CodedError {
  constructor(def: RuntimeMessageDef, args: TemplateArgs) {
    super(def, args);
    this.name = 'LookupError';
  }
}

const listed = (names: string[]) => names.map((n) => `\`${n}\``).join(', ') || 'none';

/**
 * The train block that trains `net`, or the spec's first when `net` is not given.
 *
 * @example trainBlock(graph).net // 'Iris' for specs/iris.dl
 */
export function trainBlock(graph: TypedGraph, net?: string): TrainGraph {
  if (graph.trains.length === 0) throw new LookupError(R_LOOKUP.noTrainBlock, { net: graph.nets[0]?.name ?? 'Net' });
  if (net === undefined) return graph.trains[0];
  const block = graph.trains.find((t) => t.net === net);
  if (block === undefined) throw new LookupError(R_LOOKUP.noTrainFor, { net, trained: listed(graph.trains.map((t) => t.net)) });
  return block;
}

/** The net named `name`. */
export function findNet(graph: TypedGraph, name: string): NetGraph {
  const net = graph.nets.find((n) => n.name === name);
  if (net === undefined) throw new LookupError(R_LOOKUP.noNet, { net: name, nets: listed(graph.nets.map((n) => n.name)) });
  return net;
}

/**
 * The net a command works on when the user may not have named one: the given name, else
 * the first train block's net, else the first net. Its train block is null when none trains it.
 */
export function chooseNet(graph: TypedGraph, name?: string): { net: NetGraph; block: TrainGraph | null } {
  const chosen = name ?? graph.trains[0]?.net ?? graph.nets[0]?.name;
  if (chosen === undefined) throw new LookupError(R_LOOKUP.noNets, {});
  const net = findNet(graph, chosen);
  return { net, block: graph.trains.find((t) => t.net === net.name) ?? null };
}

/**
 * The lookup's result, or undefined where it would throw a LookupError: for a page that says
 * "none" in its own words (a picker's stale choice, a spec being edited) instead of reporting
 * the error. Any other error still throws.
 *
 * @example orNone(() => findNet(graph, 'Nope')) // undefined
 */
export function orNone<T>(lookup: () => T): T | undefined {
  try {
    return lookup();
  } catch (e) {
    if (e instanceof LookupError) return undefined;
    throw e;
  }
}

/**
 * DL0840's message and help as one sentence, for a page that shows it as prose.
 *
 * @example noTrainBlockSentence('Xor') // 'The spec has no train block: add one such as `train Xor on iris < epochs 10 >`.'
 */
export function noTrainBlockSentence(net = 'Net'): string {
  const e = new LookupError(R_LOOKUP.noTrainBlock, { net });
  return `${e.message[0].toUpperCase()}${e.message.slice(1)}: ${e.help}.`;
}
