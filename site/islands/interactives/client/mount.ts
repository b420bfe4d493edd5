/**
 * Runs a setup function once for every interactive of a kind on the page, after the HTML is
 * parsed. The static HTML stays as it is until then, so the page reads without JavaScript.
 */
export function eachInteractive(kind: string, setup: (root: HTMLElement) => void): void {
  const run = () => {
    document.querySelectorAll<HTMLElement>(`[data-interactive="${kind}"]`).forEach((root) => {
      if (root.dataset.ready) return;
      root.dataset.ready = 'true';
      setup(root);
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
