/**
 * One compile of an embedded spec, and the verdict the build needs: fine, or the problem
 * that must stop it. Shared by the remark plugin (which knows the MDX file and line) and the
 * Spec component (which renders the result), so both judge a spec the same way.
 */
import { compile, renderDiagnostics, type CompileResult, type TypedGraph } from '../compiler/index.ts';

type Diagnostic = CompileResult['diagnostics'][number];

export interface CompiledSpec {
  /** Null when the spec has errors. */
  graph: TypedGraph | null;
  diagnostics: Diagnostic[];
  errors: Diagnostic[];
  /** The diagnostics as the CLI prints them: `line:col: error DL0123: message`, source line, caret, help. */
  rendered: string;
}

export type SpecProblem =
  /** The spec does not compile and was not marked as an intended error. */
  | { kind: 'errors'; errors: Diagnostic[]; rendered: string }
  /** Marked `error` but compiles: the lesson would show no diagnostic. */
  | { kind: 'unexpected-success' }
  /** `net=Name` names a net the spec does not declare. */
  | { kind: 'unknown-net'; net: string; declared: string };

export interface SpecExpectation {
  expectError: boolean;
  net?: string;
}

/**
 * @param name what the rendered diagnostics call the spec: its file in specs/, or `spec.dl`
 *   for a fenced block, which has no file of its own.
 */
export function compileSpec(source: string, name = 'spec.dl'): CompiledSpec {
  const { graph, diagnostics } = compile(source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return {
    graph: errors.length === 0 ? graph : null,
    diagnostics,
    errors,
    rendered: renderDiagnostics(source, diagnostics, { file: name }),
  };
}

/** Null when the spec is what the lesson says it is; otherwise the problem to report. */
export function checkSpec(compiled: CompiledSpec, expect: SpecExpectation): SpecProblem | null {
  if (compiled.errors.length > 0) {
    return expect.expectError ? null : { kind: 'errors', errors: compiled.errors, rendered: compiled.rendered };
  }
  if (expect.expectError) return { kind: 'unexpected-success' };
  const nets = compiled.graph?.nets.map((n) => n.name) ?? [];
  if (expect.net !== undefined && !nets.includes(expect.net)) {
    return { kind: 'unknown-net', net: expect.net, declared: nets.length ? nets.map((n) => `\`${n}\``).join(', ') : 'no net' };
  }
  return null;
}
