// Rater wellbeing: outputs graders score as likely graphic start blurred behind a content warning.

/** Outputs whose `scores.graphic` is at or above this start blurred. */
export const GRAPHIC_THRESHOLD = 0.7;

/** The content warning an output gets (its graphic score), or null when it needs none. */
export function contentWarning(scores: Record<string, number> | undefined): { graphic: number } | null {
  const g = scores?.graphic;
  return typeof g === 'number' && Number.isFinite(g) && g >= GRAPHIC_THRESHOLD ? { graphic: g } : null;
}
