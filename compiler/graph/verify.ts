/**
 * The typed graph's invariants, checked as data against the op table (check/layers.ts):
 * every op is one of `OP_KINDS`; its attributes are the ones its entry resolves (names,
 * types, ranges); its output shape, parameters and FLOPs are what its entry makes of its
 * input and attributes; shapes chain from layer to layer; indices are PyTorch's `layers.k`;
 * counts add up; every train block names a net of the graph. Each problem has its code in
 * the catalogue (diagnostics/messages.ts `R_GRAPH`). Whatever reads a graph back (the
 * runtime's train and predict, the export, the worker) calls `assertGraph` first, so a
 * broken graph is a coded error, never a crash deep inside a kernel.
 */
import { LAYERS, OP_KINDS, type LayerRule } from '../check/layers.ts';
import type { ArgValues, OptionSpec, PositionalSpec } from '../check/item-args.ts';
import { inRange, type NumberRange } from '../check/args.ts';
import { LIMITS } from '../check/limits.ts';
import { LOSSES, OPTIMIZERS } from '../check/settings.ts';
import { CodedError } from '../diagnostics/coded-error.ts';
import { fillTemplate, R_GRAPH, R_RUN, type RuntimeMessageDef } from '../diagnostics/messages.ts';
import { shown } from '../diagnostics/display.ts';
import type { Attrs, GraphNode, NetGraph, ParamSpec, TypedGraph } from './types.ts';
import { GRAPH_VERSION } from './types.ts';

/** One broken invariant: its catalogue code and its message. */
export interface GraphProblem {
  code: string;
  message: string;
}

const OPS: ReadonlySet<string> = new Set(OP_KINDS);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isShape = (s: unknown): s is number[] => Array.isArray(s) && s.every((d) => Number.isSafeInteger(d) && d >= 0);
const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((d, i) => d === b[i]);
const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);
const text = (v: unknown) => shown(JSON.stringify(v) ?? String(v), 60);

/** What an attribute may hold, as the op table's signature reads it. */
type AttrRule =
  | { kind: 'bool' }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'number'; range: NumberRange }
  | { kind: 'pair'; min: number; max: number }
  /** Fixed by the op (softmax's axis) or resolved from the input shape (batchnorm's features). */
  | { kind: 'fixed' };

const SIZE = { min: 1, max: LIMITS.integer };

function positionalRule(p: PositionalSpec): AttrRule {
  if (p.kind === 'number') return p.range ? { kind: 'number', range: p.range } : { kind: 'number', range: { text: 'a number' } };
  if (p.kind === 'window') return { kind: 'pair', ...SIZE };
  return { kind: 'int', ...SIZE };
}

function optionRule(o: OptionSpec): AttrRule {
  if (o.kind === 'bool') return { kind: 'bool' };
  if (o.kind === 'int') return { kind: 'int', min: o.min, max: o.max };
  if (o.kind === 'number') return { kind: 'number', range: o.range };
  return { kind: 'fixed' };
}

/** Signature values for a probe: every argument at a value of its kind (`seed` moves the sizes). */
function probeValues(rule: LayerRule, seed: number): ArgValues {
  const v: ArgValues = {};
  for (const p of rule.sig.positional) {
    if (p.kind === 'arrow') v[p.key] = [seed, seed + 1];
    else if (p.kind === 'window') v[p.key] = [seed, seed];
    else if (p.kind === 'number') v[p.key] = p.range?.min ?? 0;
    else v[p.key] = seed;
  }
  for (const [k, o] of Object.entries(rule.sig.options)) v[k] = o.default;
  return v;
}

/**
 * Each op's attribute names and what each may hold, derived from its entry: the names are
 * those its `attrs` (and `resolve`) make; an attribute named after an argument reads as
 * that argument does; one that moves with the sizes (linear's in and out from `I->O`) is a
 * size; the rest are fixed by the op or by the input shape.
 */
function attrRules(rule: LayerRule): Map<string, AttrRule> {
  const a = rule.attrs(probeValues(rule, 2));
  const b = rule.attrs(probeValues(rule, 3));
  const resolved = rule.resolve ? rule.resolve(a, [2, 2, 2]) : a;
  const rules = new Map<string, AttrRule>();
  for (const key of Object.keys(resolved)) {
    const positional = rule.sig.positional.find((p) => p.key === key);
    const option = rule.sig.options[key];
    if (positional) rules.set(key, positionalRule(positional));
    else if (option) rules.set(key, optionRule(option));
    else if (key in a && key in b && JSON.stringify(a[key]) !== JSON.stringify(b[key])) rules.set(key, Array.isArray(a[key]) ? { kind: 'pair', ...SIZE } : { kind: 'int', ...SIZE });
    else rules.set(key, { kind: 'fixed' });
  }
  return rules;
}

const ATTR_RULES = new Map(OP_KINDS.map((op) => [op, attrRules(LAYERS[op])]));

const isInt = (v: unknown, min: number, max: number) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;

/** What is wrong with one attribute's value, or null. */
function attrProblem(key: string, value: unknown, r: AttrRule): string | null {
  switch (r.kind) {
    case 'bool':
      return typeof value === 'boolean' ? null : `attribute ${key} must be true or false, found ${text(value)}`;
    case 'int':
      return isInt(value, r.min, r.max) ? null : `attribute ${key} must be a whole number from ${r.min} to ${r.max}, found ${text(value)}`;
    case 'pair':
      return Array.isArray(value) && value.length === 2 && value.every((d) => isInt(d, r.min, r.max))
        ? null : `attribute ${key} must be two whole numbers of at least ${r.min}, found ${text(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && inRange(value, r.range) ? null : `attribute ${key} must be ${r.range.text}, found ${text(value)}`;
    case 'fixed':
      return null;
  }
}

/** The node's attributes as its op's entry resolves them, or the problems found. */
function checkAttrs(node: GraphNode, rule: LayerRule, where: string, add: (d: RuntimeMessageDef, a: Record<string, string | number>) => void): boolean {
  const rules = ATTR_RULES.get(node.op)!;
  let ok = true;
  const problem = (p: string) => {
    ok = false;
    add(R_GRAPH.attrs, { where, problem: `${node.op}: ${p}` });
  };
  if (!isObject(node.attrs)) {
    problem(`attributes must be an object, found ${text(node.attrs)}`);
    return false;
  }
  for (const key of Object.keys(node.attrs)) if (!rules.has(key)) problem(`no attribute ${shown(key, 40)}; its attributes are ${[...rules.keys()].join(', ') || 'none'}`);
  for (const [key, r] of rules) {
    if (!(key in node.attrs)) problem(`attribute ${key} is missing`);
    else {
      const p = attrProblem(key, node.attrs[key], r);
      if (p) problem(p);
    }
  }
  if (!ok) return false;
  // Attributes fixed by the op or the input shape must be what the entry makes of them.
  const fixed = [...rules].filter(([, r]) => r.kind === 'fixed').map(([k]) => k);
  if (fixed.length) {
    const base = rule.attrs(probeValues(rule, 2));
    const expected: Attrs = rule.resolve && isShape(node.inShape) ? rule.resolve(node.attrs, node.inShape) : base;
    for (const key of fixed) {
      if (JSON.stringify(node.attrs[key]) !== JSON.stringify(expected[key])) problem(`attribute ${key} must be ${text(expected[key])}, found ${text(node.attrs[key])}`);
    }
  }
  return ok;
}

function checkNode(node: unknown, i: number, at: string, shape: number[] | null, params: Set<string>, add: (d: RuntimeMessageDef, a: Record<string, string | number>) => void): { out: number[] | null; count: number } {
  if (!isObject(node)) {
    add(R_GRAPH.structure, { problem: `${at} node ${i} is not an object` });
    return { out: null, count: 0 };
  }
  const n = node as unknown as GraphNode;
  const where = `${at} layers.${typeof n.index === 'number' ? n.index : i}`;
  if (n.index !== i) add(R_GRAPH.shapes, { where, problem: `index is not its position ${i}` });
  if (!isShape(n.inShape) || !isShape(n.outShape)) {
    add(R_GRAPH.shapes, { where, problem: 'a shape is not a list of sizes' });
    return { out: null, count: 0 };
  }
  if (shape !== null && !same(n.inShape, shape)) add(R_GRAPH.shapes, { where, problem: `input [${n.inShape}] is not the previous output [${shape}]` });
  if (!(typeof n.flops === 'number' && n.flops >= 0)) add(R_GRAPH.params, { where, problem: `flops ${text(n.flops)}` });
  let count = 0;
  const list = Array.isArray(n.params) ? n.params : [];
  if (!Array.isArray(n.params)) add(R_GRAPH.structure, { problem: `${where}: params is not a list` });
  for (const p of list) {
    if (!isObject(p) || typeof p.name !== 'string') {
      add(R_GRAPH.params, { where, problem: 'a parameter without a name' });
      continue;
    }
    if (!p.name.startsWith(`layers.${n.index}.`)) add(R_GRAPH.params, { where, problem: `parameter ${shown(p.name, 60)} belongs to another layer` });
    if (params.has(p.name)) add(R_GRAPH.params, { where, problem: `parameter ${shown(p.name, 60)} twice` });
    params.add(p.name);
    if (!isShape(p.shape)) add(R_GRAPH.params, { where, problem: `parameter ${shown(p.name, 60)} has a bad shape` });
    else if (p.role === 'param') count += numel(p.shape);
  }
  if (typeof n.op !== 'string' || !OPS.has(n.op)) {
    add(R_GRAPH.unknownOp, { where, op: text(n.op), ops: OP_KINDS.join(', ') });
    return { out: n.outShape, count };
  }
  const rule = LAYERS[n.op];
  if (!checkAttrs(n, rule, where, add)) return { out: n.outShape, count };
  // The op's own shape rule, parameters and FLOPs, from its input and attributes.
  const span = isObject(n.span) ? n.span : { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const out = rule.shape(n.inShape, n.attrs, { span, self: `${n.op} (layer ${n.index})`, prev: 'its input', prevText: 'its input', rewrite: () => n.op } as never);
  if (!Array.isArray(out)) {
    add(R_GRAPH.shapes, { where, problem: `${n.op} does not take the input [${n.inShape}]: ${out.message}` });
    return { out: n.outShape, count };
  }
  if (!same(out, n.outShape)) add(R_GRAPH.shapes, { where, problem: `${n.op} makes [${out}] of [${n.inShape}], not [${n.outShape}]` });
  const expected = rule.params(n.attrs, `layers.${n.index}`);
  const got = new Map((list.filter((p) => isObject(p) && typeof p.name === 'string') as unknown as ParamSpec[]).map((p) => [p.name, p]));
  const missing = expected.filter((p) => !got.has(p.name)).map((p) => p.name);
  const extra = [...got.keys()].filter((name) => !expected.some((p) => p.name === name));
  if (missing.length) add(R_GRAPH.params, { where, problem: `${n.op} makes ${missing.join(', ')}, missing here` });
  if (extra.length) add(R_GRAPH.params, { where, problem: `${n.op} makes no ${extra.map((x) => shown(x, 60)).join(', ')}` });
  for (const e of expected) {
    const p = got.get(e.name);
    if (!p) continue;
    for (const key of ['shape', 'role', 'dtype', 'init'] as const) {
      if (JSON.stringify(p[key]) !== JSON.stringify(e[key])) add(R_GRAPH.params, { where, problem: `parameter ${e.name} has ${key} ${text(p[key])}, but ${n.op} makes ${text(e[key])}` });
    }
  }
  if (!missing.length && !extra.length && expected.some((e, k) => (list[k] as ParamSpec | undefined)?.name !== e.name)) {
    add(R_GRAPH.params, { where, problem: `parameters in the order ${[...got.keys()].join(', ')}, but ${n.op} makes ${expected.map((e) => e.name).join(', ')}` });
  }
  const flops = rule.flops(n.attrs, n.inShape, out);
  if (typeof n.flops === 'number' && n.flops >= 0 && n.flops !== flops) add(R_GRAPH.params, { where, problem: `flops ${n.flops}, but ${n.op} makes ${flops}` });
  return { out: n.outShape, count };
}

function checkNet(net: unknown, k: number, names: Set<string>, add: (d: RuntimeMessageDef, a: Record<string, string | number>) => void): void {
  if (!isObject(net) || typeof net.name !== 'string' || !Array.isArray(net.nodes) || !isShape(net.inputShape) || !isShape(net.outputShape)) {
    add(R_GRAPH.structure, { problem: `net ${k} needs a name, nodes, inputShape and outputShape` });
    return;
  }
  const n = net as unknown as NetGraph;
  const at = `net ${shown(n.name, 60)}`;
  if (names.has(n.name)) add(R_GRAPH.structure, { problem: `${at}: declared twice` });
  names.add(n.name);
  if (n.nodes.length === 0) add(R_GRAPH.shapes, { where: at, problem: 'no nodes' });
  let shape: number[] | null = n.inputShape;
  let count = 0;
  const params = new Set<string>();
  n.nodes.forEach((node, i) => {
    const r = checkNode(node, i, at, shape, params, add);
    shape = r.out;
    count += r.count;
  });
  if (shape !== null && !same(n.outputShape, shape)) add(R_GRAPH.shapes, { where: at, problem: `output [${n.outputShape}] is not the last node's [${shape}]` });
  if (n.paramCount !== count) add(R_GRAPH.params, { where: at, problem: `paramCount ${text(n.paramCount)} but the parameters add up to ${count}` });
}

function checkTrain(train: unknown, k: number, names: Set<string>, add: (d: RuntimeMessageDef, a: Record<string, string | number>) => void): void {
  if (!isObject(train) || typeof train.net !== 'string' || !isObject(train.optimizer) || !isObject(train.dataset)) {
    add(R_GRAPH.structure, { problem: `train block ${k} needs a net, a dataset and an optimizer` });
    return;
  }
  const t = train as unknown as TypedGraph['trains'][number];
  const at = `train ${shown(t.net, 60)}`;
  if (!names.has(t.net)) add(R_RUN.trainNetMissing, { net: shown(t.net, 60) });
  if (!(t.optimizer.lr > 0)) add(R_GRAPH.trains, { where: at, problem: `lr ${text(t.optimizer.lr)}` });
  const validate = t.validate ?? 0;
  if (!(typeof t.split === 'number' && validate >= 0 && t.split >= 0 && t.split + validate < 1)) {
    add(R_GRAPH.trains, { where: at, problem: `split ${text(t.split)} and validate ${text(validate)} leave nothing to train on` });
  }
  if (t.stopAfter !== undefined && !(validate > 0 && Number.isSafeInteger(t.stopAfter) && t.stopAfter >= 1)) {
    add(R_GRAPH.trains, { where: at, problem: `stopAfter ${text(t.stopAfter)} without a validation split` });
  }
  if (!Number.isSafeInteger(t.epochs) || t.epochs < 1) add(R_GRAPH.trains, { where: at, problem: `epochs ${text(t.epochs)}` });
  if (!(t.batch === 'full' || (Number.isSafeInteger(t.batch) && t.batch >= 1))) add(R_GRAPH.trains, { where: at, problem: `batch ${text(t.batch)}` });
  if (!Object.hasOwn(LOSSES, t.loss)) add(R_GRAPH.trains, { where: at, problem: `loss ${text(t.loss)}` });
  if (!Object.hasOwn(OPTIMIZERS, t.optimizer.name)) add(R_GRAPH.trains, { where: at, problem: `optimizer ${text(t.optimizer.name)}` });
  for (const key of ['momentum', 'weightDecay', 'beta1', 'beta2', 'eps'] as const) {
    if (!(typeof t.optimizer[key] === 'number' && t.optimizer[key] >= 0)) add(R_GRAPH.trains, { where: at, problem: `optimizer ${key} ${text(t.optimizer[key])}` });
  }
  if (typeof t.standardize !== 'boolean') add(R_GRAPH.trains, { where: at, problem: `standardize ${text(t.standardize)}` });
  if (!(Number.isSafeInteger(t.seed) && t.seed >= 0)) add(R_GRAPH.trains, { where: at, problem: `seed ${text(t.seed)}` });
  if (typeof t.dataset.name !== 'string' || !isObject(t.dataset.options)) add(R_GRAPH.trains, { where: at, problem: 'its dataset needs a name and options' });
}

/** Every broken invariant of `graph` (anything: JSON read back), with its code. */
export function checkGraph(graph: unknown): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const add = (d: RuntimeMessageDef, a: Record<string, string | number>) => problems.push({ code: d.code, message: fillTemplate(d.template, a) });
  if (!isObject(graph)) {
    add(R_GRAPH.structure, { problem: `it is ${text(graph)}, not an object` });
    return problems;
  }
  if (graph.version !== GRAPH_VERSION) add(R_GRAPH.structure, { problem: `version ${text(graph.version)} is not ${GRAPH_VERSION}` });
  if (!Array.isArray(graph.nets) || !Array.isArray(graph.trains)) {
    add(R_GRAPH.structure, { problem: 'it needs the lists nets and trains' });
    return problems;
  }
  const names = new Set<string>();
  graph.nets.forEach((net, k) => checkNet(net, k, names, add));
  graph.trains.forEach((train, k) => checkTrain(train, k, names, add));
  return problems;
}

/** The problems' messages: none for a graph the compiler produced (tests run it on every graph they build). */
export function verify(graph: TypedGraph): string[] {
  return checkGraph(graph).map((p) => p.message);
}

/** A typed graph read back broken: the first problem's code, and every problem in the message. */
export class GraphError extends CodedError {
  readonly problems: GraphProblem[];
  constructor(problems: GraphProblem[]) {
    const first = problems[0]!;
    const def = [...Object.values(R_GRAPH), R_RUN.trainNetMissing].find((d) => d.code === first.code) ?? R_GRAPH.structure;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1, 4).map((p) => `${p.code} ${p.message}`).join('; ')}${problems.length > 4 ? '; ...' : ''})` : '';
    super({ ...def, template: `${first.message}${more}` });
    this.name = 'GraphError';
    this.problems = problems;
  }
}

/** Throws a GraphError unless `graph` is a sound typed graph: call it wherever a graph is read back. */
export function assertGraph(graph: unknown): asserts graph is TypedGraph {
  const problems = checkGraph(graph);
  if (problems.length) throw new GraphError(problems);
}

/** The same for one net (what `predict` and the export read). */
export function assertNet(net: unknown): asserts net is NetGraph {
  const problems: GraphProblem[] = [];
  checkNet(net, 0, new Set(), (d, a) => problems.push({ code: d.code, message: fillTemplate(d.template, a) }));
  if (problems.length) throw new GraphError(problems);
}
