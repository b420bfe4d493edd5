// The playground's spec links (site/islands/playground/share-link.ts) with Node's own
// CompressionStream, the same web API the browser uses: a spec survives the round trip
// byte for byte, and every way a link can be damaged is a sentence, never an exception.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { MAX_SPEC_CHARS, decodeSpec, encodeSpec } from '../../site/islands/playground/share-link.ts';

const SPEC = readFileSync(new URL('../../specs/digits.dl', import.meta.url), 'utf8');

test('a spec comes back from its link exactly, unicode and HTML included', async () => {
  const text = `${SPEC}\n# <img src=x onerror=alert(1)> “quotes” é 漢字 🙂\r\n`;
  const fragment = await encodeSpec(text);
  expect(fragment).toMatch(/^spec=1\.[0-9a-z]+\.[A-Za-z0-9_-]+$/);
  expect(await decodeSpec(`#${fragment}`)).toEqual({ text });
  expect(await decodeSpec(fragment)).toEqual({ text });
});

test('a link cut short, with a character changed, or not base64 says it is damaged', async () => {
  const fragment = await encodeSpec(SPEC);
  const damaged = /damaged/;
  for (const cut of [fragment.length - 1, fragment.length - 5, Math.floor(fragment.length / 2), 'spec=1.'.length + 3]) {
    const got = await decodeSpec(fragment.slice(0, cut));
    expect(got, `cut at ${cut}`).toHaveProperty('problem');
    expect((got as { problem: string }).problem).toMatch(damaged);
  }
  // Every single-character change in the data part is caught.
  const at = fragment.lastIndexOf('.') + 1;
  for (let i = at; i < fragment.length; i += 7) {
    const c = fragment[i] === 'A' ? 'B' : 'A';
    const got = await decodeSpec(fragment.slice(0, i) + c + fragment.slice(i + 1));
    expect(got, `changed at ${i}`).toHaveProperty('problem');
  }
  expect(await decodeSpec(`${fragment.slice(0, at)}<b>not base64</b>`)).toEqual({ problem: expect.stringMatching(damaged) });
});

test('a fragment that is not a spec link, or of another version, says so', async () => {
  expect(await decodeSpec('#section-2')).toEqual({ problem: expect.stringMatching(/does not hold a spec/) });
  expect(await decodeSpec('#spec=9.abc.def')).toEqual({ problem: expect.stringMatching(/format/) });
});

test('a link that inflates past the limit is refused without reading it all', async () => {
  const huge = 'x'.repeat(MAX_SPEC_CHARS * 4);
  const fragment = await encodeSpec(huge);
  expect(fragment.length).toBeLessThan(4000);
  expect(await decodeSpec(fragment)).toEqual({ problem: expect.stringMatching(/more than/) });
});
