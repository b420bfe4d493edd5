// The theme toggle's behaviour: switches the light and dark themes and remembers the choice
// (theme-init.js applies it before the next page paints).
const KEY = 'dlc:theme';
const root = document.documentElement;
const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
const current = (): string => root.dataset.theme ?? (systemDark.matches ? 'dark' : 'light');
const show = (): void => button?.setAttribute('aria-pressed', String(current() === 'dark'));
if (button) {
  button.addEventListener('click', () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Storage is off: the choice holds for this page only.
    }
    show();
  });
  systemDark.addEventListener('change', show);
  show();
  button.hidden = false;
}
