/**
 * Shiki themes of the spec view's code. GitHub's `-default` pair keeps every token of the dl
 * grammar and of the PyTorch code at WCAG AA contrast (4.5:1) on its background; the older
 * `github-light`/`github-dark` pair does not (orange options, grey comments).
 */
export const CODE_THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;
