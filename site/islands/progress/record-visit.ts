// Marks the current lesson as visited for the home page's progress.
import { browserStorage } from '../local-json.ts';
import { recordVisit } from './progress-store.ts';

const lesson = document.querySelector<HTMLElement>('[data-lesson-id]')?.dataset.lessonId;
if (lesson) recordVisit(browserStorage(), lesson);
