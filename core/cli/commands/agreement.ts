// `concord agreement`: inter-rater agreement of a standalone ratings file, or the full breakdown
// (per field, category, rater, version) of a workspace's labels.
import path from 'node:path';
import { compileRatings } from '../../../shared/stats/matrix';
import { agreementSummary, type AgreementSummary } from '../../../shared/stats/summary';
import { LEVELS, type Coefficient, type Level } from '../../../shared/stats/types';
import { InputError, UsageError } from '../../errors';
import { readRatingsFile } from '../../ratings/readRatingsFile';
import { formatReport } from '../../agreement/format';
import { agreementReport } from '../../agreement/report';
import { agreementThreshold } from '../../agreement/view';
import { fieldStatus } from '../../../shared/agreement/threshold';
import { contract } from '../../../shared/api/contract';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command, type CommandIO } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage =
  concordCommand('agreement (--ratings FILE [--level nominal|ordinal|interval|ratio] | --workspace DIR [--batch ID] [--field KEY] [--guideline VERSION]) [--bootstrap N] [--seed S] [--json]');

const DEFAULT_SEED = 1;
/** The app's dashboard and the HTML report compute 200 resamples: the workspace figures here are the same ones. */
const WORKSPACE_RESAMPLES = 200;
const MAX_RESAMPLES = 1_000_000;

function parseLevel(v: string | undefined): Level | undefined {
  if (v === undefined) return undefined;
  if (!(LEVELS as readonly string[]).includes(v)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}, not "${v}"`);
  return v as Level;
}

function parseInteger(v: string, flag: string, min: number, max: number): number {
  const n = /^[+-]?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, not "${v}"`);
  return n;
}

/**
 * The JSON contract: exactly these keys, in this order. cohen* keys only with exactly two raters;
 * weighted kappas and gwetAC2 only at the ordinal and interval levels, gwetAC1 only at the nominal
 * level (so the ratio level has no Gwet key); ci only with --bootstrap.
 */
function toJson(s: AgreementSummary): Record<string, unknown> {
  const out: Record<string, unknown> = {
    items: s.n.items,
    raters: s.n.raters,
    ratings: s.n.ratings,
    pairableItems: s.n.pairableItems,
    level: s.level,
    percentAgreement: s.percentAgreement.value,
    krippendorffAlpha: s.krippendorffAlpha.value,
  };
  if (s.cohenKappa) out.cohenKappa = s.cohenKappa.value;
  if (s.level === 'ordinal' || s.level === 'interval') {
    if (s.cohenKappaLinear) out.cohenKappaLinear = s.cohenKappaLinear.value;
    if (s.cohenKappaQuadratic) out.cohenKappaQuadratic = s.cohenKappaQuadratic.value;
  }
  out.fleissKappa = s.fleissKappa.value;
  if (s.level === 'nominal') out.gwetAC1 = s.gwetAC1?.value ?? null;
  else if (s.level === 'ordinal' || s.level === 'interval') out.gwetAC2 = s.gwetAC2?.value ?? null;
  if (s.ci) {
    const ci = s.ci.krippendorffAlpha;
    out.ci = { krippendorffAlpha: ci.interval, resamples: ci.resamples, seed: ci.seed };
  }
  return out;
}

const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));

function table(file: string, s: AgreementSummary): string {
  const rows: [string, Coefficient | undefined, string?][] = [
    ['Percent agreement', s.percentAgreement],
    ["Krippendorff's alpha", s.krippendorffAlpha],
  ];
  if (s.cohenKappa) rows.push(["Cohen's kappa", s.cohenKappa]);
  if (s.level === 'ordinal' || s.level === 'interval') {
    if (s.cohenKappaLinear) rows.push(["Cohen's kappa, linear", s.cohenKappaLinear]);
    if (s.cohenKappaQuadratic) rows.push(["Cohen's kappa, quadratic", s.cohenKappaQuadratic]);
  }
  rows.push(["Fleiss' kappa", s.fleissKappa]);
  if (s.level === 'nominal') rows.push(["Gwet's AC1", s.gwetAC1]);
  else if (s.level === 'ordinal' || s.level === 'interval') rows.push([`Gwet's AC2 (${s.level === 'ordinal' ? 'ordinal' : 'quadratic'} weights)`, s.gwetAC2]);

  const header = ['Coefficient', 'Value', 'Items', 'Pairable', 'Ratings', 'Raters', 'Note'];
  const body = rows.map(([name, c]) => {
    let note = c?.reason ?? '';
    if (name === "Krippendorff's alpha" && s.ci) {
      const ci = s.ci.krippendorffAlpha;
      const pct = Math.round(ci.confidence * 100);
      note = ci.interval
        ? `${pct}% CI [${fmt(ci.interval[0])}, ${fmt(ci.interval[1])}] (bootstrap, ${ci.resamples} resamples, seed ${ci.seed})`
        : `no bootstrap interval: ${ci.reason}`;
      if (c?.reason) note = c.reason;
    }
    const n = c?.n;
    return [name, fmt(c?.value ?? null), String(n?.items ?? ''), String(n?.pairableItems ?? ''), String(n?.ratings ?? ''), String(n?.raters ?? ''), note];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(i === cells.length - 1 ? 0 : widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    `Agreement in ${file} (${s.level} level)`,
    `${s.n.items} items (${s.n.pairableItems} with 2 or more ratings), ${s.n.raters} raters, ${s.n.ratings} ratings`,
    '',
    line(header),
    ...body.map(line),
    '',
  ].join('\n');
}

export const agreementCommand: Command = {
  usage,
  run(argv, io: CommandIO, ctx) {
    const { values } = parseFlags(
      argv,
      {
        ratings: { type: 'string' },
        level: { type: 'string' },
        bootstrap: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        workspace: { type: 'string' },
        batch: { type: 'string' },
        field: { type: 'string' },
        guideline: { type: 'string' },
      },
      usage,
    );
    const bootstrap = values.bootstrap === undefined ? undefined : parseInteger(values.bootstrap, 'bootstrap', values.workspace !== undefined ? 0 : 1, MAX_RESAMPLES);
    const seed = values.seed === undefined ? DEFAULT_SEED : parseInteger(values.seed, 'seed', 0, 2 ** 32 - 1);
    if (values.workspace !== undefined) {
      if (values.ratings !== undefined) throw new UsageError(`pass --ratings or --workspace, not both. Usage: ${usage}`);
      if (values.level !== undefined) throw new UsageError(`--level is for --ratings; a workspace's fields have their level in the guideline. Usage: ${usage}`);
      return withActor(values.workspace, ctx, 'agreement', contract.agreement.access, (ws) => {
        const report = agreementReport(ws, { field: values.field, version: values.guideline, batch: values.batch, bootstrap: bootstrap ?? WORKSPACE_RESAMPLES, seed });
        if (values.field && report.fields.length === 0) throw new InputError(`no measurable field "${values.field}" in ${report.guideline.id}@${report.guideline.version}`);
        const threshold = agreementThreshold(ws);
        if (values.json) printJson(io, { ...report, threshold: { value: threshold, status: Object.fromEntries(report.fields.map((f) => [f.key, fieldStatus(f, threshold)])) } });
        else io.out(formatReport(report, threshold));
        return 0;
      });
    }
    if (values.batch !== undefined) throw new UsageError(`--batch is for --workspace. Usage: ${usage}`);
    const file = requireFlag(values.ratings, 'ratings', usage);
    const given = parseLevel(values.level);
    const level = given ?? 'nominal';

    const { ratings } = readRatingsFile(file, { level });
    if (!given && ratings.length && ratings.every((r) => typeof r.value === 'number' || (typeof r.value === 'string' && r.value.trim() !== '' && Number.isFinite(Number(r.value))))) {
      // Numbers measured as nominal: a 0-4 scale's near-misses count as full disagreements.
      io.err(`concord agreement: note: the values are numbers, measured at the nominal level (the default: every difference counts the same). If they are a scale, pass --level ordinal (order only), interval (distances) or ratio.\n`);
    }
    const name = path.basename(file);
    if (ratings.length === 0) throw new InputError(`${name}: no ratings in the file`);
    let matrix;
    try {
      matrix = compileRatings(ratings, { level });
    } catch (e) {
      throw new InputError(`${name}: ${(e as Error).message}`);
    }
    if (matrix.counts.raters < 2) throw new InputError(`${name}: agreement needs ratings from at least 2 raters, found ${matrix.counts.raters}`);

    const summary = agreementSummary(matrix, level, { bootstrap, seed });
    if (values.json) printJson(io, toJson(summary));
    else io.out(table(file, summary));
    return 0;
  },
};
