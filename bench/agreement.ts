// npm run bench:agreement -- [--items N] [--boot-items N] [--resamples N] [--no-nltk] [--nltk-full]
// Generates seeded ratings (default 222,222 items x 5 raters, 10 categories, 10% missing: about
// 1,000,000 ratings), times Krippendorff's alpha on them (compile + compute, single-threaded), then
// 1,000 bootstrap resamples of alpha over 100,000 items. If NLTK is installed (Debian: apt-get
// install -y python3-nltk), also times nltk.metrics.agreement.AnnotationTask(...).alpha() on a
// 2,000-item subset, extrapolates linearly to the full data, and checks its value against ours
// (--nltk-full also times NLTK on the full data, to check the extrapolation).
// Generated files live in .bench/ (gitignored).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bootstrapAlpha } from '../shared/stats/bootstrap';
import { krippendorffAlpha } from '../shared/stats/krippendorff';
import { compileRatings } from '../shared/stats/matrix';
import { mulberry32 } from '../shared/stats/random';
import type { Level, Rating } from '../shared/stats/types';

const root = fileURLToPath(new URL('../', import.meta.url));
const benchDir = path.join(root, '.bench', 'agreement');
const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '222222' },
    'boot-items': { type: 'string', default: '100000' },
    resamples: { type: 'string', default: '1000' },
    'no-nltk': { type: 'boolean', default: false },
    'nltk-full': { type: 'boolean', default: false },
  },
});
const ITEMS = Number(values.items);
const BOOT_ITEMS = Number(values['boot-items']);
const RESAMPLES = Number(values.resamples);
const RATERS = 5;
const CATEGORIES = 10;
const MISSING = 0.1;

/** Each item has a true category; each rater gives it with probability 0.7, else a uniform category; 10% of slots missing. */
function generate(items: number, seed: number): Rating[] {
  const rand = mulberry32(seed);
  const out: Rating[] = [];
  for (let i = 0; i < items; i++) {
    const truth = Math.floor(rand() * CATEGORIES);
    for (let r = 0; r < RATERS; r++) {
      if (rand() < MISSING) continue;
      const value = rand() < 0.7 ? truth : Math.floor(rand() * CATEGORIES);
      out.push({ item: `item-${i}`, rater: `rater-${r}`, value });
    }
  }
  return out;
}

const ms = (t: number) => `${t.toFixed(0)} ms`;
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
};

console.log(`Generating ${ITEMS.toLocaleString('en')} items x ${RATERS} raters, ${CATEGORIES} categories, ${MISSING * 100}% missing (seed 42)...`);
const ratings = generate(ITEMS, 42);
console.log(`  ${ratings.length.toLocaleString('en')} ratings\n`);

// 1. Alpha over all ratings: compile once (cold, as the CLI does), then compute.
console.log("Krippendorff's alpha, single-threaded:");
const [matrix, compileMs] = time(() => compileRatings(ratings));
const [alpha, alphaMs] = time(() => krippendorffAlpha(matrix, 'nominal'));
console.log(`  compile ${ratings.length.toLocaleString('en')} ratings: ${ms(compileMs)}`);
console.log(`  nominal alpha = ${alpha.value!.toFixed(6)}: ${ms(alphaMs)} (includes building item profiles)`);
console.log(`  compile + alpha: ${ms(compileMs + alphaMs)} (goal < 1000 ms)`);
for (const level of ['ordinal', 'interval', 'ratio'] as Level[]) {
  const [a, t] = time(() => krippendorffAlpha(matrix, level));
  console.log(`  ${level} alpha = ${a.value!.toFixed(6)}: ${ms(t)}`);
}
const warm: number[] = [];
for (let k = 0; k < 3; k++) warm.push(time(() => krippendorffAlpha(compileRatings(ratings), 'nominal'))[1]);
console.log(`  compile + alpha, warm runs: ${warm.map(ms).join(', ')}\n`);

// 2. Bootstrap over 100,000 items.
const bootRatings = generate(BOOT_ITEMS, 7);
const bootMatrix = compileRatings(bootRatings);
console.log(`Bootstrap, ${RESAMPLES} resamples over ${BOOT_ITEMS.toLocaleString('en')} items (${bootRatings.length.toLocaleString('en')} ratings):`);
for (const level of ['nominal', 'ordinal'] as Level[]) {
  const [ci, t] = time(() => bootstrapAlpha(bootMatrix, level, { resamples: RESAMPLES, seed: 1 }));
  const point = krippendorffAlpha(bootMatrix, level).value!;
  console.log(`  ${level}: alpha ${point.toFixed(4)}, 95% CI [${ci.interval![0].toFixed(4)}, ${ci.interval![1].toFixed(4)}]: ${ms(t)} (goal < 5000 ms)`);
}
console.log('');

// 3. NLTK on a 2,000-item subset of the same data.
if (!values['no-nltk']) runNltk();

function findPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import nltk'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

function runNltk(): void {
  const SUBSET = 2000;
  const python = findPython();
  if (!python) {
    console.log('NLTK: not installed (apt-get install -y python3-nltk), skipped.');
    return;
  }
  mkdirSync(benchDir, { recursive: true });
  const ids = new Set(Array.from({ length: SUBSET }, (_, i) => `item-${i}`));
  const subset = ratings.filter((r) => ids.has(r.item));
  const dataFile = path.join(benchDir, 'nltk-subset.tsv');
  writeFileSync(dataFile, subset.map((r) => `${r.rater}\t${r.item}\t${r.value}\n`).join(''));
  const script = [
    'import sys, time',
    'from nltk.metrics.agreement import AnnotationTask',
    'triples = [tuple(l.rstrip("\\n").split("\\t")) for l in open(sys.argv[1])]',
    't0 = time.perf_counter()',
    'task = AnnotationTask(data=triples)',
    't1 = time.perf_counter()',
    'a = task.alpha()',
    't2 = time.perf_counter()',
    'print(repr(a), t1 - t0, t2 - t1)',
  ].join('\n');
  const runPython = (file: string): number[] | null => {
    const r = spawnSync(python, ['-c', script, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status === 0) return r.stdout.trim().split(/\s+/).map(Number);
    console.log(`NLTK: failed: ${r.stderr.trim().split('\n').pop()}`);
    return null;
  };
  const res = runPython(dataFile);
  if (!res) return;
  const [nltkAlpha, buildS, alphaS] = res;
  const ours = krippendorffAlpha(compileRatings(subset), 'nominal').value!;
  const totalMs = (buildS + alphaS) * 1000;
  const factor = ITEMS / SUBSET;
  const [, oursMs] = time(() => krippendorffAlpha(compileRatings(subset), 'nominal'));
  console.log(`NLTK ${python === 'python3' ? '' : `(${python}) `}AnnotationTask on ${SUBSET.toLocaleString('en')} items (${subset.length.toLocaleString('en')} ratings):`);
  console.log(`  AnnotationTask(data) ${ms(buildS * 1000)} + .alpha() ${ms(alphaS * 1000)} = ${ms(totalMs)}; ours on the same subset: ${oursMs.toFixed(1)} ms`);
  console.log(`  extrapolated linearly to ${ITEMS.toLocaleString('en')} items: ~${(totalMs * factor / 1000).toFixed(1)} s (ours: ${ms(compileMs + alphaMs)})`);
  const match = Math.abs(nltkAlpha - ours) < 1e-9;
  console.log(`  NLTK alpha ${nltkAlpha.toFixed(9)} vs ours ${ours.toFixed(9)}: ${match ? 'match' : 'DIFFERENT'} (|diff| = ${Math.abs(nltkAlpha - ours).toExponential(2)})`);
  if (values['nltk-full']) {
    const fullFile = path.join(benchDir, 'nltk-full.tsv');
    writeFileSync(fullFile, ratings.map((x) => `${x.rater}\t${x.item}\t${x.value}\n`).join(''));
    const full = runPython(fullFile);
    if (!full) return;
    const fullMatch = Math.abs(full[0] - alpha.value!) < 1e-9;
    console.log(`  measured on all ${ITEMS.toLocaleString('en')} items: ${ms(full[1] * 1000)} + ${ms(full[2] * 1000)} = ${ms((full[1] + full[2]) * 1000)}; alpha ${full[0].toFixed(9)} (${fullMatch ? 'matches ours' : 'DIFFERENT from ours'})`);
  }
}
