// Rater wellbeing: outputs graders score as likely graphic start blurred behind a content warning.

/** Outputs whose `scores.graphic` is at or above this start blurred. */
export const GRAPHIC_THRESHOLD = 0.7;

export function graphicScore(scores: Record<string, number> | undefined): number | null {
  const v = scores?.graphic;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function isLikelyGraphic(scores: Record<string, number> | undefined): boolean {
  const g = graphicScore(scores);
  return g !== null && g >= GRAPHIC_THRESHOLD;
}

/** The content warning an output gets (its graphic score), or null when it needs none. */
export function contentWarning(scores: Record<string, number> | undefined): { graphic: number } | null {
  const g = graphicScore(scores);
  return g !== null && g >= GRAPHIC_THRESHOLD ? { graphic: g } : null;
}
