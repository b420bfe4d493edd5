// Starts Pagefind's search UI on the search page. pagefind-ui.js (a classic script before
// this module) defines PagefindUI; it is built by `pagefind --site dist` after astro build.
declare global {
  interface Window {
    PagefindUI?: new (options: Record<string, unknown>) => unknown;
  }
}

const search = document.getElementById('search');
if (window.PagefindUI) {
  new window.PagefindUI({ element: '#search', showSubResults: true, showImages: false, autofocus: true });
  // Pagefind's input carries only a title; tie it to the visible label above.
  const input = document.querySelector('#search input');
  if (input) input.id = 'search-input';
} else if (search) {
  search.textContent = 'The search index is missing: it is built by `npm run build` (pagefind runs after astro build).';
}

export {};
