/** Shiki themes of the spec view's code, the same pair as the site's Markdown code blocks. */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;
