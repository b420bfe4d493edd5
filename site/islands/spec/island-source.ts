/**
 * Reads what the static spec view (integration/components/SpecView.astro) put in the page: the
 * original source, either in a `<script type="text/plain" data-spec-source>` or in the
 * `data-spec-source` attribute, and a file name for downloads.
 */
export function islandSource(island: HTMLElement): string {
  const script = island.querySelector('script[data-spec-source]');
  if (script) return script.textContent ?? '';
  return island.getAttribute('data-spec-source') ?? '';
}

export function islandFileName(island: HTMLElement, fallback: string): string {
  const named = island.getAttribute('data-spec-file') ?? island.getAttribute('data-spec-src') ?? '';
  const base = named.split('/').pop() ?? '';
  return base.endsWith('.dl') ? base : `${fallback}.dl`;
}
