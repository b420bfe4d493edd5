// Marks the current lesson as visited for the home page's progress.
import { browserStorage } from '../local-json.ts';
import { migrateSlugs } from './migrate-slugs.ts';
import { recordVisit } from './progress-store.ts';

const lesson = document.querySelector<HTMLElement>('[data-lesson-id]')?.dataset.lessonId;
const storage = browserStorage();
migrateSlugs(storage);
if (lesson) recordVisit(storage, lesson);
