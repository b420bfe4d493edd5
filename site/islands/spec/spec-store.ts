/**
 * Edits to a spec, kept in the browser's localStorage so they survive a reload. Storage can
 * be missing or full (private windows, quotas, disabled cookies): every call reports failure
 * as a value instead of throwing, and the island shows a note instead of breaking.
 */

const PREFIX = 'dlc:spec:';

/** A short stable hash (FNV-1a, 32 bits) of the original spec, so an edit is dropped when the lesson's spec changes. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** The key of one spec: the page, its position on the page, and the original text. */
export function specKey(page: string, index: number, original: string): string {
  return `${PREFIX}${page}#${index}:${hashText(original)}`;
}

export function loadEdit(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Returns false when the browser refused to store the edit. */
export function saveEdit(key: string, text: string): boolean {
  try {
    globalThis.localStorage.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

export function clearEdit(key: string): boolean {
  try {
    globalThis.localStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}
