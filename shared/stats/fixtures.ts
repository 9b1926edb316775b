// Published reliability data sets the tests check against (and the bench and docs may reuse).

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4-observer, 12-unit example
 * with missing values (units x observers A-D, null = missing). Published: nominal α = 0.743,
 * ordinal 0.815, interval 0.849, ratio 0.797. The same data are irrCAC's `cac.raw4raters`.
 */
export const krippendorff2011: (number | null)[][] = (() => {
  const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
  const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
  const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
  const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
  return A.map((_, u) => [A[u], B[u], C[u], D[u]]);
})();

/**
 * Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa", worked example): 10 subjects, 14 raters,
 * 5 categories; each row counts the raters who chose each category. Published κ = 0.210.
 */
export const fleiss1971Wikipedia: number[][] = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

/**
 * irrCAC's `distrib.6raters` (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.): 15 patients,
 * 6 psychiatrists, 5 diagnoses. Published in the irrCAC README: Fleiss κ = 0.4139265,
 * Gwet AC1 = 0.4448007, Krippendorff α = 0.4204384, Brennan-Prediger = 0.4388889.
 */
export const distrib6raters: number[][] = [
  [0, 0, 0, 6, 0],
  [0, 3, 0, 0, 3],
  [0, 1, 4, 0, 1],
  [0, 0, 0, 0, 6],
  [0, 3, 0, 3, 0],
  [2, 0, 4, 0, 0],
  [0, 0, 4, 0, 2],
  [2, 0, 3, 1, 0],
  [2, 0, 0, 4, 0],
  [0, 0, 0, 0, 6],
  [1, 0, 0, 5, 0],
  [1, 1, 0, 4, 0],
  [0, 3, 3, 0, 0],
  [1, 0, 0, 5, 0],
  [0, 2, 0, 3, 1],
];

/**
 * irrCAC's `cont3x3abstractors` (Gwet 2014): two abstractors classifying 100 pregnancies as
 * Ectopic / AIU / NIU; rows rater 1, columns rater 2. Published in the irrCAC README and weighting
 * vignette: Cohen κ = 0.7964094, Scott π = 0.7962397, Gwet AC1 = 0.8493305, Brennan-Prediger =
 * 0.835, Krippendorff α = 0.7972585, percent agreement 0.89; quadratic weights: Cohen κ_w =
 * 0.8921569, Gwet AC2 = 0.9402369.
 */
export const cont3x3abstractors: number[][] = [
  [13, 0, 0],
  [0, 20, 7],
  [0, 4, 56],
];

/**
 * Radiologists A and B rating 85 xeromammograms as normal / benign / suspected cancer / cancer
 * (Boyd et al. 1982, as tabulated in Altman 1991, Practical Statistics for Medical Research,
 * Table 14.3, and used by the Stata manual's `kap` example). Unweighted κ = 0.4728 (p_e = 0.3082).
 */
export const xeromammograms: number[][] = [
  [21, 12, 0, 0],
  [4, 17, 1, 0],
  [3, 9, 15, 2],
  [0, 0, 0, 1],
];

/** Expands a rows-are-rater-1, columns-are-rater-2 contingency table into two raters' ratings (values 1..k). */
export function ratingsFromTable(table: number[][], raters: [string, string] = ['r1', 'r2']) {
  const out: { item: string; rater: string; value: number }[] = [];
  let item = 0;
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let t = 0; t < count; t++) {
        const id = `u${++item}`;
        out.push({ item: id, rater: raters[0], value: i + 1 }, { item: id, rater: raters[1], value: j + 1 });
      }
    }),
  );
  return out;
}

/** Expands a subjects x categories count table (Fleiss layout) into ratings by raters "1".."m" (values 1..k). */
export function ratingsFromCounts(counts: number[][]) {
  const out: { item: string; rater: string; value: number }[] = [];
  counts.forEach((row, i) => {
    let r = 0;
    row.forEach((count, j) => {
      for (let t = 0; t < count; t++) out.push({ item: `s${i + 1}`, rater: String(++r), value: j + 1 });
    });
  });
  return out;
}
