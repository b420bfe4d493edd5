/**
 * Lessons whose slug changed, old -> new. Inserting lesson 10 (generalisation) moved the
 * lessons after it up by one. Old URLs keep working through redirect pages
 * (astro.config.mjs `redirects`, static meta-refresh pages, no script), and the learner's
 * saved progress follows the lessons (site/islands/progress/migrate-slugs.ts).
 * Never remove an entry: someone's bookmark or storage may still hold the old slug.
 */
export const RENAMED_LESSONS: Readonly<Record<string, string>> = {
  '10-convolutional-networks': '11-convolutional-networks',
  '11-recurrent-networks': '12-recurrent-networks',
  '12-why-deep-learning-works': '13-why-deep-learning-works',
  '13-deep-or-classical': '14-deep-or-classical',
  '14-resources': '15-resources',
  '15-key-takeaways': '16-key-takeaways',
};

/** Astro's `redirects` config: every old lesson path to its new one. */
export function lessonRedirects(): Record<string, string> {
  return Object.fromEntries(Object.entries(RENAMED_LESSONS).map(([from, to]) => [`/lessons/${from}`, `/lessons/${to}/`]));
}
