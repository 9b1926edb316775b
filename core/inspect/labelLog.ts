// Labels back into Inspect: a copy of a log with a score per labelled sample (every other member
// and every other field as it was), or the score records Inspect's precomputed_scores scorer reads
// (inspect_ai/scorer/_precomputed.py) for `inspect score LOG --scorer ...`.
import { readFileSync } from 'node:fs';
import { inspectProvenance, inspectSampleKey } from '../../shared/samples/inspect';
import { parseLooseJson } from '../../shared/samples/looseJson';
import { InputError } from '../errors';
import type { ConcordColumn, LabeledRow } from '../export/exportLabels';
import { writeFileAtomic } from '../export/writeAtomic';
import { applyEdits, arrayElements, memberValue, setMemberEdit, setScoreEdit, type Edit } from './jsonSplice';
import { HEADER_JSON, openInspectLog, sampleMembers } from './readLog';
import { openZip } from './zipRead';
import { ZipWriter } from './zipWrite';

export const DEFAULT_SCORE_NAME = 'concord';

/** Inspect's score Value allows scalars, lists of scalars, or a mapping of names to scalars (inspect_ai/scorer/_metric.py). */
type Scalar = string | number | boolean | null;

/** The final label as an Inspect score value: a mapping of field to scalar, a multi-select's list joined by commas. */
export function scoreValue(values: Record<string, unknown>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined) out[k] = null;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String).join(',');
    else out[k] = JSON.stringify(v);
  }
  return out;
}

/** Why the label is what it is: the adjudicator's reason when there is one, else how the label was reached. */
export function scoreExplanation(c: ConcordColumn): string {
  if (c.adjudication?.reason) return c.adjudication.reason;
  if (c.source === 'adjudicated') return 'adjudicated';
  if (c.source === 'single-rater') return 'one rater';
  return `aggregated from ${c.raters} raters (${c.aggregatedBy ?? c.method})`;
}

export interface InspectScore {
  value: Record<string, Scalar>;
  explanation: string;
  /** The `concord` provenance (source, confidence, method, guideline, raters, agreement, ...), values in full. */
  metadata: ConcordColumn;
}

/** A row with a final label (not unresolved): only these become scores. */
type ScoredRow = LabeledRow & { concord: ConcordColumn & { values: Record<string, unknown> } };
const hasFinalLabel = (r: LabeledRow): r is ScoredRow => r.concord.values !== null;

export const inspectScore = (row: ScoredRow): InspectScore => ({ value: scoreValue(row.concord.values), explanation: scoreExplanation(row.concord), metadata: row.concord });

/** Labelled rows that came from Inspect logs, with their Inspect provenance. */
function inspectRows(rows: LabeledRow[]) {
  return rows.flatMap((r) => {
    const p = inspectProvenance(r.raw);
    return p ? [{ row: r, p }] : [];
  });
}

interface LogEdit {
  /** Samples of this log given the score. */
  labelled: number;
  samples: number;
}

/**
 * Writes `out`: the log `log` with a score `scoreName` on every sample with a final label in the
 * workspace, the header's scorer lists and the sample summaries naming it. Unlabelled samples, and
 * unresolved ones (their raters' labels give no label the guideline allows: no final label to give),
 * and every other member are copied as they were stored (a name written twice in the zip is written
 * once: its last entry).
 */
export async function writeLabeledLog(rows: LabeledRow[], opts: { log: string; out: string; scoreName?: string }): Promise<LogEdit> {
  const name = opts.scoreName ?? DEFAULT_SCORE_NAME;
  const log = await openInspectLog(opts.log);
  const ev = log.eval;
  log.close();
  // A row's workspace id is the key of its log, run and sample (shared/samples/inspect.ts).
  const byKey = new Map(inspectRows(rows).map(({ row }) => [row.sample.id, row]));
  let unresolved = 0;
  const scoreFor = (sample: unknown): string | undefined => {
    const s = sample as { id?: unknown; epoch?: unknown } | null;
    if (!s || (typeof s.id !== 'string' && typeof s.id !== 'number') || typeof s.epoch !== 'number') return undefined;
    const row = byKey.get(inspectSampleKey(ev, s.id, s.epoch));
    if (row && !hasFinalLabel(row)) unresolved++;
    return row && hasFinalLabel(row) ? JSON.stringify(inspectScore(row)) : undefined;
  };
  const result = log.kind === 'eval' ? await rewriteEval(opts, name, scoreFor) : rewriteJson(opts, name, scoreFor);
  if (result.labelled === 0) {
    if (unresolved) throw new InputError(`${opts.log}: its labelled samples are all unresolved (no final label yet: adjudicate them first)`);
    throw new InputError(`${opts.log}: none of its ${result.samples} samples is labelled in this workspace (were they imported from this log?)`);
  }
  return result;
}

type ScoreFor = (sample: unknown) => string | undefined;

/** The header's edits: the score named in results.scores and eval.scorers (replacing an earlier one of that name). */
function headerEdits(text: string, at: number, name: string, scored: number, total: number): Edit[] {
  const edits: Edit[] = [];
  const results = memberValue(text, at, 'results');
  if (results && text[results.start] === '{') {
    const entry = JSON.stringify({ name, scorer: name, scored_samples: scored, unscored_samples: total - scored, params: {}, metrics: {} });
    const list = memberValue(text, results.start, 'scores');
    if (list && text[list.start] === '[') edits.push(replaceOrAppend(text, list.start, name, entry));
    else edits.push(setMemberEdit(text, results.start, 'scores', `[${entry}]`));
  }
  const spec = memberValue(text, at, 'eval');
  const scorers = spec && text[spec.start] === '{' ? memberValue(text, spec.start, 'scorers') : undefined;
  if (scorers && text[scorers.start] === '[') edits.push(replaceOrAppend(text, scorers.start, name, JSON.stringify({ name, options: {}, metrics: [], metadata: {} })));
  return edits;
}

/** Replaces the element of the array at `start` whose "name" is `name`, or appends `json`. */
function replaceOrAppend(text: string, start: number, name: string, json: string): Edit {
  const { elements, close } = arrayElements(text, start);
  for (const e of elements) {
    if (text[e.start] !== '{') continue;
    const n = memberValue(text, e.start, 'name');
    if (n && text.slice(n.start, n.end) === JSON.stringify(name)) return { start: e.start, end: e.end, text: json };
  }
  return { start: close, end: close, text: `${elements.length ? ',' : ''}${json}` };
}

/** Score edits for each element of a list of samples (or sample summaries) in `text`. */
function sampleListEdits(text: string, start: number, name: string, scoreFor: ScoreFor): { edits: Edit[]; labelled: number; total: number } {
  const { elements } = arrayElements(text, start);
  const edits: Edit[] = [];
  for (const e of elements) {
    if (text[e.start] !== '{') continue;
    const score = scoreFor(parseLooseJson(text.slice(e.start, e.end)));
    if (score) edits.push(setScoreEdit(text, e.start, name, score));
  }
  return { edits, labelled: edits.length, total: elements.length };
}

function rewriteJson(opts: { log: string; out: string }, name: string, scoreFor: ScoreFor): LogEdit {
  const text = readFileSync(opts.log, 'utf8');
  const top = text.indexOf('{');
  const samples = memberValue(text, top, 'samples');
  const list = samples && text[samples.start] === '[' ? sampleListEdits(text, samples.start, name, scoreFor) : { edits: [], labelled: 0, total: 0 };
  if (list.labelled === 0) return { labelled: 0, samples: list.total };
  const edited = applyEdits(text, [...list.edits, ...headerEdits(text, top, name, list.labelled, list.total)]);
  writeFileAtomic(opts.out, (put) => put(edited));
  return { labelled: list.labelled, samples: list.total };
}

async function rewriteEval(opts: { log: string; out: string }, name: string, scoreFor: ScoreFor): Promise<LogEdit> {
  const zip = await openZip(opts.log);
  const writer = new ZipWriter(opts.out);
  try {
    const samples = new Set(sampleMembers(zip).map((m) => m.name));
    const edited = new Map<string, Buffer>();
    let labelled = 0;
    for (const m of zip.members) {
      if (!samples.has(m.name)) continue;
      const text = (await zip.read(m)).toString('utf8');
      const at = text.indexOf('{');
      const score = scoreFor(parseLooseJson(text));
      if (!score) continue;
      edited.set(m.name, Buffer.from(applyEdits(text, [setScoreEdit(text, at, name, score)]), 'utf8'));
      labelled++;
    }
    const total = samples.size;
    if (labelled > 0) {
      const header = zip.get(HEADER_JSON);
      if (header) {
        const text = (await zip.read(header)).toString('utf8');
        edited.set(HEADER_JSON, Buffer.from(applyEdits(text, headerEdits(text, text.indexOf('{'), name, labelled, total)), 'utf8'));
      }
      // Sample summaries carry each sample's scores (what `inspect view` lists): the consolidated
      // summaries.json once the eval is done, else the journal's.
      const summaries = zip.get('summaries.json') ? ['summaries.json'] : zip.members.map((m) => m.name).filter((n) => n.startsWith('_journal/summaries/'));
      for (const n of summaries) {
        const text = (await zip.read(zip.get(n)!)).toString('utf8');
        const at = text.indexOf('[');
        if (at < 0) continue;
        const list = sampleListEdits(text, at, name, scoreFor);
        if (list.labelled) edited.set(n, Buffer.from(applyEdits(text, list.edits), 'utf8'));
      }
      for (const m of zip.members) {
        const content = edited.get(m.name);
        if (content) writer.addDeflated(m.name, content, m);
        else writer.addRaw(m.name, await zip.raw(m), m);
      }
      writer.finish();
    } else writer.abort();
    return { labelled, samples: total };
  } catch (e) {
    writer.abort();
    throw e;
  } finally {
    zip.close();
  }
}

/**
 * Writes one score record per Inspect sample with a final label, `{"id", "epoch", "value",
 * "explanation", "metadata"}` as JSON lines, in import order (an unresolved sample has no label to
 * give, so no record). With `log`, only that log's samples; without, the labelled samples must all
 * come from one eval (precomputed_scores matches on id and epoch alone).
 */
export async function writeInspectScores(rows: LabeledRow[], opts: { out: string; log?: string }): Promise<{ rows: number }> {
  const fromInspect = inspectRows(rows);
  if (fromInspect.length === 0) throw new InputError('no labelled sample came from an Inspect log');
  let picked = fromInspect.flatMap(({ row, p }) => (hasFinalLabel(row) ? [{ row, p }] : []));
  if (picked.length === 0) throw new InputError(`the ${fromInspect.length} labelled sample(s) from Inspect logs are all unresolved (no final label yet: adjudicate them first)`);
  if (opts.log) {
    const log = await openInspectLog(opts.log);
    log.close();
    const key = (p: { run_id: string; task_id: string; eval_id: string | null }) => p.eval_id ?? `${p.run_id}.${p.task_id}`;
    const want = log.eval.evalId ?? `${log.eval.runId}.${log.eval.taskId}`;
    picked = picked.filter(({ p }) => key(p) === want);
    if (picked.length === 0) throw new InputError(`${opts.log}: none of its samples is labelled in this workspace`);
  } else {
    const evals = new Set(picked.map(({ p }) => p.eval_id ?? `${p.run_id}.${p.task_id}`));
    if (evals.size > 1) throw new InputError(`the labelled samples come from ${evals.size} Inspect evals; pass --log LOG to write the scores of one`);
  }
  writeFileAtomic(opts.out, (put) => {
    for (const { row, p } of picked) put(JSON.stringify({ id: p.id, epoch: p.epoch, ...inspectScore(row) }) + '\n');
  });
  return { rows: picked.length };
}
