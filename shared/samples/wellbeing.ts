// Rater wellbeing: outputs graders score as likely graphic start blurred behind a content warning,
// in every view that shows them (the label screen, the queue and its search results, the
// adjudication screen). The engine attaches the warning to each view's data (contentWarning below),
// so no screen decides on its own what is graphic.

/** Outputs whose `scores.graphic` is at or above this start blurred. */
export const GRAPHIC_THRESHOLD = 0.7;

/** Why an output is blurred: its graphic score, or null when the viewer may not see grader scores. */
export interface ContentWarning {
  graphic: number | null;
}

/**
 * The content warning an output gets, or null when it needs none. `withScore: false` (a rater, when
 * the owner hides grader scores from raters) keeps the score out: the warning itself is all they learn.
 */
export function contentWarning(scores: Record<string, number> | undefined, opts: { withScore?: boolean } = {}): ContentWarning | null {
  const g = scores?.graphic;
  if (!(typeof g === 'number' && Number.isFinite(g) && g >= GRAPHIC_THRESHOLD)) return null;
  return { graphic: opts.withScore === false ? null : g };
}
