/**
 * `dlc/emit`: what leaves dlc for other tools. The PyTorch equivalent of a net (its
 * `nn.Module`, or a whole runnable training program), and safetensors weights (PyTorch
 * `state_dict` names, read and written as bytes, so Node writes files and a browser offers
 * downloads), with the metadata dlc stores beside the weights.
 *
 * @example
 *   import { compile } from 'dlc';
 *   import { toPyTorch, encodeSafetensors, decodeSafetensors } from 'dlc/emit';
 *   const { graph } = compile(source);
 *   const program = toPyTorch(graph!, { mode: 'program', source: 'iris.dl' }); // Python text
 *   const bytes = encodeSafetensors(result.state);   // Uint8Array; result from dlc/runtime's train()
 *   const { tensors, metadata } = decodeSafetensors(bytes);
 */
export { toPyTorch, modelSource, ExportError } from './pytorch.ts';
export type { PyTorchOptions } from './pytorch.ts';
export { encodeSafetensors, decodeSafetensors, SafetensorsError } from './safetensors.ts';
export type { Safetensors } from './safetensors.ts';
export { weightsMetadata, readWeightsMetadata } from './weights-metadata.ts';
export type { WeightsInfo } from './weights-metadata.ts';
