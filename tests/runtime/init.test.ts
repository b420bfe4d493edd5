import { describe, expect, it } from 'vitest';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { initialState } from '../../compiler/runtime/init.ts';
import { Model } from '../../compiler/runtime/model.ts';
import { netOf as net } from './helpers.ts';

const MIXED = net('net M < input 1x6x6; conv 1->4 3 pad=1; batchnorm; relu; maxpool 2; flatten; linear 36->8; batchnorm; tanh >');
const SEQ = net('net S < input 5x2; lstm 2->6; last; linear 6->3 >');

describe('initialState', () => {
  it('follows PyTorch default bounds: linear and conv 1/sqrt(fan_in), lstm 1/sqrt(H), batchnorm 1 and 0', () => {
    const s = initialState(MIXED, 0);
    const maxAbs = (name: string) => Math.max(...Array.from(s[name].data, Math.abs));
    expect(maxAbs('layers.0.weight')).toBeLessThanOrEqual(1 / 3); // fan_in 1*3*3
    expect(maxAbs('layers.0.weight')).toBeGreaterThan(0.2);
    expect(maxAbs('layers.5.weight')).toBeLessThanOrEqual(1 / 6); // fan_in 36
    expect(Array.from(s['layers.1.weight'].data)).toEqual([1, 1, 1, 1]);
    expect(Array.from(s['layers.1.bias'].data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(s['layers.1.running_var'].data)).toEqual([1, 1, 1, 1]);
    expect(s['layers.1.num_batches_tracked']).toMatchObject({ shape: [], dtype: 'int64' });
    const q = initialState(SEQ, 0);
    expect(Math.max(...Array.from(q['layers.0.weight_hh_l0'].data, Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(6));
    expect(q['layers.0.weight_ih_l0'].shape).toEqual([24, 2]);
  });

  it('is the same for the same seed and differs for another', () => {
    const a = initialState(MIXED, 5);
    expect(initialState(MIXED, 5)).toEqual(a);
    expect(initialState(MIXED, 6)['layers.0.weight'].data).not.toEqual(a['layers.0.weight'].data);
  });

  it("keeps a layer's weights when another layer changes", () => {
    const a = initialState(net('net A < linear 4->8; relu; linear 8->3 >'), 1);
    const b = initialState(net('net A < linear 4->8; relu; linear 8->5 >'), 1);
    expect(b['layers.0.weight']).toEqual(a['layers.0.weight']);
  });

  it('gives bit-identical weights on cpu and wasm', async () => {
    await initBackend('cpu');
    const onCpu = new Model(MIXED, { seed: 3 });
    const cpuState = onCpu.stateDict();
    onCpu.dispose();
    await initBackend('wasm');
    const onWasm = new Model(MIXED, { seed: 3 });
    expect(onWasm.stateDict()).toEqual(cpuState);
    onWasm.dispose();
  });
});
