/**
 * A spec in a link: the text, deflated with the browser's own CompressionStream
 * ('deflate-raw') and written in base64url, in the URL fragment (`#spec=1.<check>.<data>`).
 * The fragment never reaches a server, so a shared spec stays between the two browsers.
 *
 * `<check>` is a 32-bit hash of the text: deflate-raw has no checksum of its own, so a link
 * cut short or changed by hand is caught even when the damaged bytes still inflate.
 * Decoding never throws: every way a link can be wrong is a `problem` sentence.
 */

const PREFIX = 'spec=1.';

/**
 * Longest link the Share button makes, in characters. Browsers open far longer URLs, but
 * mail clients, chat apps and link shorteners start to cut or refuse links around 8,000
 * characters (the limit the HTTP spec recommends every recipient support), so a link is
 * kept under it: that holds about 15,000 characters of typical spec text (deflate
 * shrinks a spec about 2.5 times, base64 grows it by a third).
 */
export const MAX_LINK_CHARS = 8000;

/** A link never inflates to more than this: a crafted link cannot make the page eat memory. */
export const MAX_SPEC_CHARS = 256 * 1024;

/** FNV-1a over the UTF-16 code units, in base 36: short, and stable across browsers. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

/** The fragment (without `#`) that holds `text`. */
export async function encodeSpec(text: string): Promise<string> {
  const deflated = await readAll(through(new TextEncoder().encode(text), new CompressionStream('deflate-raw')), Infinity);
  return `${PREFIX}${checksum(text)}.${toBase64Url(deflated!)}`;
}

export type Decoded = { text: string } | { problem: string };

const DAMAGED = 'The link is damaged (cut short or changed on the way), so it cannot be read';

/** The spec a fragment (with or without `#`) holds, or why there is none. */
export async function decodeSpec(fragment: string): Promise<Decoded> {
  const hash = fragment.replace(/^#/, '');
  if (!hash.startsWith('spec=')) return { problem: 'This link does not hold a spec (its part after # is not one the Share button makes)' };
  if (!hash.startsWith(PREFIX)) return { problem: 'This link holds a spec in a format this version of the page does not know' };
  const [check, data, ...rest] = hash.slice(PREFIX.length).split('.');
  if (!check || data === undefined || rest.length > 0) return { problem: DAMAGED };
  const bytes = fromBase64Url(data);
  if (!bytes || bytes.length === 0) return { problem: DAMAGED };
  let inflated: Uint8Array | null;
  try {
    inflated = await readAll(through(bytes, new DecompressionStream('deflate-raw')), MAX_SPEC_CHARS * 3);
  } catch {
    return { problem: DAMAGED };
  }
  if (!inflated) return { problem: `The link holds more than ${MAX_SPEC_CHARS.toLocaleString('en-US')} characters, more than any spec the Share button makes` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return { problem: DAMAGED };
  }
  if (checksum(text) !== check) return { problem: DAMAGED };
  return { text };
}

/** Whether this browser can make and read links (CompressionStream arrived in 2023 everywhere). */
export function canShare(): boolean {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}
