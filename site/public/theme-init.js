// Runs in <head> as a blocking script (before the body paints), so a remembered theme
// never flashes the other one and CSS can tell whether scripts run (.js-only /
// .no-js-only). A file of its own, not an inline block: the site's Content-Security-Policy
// allows scripts from the site only (docs/deployment.md). Plain ES5, not bundled.
document.documentElement.classList.add('js');
try {
  var t = localStorage.getItem('dlc:theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch (e) {}
