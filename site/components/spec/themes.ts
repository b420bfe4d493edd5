/** Shiki themes of the spec view's code, the same pair as the site's Markdown code blocks. */
export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;
