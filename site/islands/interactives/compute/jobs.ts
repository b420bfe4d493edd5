/**
 * Every computation an interactive asks of the runtime, by name: the lab worker runs them in
 * the browser, the tests in Node. Each takes plain parameters and returns plain data, and
 * may report progress as it goes.
 */
import type { BackendChoice } from 'dlc/runtime';
import { backward, type GradientParams, type GradientResult } from './gradients.ts';
import { gdVariants, type GdVariantsParams, type GdVariantsProgress, type GdVariantsResult } from './gd-variants.ts';
import { learningRateRun, type LearningRateParams, type LearningRateResult, type LrPoint } from './learning-rate.ts';
import { sgdVsAdam, type SgdVsAdamParams, type SgdVsAdamProgress, type SgdVsAdamResult } from './sgd-vs-adam.ts';
import { noActivation, type NoActivationResult } from './no-activation.ts';
import { growingWidth, type GrowingWidthResult } from './growing-width.ts';
import type { SineProgress, SineSettings } from './sine-fits.ts';
import { rnnVsLstm, type RnnGradientOptions, type RnnGradientsResult } from './rnn-gradients.ts';

export interface JobTypes {
  'gradient-view': { params: GradientParams; progress: never; result: GradientResult };
  'gd-variants': { params: GdVariantsParams; progress: GdVariantsProgress; result: GdVariantsResult };
  'learning-rate': { params: LearningRateParams; progress: LrPoint; result: LearningRateResult };
  'sgd-vs-adam': { params: SgdVsAdamParams; progress: SgdVsAdamProgress; result: SgdVsAdamResult };
  'no-activation': { params: Partial<SineSettings>; progress: SineProgress; result: NoActivationResult };
  'rnn-lstm-gradients': { params: RnnGradientOptions; progress: never; result: RnnGradientsResult };
  'growing-width': { params: Partial<SineSettings> & { widths?: number[] }; progress: SineProgress; result: GrowingWidthResult };
}

export type JobName = keyof JobTypes;

export interface JobContext<P> {
  backend?: BackendChoice;
  signal?: AbortSignal;
  progress?: (p: P) => void;
}

type Job<K extends JobName> = (params: JobTypes[K]['params'], ctx: JobContext<JobTypes[K]['progress']>) => Promise<JobTypes[K]['result']>;

export const JOBS: { [K in JobName]: Job<K> } = {
  'gradient-view': async (p) => backward(p),
  'gd-variants': gdVariants,
  'learning-rate': learningRateRun,
  'sgd-vs-adam': sgdVsAdam,
  'no-activation': noActivation,
  'rnn-lstm-gradients': async (p) => rnnVsLstm(p),
  'growing-width': growingWidth,
};
