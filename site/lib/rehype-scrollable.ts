// Wide display math and wide tables scroll sideways inside the text column instead of
// widening the page (see global.css). A region that scrolls must be reachable from the
// keyboard, so each becomes a tab stop, as Astro already does for code blocks: display
// math directly, tables through a wrapper so the table keeps its table semantics.

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function hasClass(node: HastNode, name: string): boolean {
  const classes = node.properties?.className;
  return Array.isArray(classes) && classes.includes(name);
}

function walk(node: HastNode): void {
  if (!node.children) return;
  node.children = node.children.map((child) => {
    if (child.type !== 'element') return child;
    if (hasClass(child, 'katex-display')) {
      child.properties = { ...child.properties, tabIndex: 0 };
      return child;
    }
    walk(child);
    if (child.tagName === 'table') {
      return { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0 }, children: [child] };
    }
    return child;
  });
}

/** Rehype plugin; runs after rehype-katex. */
export function rehypeScrollable() {
  return (tree: HastNode): void => walk(tree);
}
