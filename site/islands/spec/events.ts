/**
 * Events a live spec dispatches on its island (`[data-spec-island]`, bubbling), so other
 * parts of the page (an exercise checking the learner's spec) can follow it without
 * reaching into the editor. Types only and two names: cheap to import anywhere.
 */
import type { EpochReport } from 'dlc/runtime';

/** After every check of the editor's text, including the first when the editor opens. */
export const SPEC_CHECKED = 'dl-spec-checked';
export interface SpecCheckedDetail {
  source: string;
  errors: number;
  warnings: number;
}

/** When a training run ends (finished, stopped or diverged). */
export const SPEC_TRAINED = 'dl-spec-trained';
export interface SpecTrainedDetail {
  /** The text that was trained (the reader may have edited since). */
  source: string;
  stopped: 'done' | 'aborted' | 'diverged';
  final: EpochReport | null;
}
