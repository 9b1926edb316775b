// The statistics engine: agreement coefficients, breakdowns, aggregation and grader calibration.
// Pure TypeScript (no Node, DOM or I/O). Compile ratings once with compileRatings, then call any of these.
export * from './types';
export { compileRatings, compileTable, denseMatrix, filterRatings, recodeCategories, levelProblem, normalizeValue, compareValues } from './matrix';
export type { RatingMatrix, CompileOptions } from './matrix';
export { profilesOf, type Profiles } from './profiles';
export { mulberry32, randomInt, normalizeSeed } from './random';
export { percentAgreement } from './percentAgreement';
export { krippendorffAlpha, krippendorffAlphaWithDistance, coincidenceMatrix, alphaEvaluator } from './krippendorff';
export type { Distance, AlphaEvaluator, AlphaResult } from './krippendorff';
export { cohenKappa, kappaFromTable, scottPiFromTable, pairTable, type CohenOptions, type TableKappa } from './cohen';
export { fleissKappa, fleissKappaFromCounts } from './fleiss';
export { gwetAC1, gwetAC2, brennanPrediger } from './gwet';
export { agreementWeights, categoryPositions, defaultScheme, type WeightScheme } from './weights';
export { bootstrapAlpha, bootstrapAlphaSamples, quantileSorted, type BootstrapOptions, type BootstrapInterval } from './bootstrap';
export { multiLabelAgreement, compileSetRatings, jaccardDistance, type SetRating, type LabelAgreement, type MultiLabelAgreement } from './multiLabel';
export { pairwiseRaters, perRater, raterVsReference, confusionMatrix } from './breakdowns';
export type { RaterPair, RaterSummary, ReferenceComparison, ConfusionMatrix } from './breakdowns';
export { labelEntries, type LabelSource } from './labels';
export { majorityVote, laplaceConfidence, type MajorityLabel } from './aggregate/majority';
export { dawidSkene, dawidSkeneSupport, DEFAULT_DS_PRIOR, type DawidSkeneOptions, type DawidSkenePrior, type DawidSkeneResult, type DawidSkeneSupport } from './aggregate/dawidSkene';
export { graderCalibration, rocAuc, thresholdCurve, bestF1Threshold, thresholdForRecall, bootstrapCalibration, type GraderPair, type GraderCalibration, type CalibrationBin, type ThresholdPoint, type CalibrationIntervals, type MetricInterval } from './graders';
export { agreementSummary, type AgreementSummary, type SummaryOptions } from './summary';
