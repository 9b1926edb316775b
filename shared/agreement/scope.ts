// What an agreement report is computed on, in the same words in the CLI, the dashboard and the HTML report.
import type { AgreementReport } from './reportTypes';

export function scopeLine(r: AgreementReport): string {
  const scope = r.scope.batch ? `batch “${r.scope.batch.name}” (its raters’ labels of its items)` : 'every label in the workspace';
  const outside = !r.scope.batch && r.scope.outsideBatches ? ` (${r.scope.outsideBatches} outside any batch)` : '';
  const versions = r.mapped ? ` under ${r.versions.join(' and ')}, compared through the declared mapping` : ` under ${r.guideline.id}@${r.guideline.version}`;
  return `Computed on ${scope}${versions}: ${r.counts.labels} labels${outside} on ${r.counts.items} items, ${r.counts.pairableItems} of them with 2 or more raters (the n of the alphas)`;
}
