// Multi-label fields (e.g. harm categories: each rating is a set of labels).
// Per label: agreement on present/absent, a binary nominal field (one coefficient per label).
// Overall: Krippendorff's alpha with the Jaccard distance between label sets, δ(A,B) = 1 - |A∩B|/|A∪B|
// (Krippendorff 2011 allows any distance function; set-valued distances for alpha follow Passonneau
// 2006, "Measuring agreement on set-valued items (MASI)"; we use plain Jaccard rather than MASI,
// because it is a proper metric and has no ad-hoc monotonicity factor). The mean of the per-label
// alphas is reported too.
import { bootstrapAlpha, type BootstrapInterval } from './bootstrap';
import { krippendorffAlpha, krippendorffAlphaWithDistance } from './krippendorff';
import { compileRatings, recodeCategories, type RatingMatrix } from './matrix';
import { percentAgreement } from './percentAgreement';
import { coefficient, notApplicable, type Coefficient } from './types';

export interface SetRating {
  item: string;
  rater: string;
  value: readonly string[];
}

export interface LabelAgreement {
  label: string;
  /** Nominal alpha on present/absent. */
  alpha: Coefficient;
  percentAgreement: Coefficient;
  /** Share of ratings that include the label. */
  prevalence: number;
}

export interface MultiLabelAgreement {
  labels: LabelAgreement[];
  /** Alpha with the Jaccard set distance over whole label sets. */
  jaccardAlpha: Coefficient;
  /** Its bootstrap interval (items resampled, as for every alpha), when asked for. */
  jaccardCi?: BootstrapInterval;
  /** Mean of the per-label alphas that are defined (null if none is). */
  meanLabelAlpha: Coefficient;
}

/** Jaccard distance between two label sets; 0 for two empty sets. */
export function jaccardDistance(a: readonly string[] | ReadonlySet<string>, b: readonly string[] | ReadonlySet<string>): number {
  const sa = a instanceof Set ? a : new Set(a as readonly string[]);
  const sb = b instanceof Set ? b : new Set(b as readonly string[]);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  const union = sa.size + sb.size - inter;
  return union === 0 ? 0 : 1 - inter / union; // Jaccard (1912) similarity |A∩B|/|A∪B|, as a distance
}

/** Compiles set-valued ratings: each distinct set is a category (its value is the JSON of the sorted labels). */
export function compileSetRatings(ratings: readonly SetRating[]): { matrix: RatingMatrix; sets: string[][] } {
  const keyed = ratings.map((r) => {
    if (!Array.isArray(r.value) || r.value.some((x) => typeof x !== 'string')) {
      throw new RangeError(`item ${JSON.stringify(r.item)}, rater ${JSON.stringify(r.rater)}: a multi-label value must be an array of strings`);
    }
    return { item: r.item, rater: r.rater, value: JSON.stringify([...new Set(r.value)].sort()) };
  });
  const matrix = compileRatings(keyed);
  return { matrix, sets: matrix.categories.map((c) => JSON.parse(c as string) as string[]) };
}

/** Agreement on a multi-label field; `labels` adds labels nobody used (they get null with a reason). */
export function multiLabelAgreement(ratings: readonly SetRating[], opts: { labels?: readonly string[]; bootstrap?: number; seed?: number } = {}): MultiLabelAgreement {
  const { matrix, sets } = compileSetRatings(ratings);
  const all = new Set<string>(opts.labels ?? []);
  for (const s of sets) for (const l of s) all.add(l);
  const labels = [...all].sort();
  const setCount = new Float64Array(sets.length);
  for (let j = 0; j < matrix.value.length; j++) setCount[matrix.value[j]]++;

  const perLabel: LabelAgreement[] = labels.map((label) => {
    const map = sets.map((s) => (s.includes(label) ? 1 : 0));
    const binary = recodeCategories(matrix, map, [0, 1]);
    let present = 0;
    map.forEach((v, c) => (present += v * setCount[c]));
    return {
      label,
      alpha: krippendorffAlpha(binary, 'nominal'),
      percentAgreement: percentAgreement(binary),
      prevalence: matrix.counts.ratings ? present / matrix.counts.ratings : 0,
    };
  });
  const setObjects = sets.map((s) => new Set(s));
  const defined = perLabel.map((l) => l.alpha.value).filter((v): v is number => v !== null);
  const jaccard = (a: number, b: number) => jaccardDistance(setObjects[a], setObjects[b]);
  return {
    labels: perLabel,
    jaccardAlpha: krippendorffAlphaWithDistance(matrix, jaccard),
    ...(opts.bootstrap ? { jaccardCi: bootstrapAlpha(matrix, jaccard, { resamples: opts.bootstrap, seed: opts.seed ?? 1 }) } : {}),
    meanLabelAlpha: defined.length
      ? coefficient(defined.reduce((s, v) => s + v, 0) / defined.length, matrix.counts)
      : notApplicable('no label has a defined alpha', matrix.counts),
  };
}
