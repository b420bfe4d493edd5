/** Tiny DOM builders for the live spec's controls. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function button(label: string, action: string): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'dl-btn', 'data-action': action }, label);
  return b;
}
