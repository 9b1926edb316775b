import { createHash } from 'node:crypto';
import { aggregateLabels, type AggregatedItem } from '../agreement/aggregate';
import { collectItemLabels, type VersionMapping } from '../agreement/itemLabels';
import { measuredFields } from '../agreement/labelSets';
import { InputError } from '../errors';
import { CURRENT_ADJUDICATION_ID } from '../store/merge/adjudications';
import { prepared } from '../store/prepared';
import type { Sample } from '../../shared/samples/schema';
import { activeGuidelineRef } from '../workspace/guidelines';
import { iterateSamples } from '../workspace/samples';
import type { Workspace } from '../workspace/workspace';
import { csvCell } from './csvCell';
import { writeFileAtomic } from './writeAtomic';

export type ExportMethod = 'adjudicated-then-dawid-skene' | 'adjudicated-then-majority';
export type ExportFormat = 'jsonl' | 'csv' | 'parquet' | 'inspect' | 'inspect-scores';

/** What export adds to each row, under the key `concord`. */
export interface ConcordColumn {
  /** The final label; null when the row is unresolved. */
  values: Record<string, unknown> | null;
  /** unresolved: the raters' labels do not give a label the guideline allows (a tie, a forbidden combination): adjudicate it. */
  source: 'adjudicated' | 'aggregated' | 'single-rater' | 'unresolved';
  confidence: number | null;
  method: string;
  /** Aggregated rows: the method that produced the label (majority when Dawid-Skene could not be used). */
  aggregatedBy?: 'majority' | 'dawid-skene';
  /**
   * The version the final label was made under: the adjudication's, or the raters' labels'. When the
   * raters' labels span versions, `labelVersions` lists them and `mapping` the packs' declared
   * mappings the older labels were carried through.
   */
  guideline: { id: string; version: string; labelVersions: string[]; mapping: VersionMapping[] };
  raters: number;
  /** Share of agreeing rater pairs on the item, averaged over the measured fields (null with < 2 raters). */
  agreement: number | null;
  /** Pseudonymous: stable within this workspace, not reversible to the rater's name. */
  raterIds: string[];
  /** Adjudicated rows: the adjudicator's reason for the final label, and who (pseudonymous). */
  adjudication?: { reason: string; adjudicator: string };
  /** Unresolved rows: why no label could be formed. */
  unresolved?: string;
}

export interface ExportSummary {
  file: string;
  format: ExportFormat;
  method: ExportMethod;
  rows: number;
  bySource: Record<ConcordColumn['source'], number>;
  /** Per guideline version aggregated: the method used, and why Dawid-Skene was not, if it was asked for. */
  aggregation: { version: string; method: 'majority' | 'dawid-skene'; fallback: string | null }[];
}

function pseudonym(workspaceId: string, raterId: string): string {
  return 'r-' + createHash('sha256').update(`${workspaceId}\0${raterId}`).digest('hex').slice(0, 12);
}

function itemAgreement(labels: Record<string, unknown>[], fields: string[]): number | null {
  if (labels.length < 2) return null;
  const key = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].map(String).sort() : v ?? null);
  const shares = fields.map((f) => {
    let agree = 0;
    let pairs = 0;
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        pairs++;
        if (key(labels[i][f]) === key(labels[j][f])) agree++;
      }
    return agree / pairs;
  });
  return shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
}

/** The `concord` keys in the order a reader wants them: the label first, then where it came from. */
const KEY_ORDER = ['values', 'source', 'confidence', 'method', 'aggregatedBy', 'guideline', 'raters', 'agreement', 'raterIds', 'adjudication', 'unresolved'] as const;
const inOrder = (c: ConcordColumn): ConcordColumn => Object.fromEntries(KEY_ORDER.filter((k) => c[k] !== undefined).map((k) => [k, c[k]])) as unknown as ConcordColumn;

/** One labeled sample as export writes it: the imported row untouched and its `concord` object. */
export interface LabeledRow {
  sample: Sample;
  raw: Record<string, unknown>;
  concord: ConcordColumn;
}

/** What every export reports of the labeled rows, whatever the format. */
export type LabeledRowsSummary = Pick<ExportSummary, 'bySource' | 'aggregation'>;

/**
 * One row per labeled sample, in import order: the imported row plus a `concord` object with the
 * final label. Adjudicated labels win (the adjudicator's values and reason); otherwise the aggregated
 * label (several raters), or the only rater's label; or none, when the raters' labels do not give a
 * label the guideline allows (`unresolved`). Each row names the version its label was made under.
 * Every export format (and the graders' human side) is written from these rows.
 */
export function labeledRows(ws: Workspace, method: ExportMethod): LabeledRowsSummary & { rows: LabeledRow[] } {
  const labels = collectItemLabels(ws);
  const agg = aggregateLabels(ws, method === 'adjudicated-then-majority' ? 'majority' : 'dawid-skene', labels);
  const aggregated = new Map<string, AggregatedItem>(agg.items.map((i) => [i.sampleId, i]));
  const byItem = new Map(labels.items.map((i) => [i.sampleId, i]));
  const workspaceId = (prepared(ws.db, `SELECT value FROM meta WHERE key = 'workspace_id'`).pluck().get() as string) ?? '';
  const packId = activeGuidelineRef(ws)!.id;
  // The newest adjudication of each sample by clock is the final one.
  const adjudications = new Map(
    (
      prepared(
        ws.db,
        `SELECT a.sample_id, a.guideline_version, a.value, a.reason, a.adjudicator FROM adjudications a
         WHERE a.guideline_id = ? AND a.id = ${CURRENT_ADJUDICATION_ID}`,
      ).all(packId) as { sample_id: string; guideline_version: string; value: string; reason: string; adjudicator: string }[]
    ).map((r) => [r.sample_id, r]),
  );
  const fieldKeys = new Map<string, string[]>();
  const measured = (version: string) => fieldKeys.get(version) ?? fieldKeys.set(version, measuredFields(labels.packs.get(version)!).map((f) => f.key)).get(version)!;

  const rows: LabeledRow[] = [];
  const bySource = { adjudicated: 0, aggregated: 0, 'single-rater': 0, unresolved: 0 };
  for (const { sample, raw } of iterateSamples(ws)) {
    const item = byItem.get(sample.id);
    const adjudicated = adjudications.get(sample.id);
    if (!item && !adjudicated) continue;
    const own = item?.labels ?? [];
    const labelVersions = item?.labelVersions ?? [];
    const base = {
      method,
      raters: own.length,
      agreement: item ? itemAgreement(own.map((l) => l.values), measured(item.guideline.version)) : null,
      raterIds: own.map((l) => pseudonym(workspaceId, l.raterId)).sort(),
    };
    const guideline = (version: string) => ({ id: packId, version, labelVersions, mapping: item?.mapping ?? [] });
    let concord: ConcordColumn;
    if (adjudicated) {
      concord = {
        ...base,
        values: JSON.parse(adjudicated.value),
        source: 'adjudicated',
        confidence: 1,
        guideline: { ...guideline(adjudicated.guideline_version), mapping: [] },
        adjudication: { reason: adjudicated.reason, adjudicator: pseudonym(workspaceId, adjudicated.adjudicator) },
      };
    } else if (own.length === 1) {
      concord = { ...base, values: own[0].values, source: 'single-rater', confidence: null, guideline: guideline(item!.guideline.version) };
    } else {
      const a = aggregated.get(sample.id)!;
      const by = agg.groups.find((g) => g.guideline.version === a.guideline.version)!.method;
      concord =
        a.status === 'resolved'
          ? { ...base, values: a.values, source: 'aggregated', confidence: a.confidence, aggregatedBy: by, guideline: guideline(a.guideline.version) }
          : { ...base, values: null, source: 'unresolved', confidence: null, aggregatedBy: by, guideline: guideline(a.guideline.version), unresolved: a.unresolved };
    }
    concord = inOrder(concord);
    bySource[concord.source]++;
    const original = JSON.parse(raw) as Record<string, unknown>;
    if (Object.hasOwn(original, 'concord')) throw new InputError(`sample "${sample.id}" already has a "concord" field; export would overwrite it`);
    rows.push({ sample, raw: original, concord });
  }
  return { rows, bySource, aggregation: agg.groups.map((g) => ({ version: g.guideline.version, method: g.method, fallback: g.fallback })) };
}

/**
 * Writes the labeled rows (labeledRows) as JSONL or CSV (the other formats: ./exportAs.ts). Rows carry
 * no timestamps and the file is written to a temporary name and renamed: same workspace, same bytes.
 */
export function exportLabels(ws: Workspace, opts: { out: string; format?: 'jsonl' | 'csv'; method?: ExportMethod }): ExportSummary {
  const format = opts.format ?? 'jsonl';
  const method = opts.method ?? 'adjudicated-then-dawid-skene';
  const { rows, bySource, aggregation } = labeledRows(ws, method);

  writeFileAtomic(opts.out, (put) => {
    if (format === 'jsonl') {
      for (const r of rows) put(JSON.stringify({ ...r.raw, concord: r.concord }) + '\n');
      return;
    }
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r.raw)) if (!seen.has(k)) seen.add(k), columns.push(k);
    const concordColumns = ['values', 'source', 'confidence', 'method', 'aggregatedBy', 'guideline', 'labelVersions', 'mapping', 'raters', 'agreement', 'raterIds', 'adjudication', 'unresolved'] as const;
    put([...columns, ...concordColumns.map((c) => `concord.${c}`)].map(csvCell).join(',') + '\n');
    for (const r of rows) {
      const g = r.concord.guideline;
      const cell = (c: (typeof concordColumns)[number]) => (c === 'guideline' ? `${g.id}@${g.version}` : c === 'labelVersions' || c === 'mapping' ? g[c] : r.concord[c]);
      const cells = [...columns.map((c) => r.raw[c]), ...concordColumns.map(cell)];
      put(cells.map(csvCell).join(',') + '\n');
    }
  });
  return { file: opts.out, format, method, rows: rows.length, bySource, aggregation };
}
