// Fills the home page's progress panel from the browser's storage. The outline itself is
// static HTML; this only adds the learner's marks to it.
import { browserStorage } from '../local-json.ts';
import { describeBest } from '../quiz/messages.ts';
import { readBestScore } from '../quiz/quiz-store.ts';
import { migrateSlugs } from './migrate-slugs.ts';
import { readVisited } from './progress-store.ts';
import { describeSolved, readSolved } from '../exercises/solved-store.ts';

const panel = document.querySelector<HTMLElement>('[data-progress]');
if (panel) {
  const storage = browserStorage();
  migrateSlugs(storage);
  const visited = readVisited(storage);
  const items = document.querySelectorAll<HTMLElement>('[data-lesson]');
  const seen = visited.status === 'ok' && visited.value ? new Set(visited.value) : new Set<string>();
  let count = 0;
  for (const item of items) {
    if (!seen.has(item.dataset.lesson!)) continue;
    count++;
    item.querySelector<HTMLElement>('[data-visited-mark]')!.hidden = false;
  }
  const visitedLine = panel.querySelector<HTMLElement>('[data-visited-count]')!;
  visitedLine.textContent =
    visited.status !== 'unavailable'
      ? `Lessons visited: ${count} of ${items.length}.`
      : 'Lessons visited cannot be shown: this browser is not keeping the site\'s data.';
  const meter = panel.querySelector<HTMLProgressElement>('progress');
  if (meter) {
    meter.max = items.length;
    meter.value = count;
  }
  const exercises = panel.querySelector<HTMLElement>('[data-exercise-count]');
  if (exercises) exercises.textContent = describeSolved(readSolved(storage), JSON.parse(exercises.dataset.exerciseKeys ?? '[]') as string[]);
  for (const line of panel.querySelectorAll<HTMLElement>('[data-best-score]')) {
    line.textContent = describeBest(readBestScore(storage));
  }
  panel.hidden = false;
}
