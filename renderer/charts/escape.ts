// Strings from the dataset or the guideline (rater ids, category and field titles, reasons) inside
// charts. Axis labels, legends and titles are drawn on the canvas, never parsed as HTML, but bidi
// controls and zero-width characters would still reorder or hide text there: `chartText` shows them
// as visible badges, as the rest of the app does. Tooltips ARE HTML: every dataset string a tooltip
// formatter writes goes through `htmlText`. (ECharts' default tooltip markup escapes series, axis
// and data names itself.)
import { revealInvisibles } from '../content/invisibles';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A dataset string for canvas text: invisible characters made visible. */
export function chartText(value: unknown): string {
  return revealInvisibles(String(value ?? ''));
}

/** A dataset string for tooltip HTML: invisible characters made visible, then HTML-escaped. */
export function htmlText(value: unknown): string {
  return escapeHtml(chartText(value));
}
