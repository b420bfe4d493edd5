// The HTTP headers docs/deployment.md tells a host to send on every response (its first
// ```http block), read from that file so the document, our own servers (astro dev and
// preview, so `npm start`), the browser tests and the benches cannot drift apart.
import { readFileSync } from 'node:fs';

const DOC = new URL('../docs/deployment.md', import.meta.url);

/** Header name (lower case) -> value, in the document's order. */
export function deploymentHeaders(): Record<string, string> {
  const block = /```http\n([\s\S]*?)```/.exec(readFileSync(DOC, 'utf8'))?.[1] ?? '';
  const headers: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const m = /^([A-Za-z-]+): (.+)$/.exec(line.trim());
    if (m) headers[m[1].toLowerCase()] = m[2];
  }
  return headers;
}

/** The headers that make a page cross-origin isolated (SharedArrayBuffer, wasm threads). */
export const ISOLATION_HEADERS = ['cross-origin-opener-policy', 'cross-origin-embedder-policy'] as const;

/** The isolation headers alone: what astro dev and preview send (a CSP would block Vite's dev client). */
export function isolationHeaders(): Record<string, string> {
  const all = deploymentHeaders();
  return Object.fromEntries(ISOLATION_HEADERS.filter((h) => h in all).map((h) => [h, all[h]]));
}
