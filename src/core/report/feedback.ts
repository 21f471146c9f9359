import type { ReviewRow } from './queries.js';
import { extractThemes } from './themes.js';
import type { Report } from './types.js';

/** Ratings of the period's reviews, the themes of its 1–2 star ones, and the message categories. */
export function feedbackSection(reviews: ReviewRow[], previousAverage: number | null): Report['feedback'] {
  const distribution: Report['feedback']['distribution'] = [0, 0, 0, 0, 0];
  for (const r of reviews) distribution[r.rating - 1]! += 1;
  const low = reviews
    .filter((r) => r.rating <= 2)
    .map((r) => [r.title, r.body].filter(Boolean).join('. '))
    .filter((t) => t !== '');
  return {
    distribution,
    previous_average: previousAverage,
    themes: extractThemes(low),
    // `shopflow respond` does not exist yet: no customer messages to count.
    message_categories: null,
  };
}
