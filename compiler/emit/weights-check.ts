/**
 * Whether decoded weights can run a net: every state_dict name and shape the net needs,
 * nothing else, each of the right dtype family, and metadata that fits (standardisation of
 * the input's width, as many class names as the net predicts). The exported program's
 * `load_weights` (py-safetensors.ts) checks the same, in the same order, with the same codes.
 */
import { fillTemplate, R } from '../diagnostics/messages.ts';
import { shown } from '../diagnostics/display.ts';
import type { NetGraph, TrainGraph } from '../graph/types.ts';
import type { Safetensors } from './safetensors.ts';
import { SafetensorsError } from './safetensors.ts';
import { readWeightsMetadata, type WeightsInfo } from './weights-metadata.ts';

/** How many class names a loss's output means, or null for a regression. */
export function predictedClasses(loss: TrainGraph['loss'] | null, outputSize: number): number | null {
  if (loss === 'cross_entropy') return outputSize;
  if (loss === 'bce' || loss === 'bce_logits') return 2;
  return null;
}

export function checkWeights(net: NetGraph, loss: TrainGraph['loss'] | null, weights: Safetensors, file: string): WeightsInfo {
  const tensors = weights.tensors;
  const specs = net.nodes.flatMap((n) => n.params);
  const known = new Set(specs.map((p) => p.name));
  const problems: string[] = [];
  const missing = specs.filter((p) => !Object.hasOwn(tensors, p.name)).map((p) => p.name);
  const unexpected = Object.keys(tensors).filter((name) => !known.has(name));
  if (missing.length) problems.push(`missing ${missing.join(', ')}`);
  if (unexpected.length) problems.push(`unexpected ${unexpected.map((n) => shown(n, 60)).join(', ')}`);
  for (const p of specs) {
    const t = Object.hasOwn(tensors, p.name) ? tensors[p.name] : undefined;
    if (t && t.shape.join(',') !== p.shape.join(',')) problems.push(`${p.name} has shape [${t.shape.join(', ')}], the net needs [${p.shape.join(', ')}]`);
  }
  if (problems.length) {
    const trainedFor = weights.metadata['dlc.net'];
    const origin = trainedFor !== undefined && trainedFor !== net.name ? ` (${shown(file, 80)} holds weights of net ${shown(trainedFor, 80)})` : '';
    throw new SafetensorsError(fillTemplate(R.weightsFit.template, { net: `${net.name}${origin}`, problems: shown(problems.join('; '), 300) }), R.weightsFit.code);
  }
  for (const p of specs) {
    const t = tensors[p.name];
    const isInt = t.dtype === 'int64' || t.dtype === 'int32';
    if (isInt !== (p.dtype === 'int64')) {
      throw new SafetensorsError(
        fillTemplate(R.weightsDtypeFit.template, { name: p.name, dtype: isInt ? 'an integer' : 'float', expected: p.dtype === 'int64' ? 'integers' : 'floats' }),
        R.weightsDtypeFit.code,
      );
    }
  }
  const width = net.inputShape.reduce((a, b) => a * b, 1);
  const info = readWeightsMetadata(weights.metadata, width);
  const classes = predictedClasses(loss, net.outputShape.reduce((a, b) => a * b, 1));
  if (info.classes && classes !== null && info.classes.length !== classes) {
    throw new SafetensorsError(fillTemplate(R.weightsClassCount.template, { count: info.classes.length, net: net.name, classes }), R.weightsClassCount.code);
  }
  return info;
}
