// Rater wellbeing: content graders score as likely graphic starts blurred.

/** Outputs whose `scores.graphic` is at or above this start blurred behind a content warning. */
export const GRAPHIC_THRESHOLD = 0.7;

export function graphicScore(scores: Record<string, number> | undefined): number | null {
  const v = scores?.graphic;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function isLikelyGraphic(scores: Record<string, number> | undefined): boolean {
  const g = graphicScore(scores);
  return g !== null && g >= GRAPHIC_THRESHOLD;
}
