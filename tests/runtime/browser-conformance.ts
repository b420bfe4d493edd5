/**
 * The conformance checks as a browser script (bundled by webgl.test.ts): exposes
 * `dlcConformance(cases, backend)` on the page.
 */
import type { BackendName } from '../../compiler/runtime/api.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { runCase, type Check, type RefCase } from './conformance-check.ts';

export interface BrowserRun {
  used: BackendName;
  results: Array<{ name: string; checks: Check[]; error?: string }>;
}

async function dlcConformance(cases: RefCase[], backend: BackendName): Promise<BrowserRun> {
  const used = await initBackend(backend);
  const results: BrowserRun['results'] = [];
  for (const c of cases) {
    try {
      results.push({ name: c.name, checks: await runCase(c, used) });
    } catch (e) {
      results.push({ name: c.name, checks: [], error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { used, results };
}

(globalThis as unknown as { dlcConformance: typeof dlcConformance }).dlcConformance = dlcConformance;
