/**
 * When a lesson island gets ready to train before the click: the reader's pointer or focus
 * enters it, or, once the page has been scrolled, it stays at least VISIBLE_FRACTION in view
 * for VIEW_DWELL_MS. Nothing happens on page load: a reader who opens a lesson and only
 * reads what is above the fold fetches no TensorFlow.js and no wasm until they point at an
 * island. Defined in docs/architecture.md ("Warm-up").
 */

/** How long a scrolled-to island stays in view before it warms (ms). */
export const VIEW_DWELL_MS = 300;
/** How much of the island must be visible to count as in view. */
export const VISIBLE_FRACTION = 0.3;

/** Calls `warm` once per island, on the first sign the reader is heading for it. */
export function warmOnIntent(islands: HTMLElement[], warm: (island: HTMLElement) => void): void {
  const done = new Set<HTMLElement>();
  const timers = new Map<Element, number>();
  const fire = (island: HTMLElement) => {
    if (done.has(island)) return;
    done.add(island);
    window.clearTimeout(timers.get(island));
    observer?.unobserve(island);
    warm(island);
  };
  for (const island of islands) {
    island.addEventListener('pointerenter', () => fire(island), { once: true });
    island.addEventListener('focusin', () => fire(island), { once: true });
  }
  let observer: IntersectionObserver | null = null;
  if (typeof IntersectionObserver === 'undefined') return;
  // Observed only after the first scroll, so what is in view on load does not count.
  window.addEventListener('scroll', () => {
    observer = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const island = e.target as HTMLElement;
        window.clearTimeout(timers.get(island));
        if (e.isIntersecting && e.intersectionRatio >= VISIBLE_FRACTION) {
          timers.set(island, window.setTimeout(() => fire(island), VIEW_DWELL_MS));
        }
      }
    }, { threshold: [0, VISIBLE_FRACTION] });
    for (const island of islands) if (!done.has(island)) observer.observe(island);
  }, { once: true, passive: true });
}
