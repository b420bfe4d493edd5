// Display math wider than the column scrolls sideways (see global.css). A region that
// scrolls must be reachable from the keyboard, so each display equation becomes a tab
// stop, as Astro already does for code blocks.

interface HastNode {
  type: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function walk(node: HastNode): void {
  const classes = node.properties?.className;
  if (node.type === 'element' && Array.isArray(classes) && classes.includes('katex-display')) {
    node.properties!.tabIndex = 0;
  }
  for (const child of node.children ?? []) walk(child);
}

/** Rehype plugin; runs after rehype-katex. */
export function rehypeScrollableMath() {
  return (tree: HastNode): void => walk(tree);
}
