import type { AgreementView } from '../../shared/api/types';
import { compileRatings, krippendorffAlpha, multiLabelAgreement } from '../../shared/stats';
import { prepared } from '../store/prepared';
import { readSetting } from '../workspace/settings';
import type { Workspace } from '../workspace/workspace';
import { collectLabelSets, fieldValue } from './labelSets';
import { agreementReport, type ReportOptions } from './report';

export const DEFAULT_AGREEMENT_THRESHOLD = 0.667; // Krippendorff (2004, sec. 11.4): the lowest alpha for tentative conclusions

export function agreementThreshold(ws: Workspace): number {
  const v = readSetting(ws, 'agreementThreshold');
  return v === undefined ? DEFAULT_AGREEMENT_THRESHOLD : Number(v);
}

/** Cumulative alpha per field at the end of each day labels were made: does agreement settle? */
function agreementOverTime(ws: Workspace, opts: { version?: string; batch?: string }): AgreementView['overTime'] {
  const sets = collectLabelSets(ws, opts);
  const days = [...new Set(sets.labels.map((l) => l.createdAt.slice(0, 10)))].sort();
  return days.map((day) => {
    const labels = sets.labels.filter((l) => l.createdAt.slice(0, 10) <= day);
    const alpha: Record<string, number | null> = {};
    for (const f of sets.fields) {
      if (f.type === 'multi_select') {
        const sr = labels.filter((l) => Array.isArray(l.values[f.key])).map((l) => ({ item: l.sampleId, rater: l.raterId, value: (l.values[f.key] as unknown[]).map(String) }));
        alpha[f.key] = multiLabelAgreement(sr).jaccardAlpha.value;
      } else {
        const ratings = labels.flatMap((l) => {
          const v = fieldValue(l.values, f);
          return v === undefined ? [] : [{ item: l.sampleId, rater: l.raterId, value: v }];
        });
        alpha[f.key] = krippendorffAlpha(compileRatings(ratings, { level: f.level }), f.level).value;
      }
    }
    return { day, labels: labels.length, alpha };
  });
}


/** What the dashboard and the HTML report show: the report, the owner's threshold, agreement over time. */
export function agreementView(ws: Workspace, opts: ReportOptions = {}): AgreementView {
  return { threshold: agreementThreshold(ws), report: agreementReport(ws, opts), overTime: agreementOverTime(ws, { version: opts.version, batch: opts.batch }) };
}
