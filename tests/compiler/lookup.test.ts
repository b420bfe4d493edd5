// orNone: a page's "none" for a name the spec does not have, through the package entry point,
// without swallowing any other error.
import { describe, expect, it } from 'vitest';
import { chooseNet, compile, findNet, orNone, trainBlock } from '../../compiler/index.ts';

const { graph } = compile('net A < linear 4->3 >\nnet B < linear 4->3 >\ntrain B on iris < epochs 1 >\n');

describe('orNone', () => {
  it('gives what the lookup finds', () => {
    expect(orNone(() => findNet(graph!, 'A'))?.name).toBe('A');
    expect(orNone(() => trainBlock(graph!))?.net).toBe('B');
    expect(orNone(() => chooseNet(graph!, 'A'))?.block).toBeNull();
  });

  it('gives undefined where the lookup would throw its coded error', () => {
    expect(() => findNet(graph!, 'Nope')).toThrow(/DL0842|no net/i);
    expect(orNone(() => findNet(graph!, 'Nope'))).toBeUndefined();
    expect(orNone(() => trainBlock(graph!, 'A'))).toBeUndefined();
    expect(orNone(() => chooseNet({ version: 1, nets: [], trains: [] }))).toBeUndefined();
  });

  it('lets every other error through', () => {
    expect(() => orNone(() => { throw new TypeError('a bug'); })).toThrow(TypeError);
  });
});
