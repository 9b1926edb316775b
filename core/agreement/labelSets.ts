import { commonTaxonomy, toCommonValues, type CommonTaxonomy } from '../../shared/guidelines/mapping';
import type { Field, GuidelinePack } from '../../shared/guidelines/schema';
import type { Level, Value } from '../../shared/stats';
import { InputError } from '../errors';
import { CURRENT_ADJUDICATION_ID } from '../store/merge/adjudications';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, getGuideline } from '../workspace/guidelines';
import type { Workspace } from '../workspace/workspace';

type Values = Record<string, unknown>;

/** A field as agreement sees it: how its values are compared. Free text is not measured. */
export interface MeasuredField {
  key: string;
  title: string;
  type: 'multi_select' | 'single_choice' | 'ordinal' | 'boolean';
  level: Level;
  /** Multi-select: the categories, each measured as present/absent. Choice fields: the values in order. */
  values: { value: Value; title: string }[];
}

export interface RaterLabel {
  sampleId: string;
  raterId: string;
  version: string;
  values: Values;
  createdAt: string;
  timeSpentMs: number;
}

/** What a set of labels is: every label of the pack (the default), or one batch's. */
export interface LabelScope {
  batch: { id: string; name: string } | null;
}

/** Every standing label of one guideline, on one comparable taxonomy, with gold and adjudicated labels. */
export interface LabelSets {
  guideline: { id: string; version: string };
  scope: LabelScope;
  /** The versions the labels were made under; more than one means they were mapped onto a common taxonomy. */
  versions: string[];
  mapped: boolean;
  fields: MeasuredField[];
  labels: RaterLabel[];
  gold: Map<string, Values>;
  adjudicated: Map<string, Values>;
}

/** The fields agreement and aggregation measure (every field but free text), mapped onto a common taxonomy if given. */
export function measuredFields(pack: GuidelinePack, common?: CommonTaxonomy): MeasuredField[] {
  const out: MeasuredField[] = [];
  for (const f of pack.fields as Field[]) {
    if (f.type === 'text') continue;
    const level: Level = f.type === 'ordinal' ? 'ordinal' : 'nominal';
    let values: MeasuredField['values'] =
      f.type === 'boolean'
        ? [
            { value: 'true', title: 'yes' },
            { value: 'false', title: 'no' },
          ]
        : f.type === 'ordinal'
          ? f.levels.map((l) => ({ value: l.value, title: l.title }))
          : f.options.map((o) => ({ value: o.value, title: o.title }));
    if (common) {
      const cf = common.fields.find((c) => c.key === f.key);
      if (!cf) continue; // not comparable across the versions
      if (cf.values) {
        const titles = new Map(values.map((v) => [String(v.value), v.title]));
        values = cf.values.map((cv) => ({ value: cv.value, title: titles.get(String(cv.value)) ?? String(cv.value) }));
      }
    }
    out.push({ key: f.key, title: f.title, type: f.type, level, values });
  }
  return out;
}

/** A batch by id or by name. */
export function findBatch(ws: Workspace, idOrName: string): { id: string; name: string; version: string } {
  const rows = prepared(ws.db, 'SELECT id, name, guideline_version AS version FROM batches WHERE id = ? OR name = ? ORDER BY id = ? DESC').all(idOrName, idOrName, idOrName) as {
    id: string;
    name: string;
    version: string;
  }[];
  if (!rows.length) {
    const names = prepared(ws.db, 'SELECT name FROM batches ORDER BY hlc, event_id').pluck().all() as string[];
    throw new InputError(`no batch "${idOrName}"${names.length ? ` (batches: ${names.map((n) => JSON.stringify(n)).join(', ')})` : ' (the workspace has no batches)'}`);
  }
  if (rows.length > 1 && rows[0].id !== idOrName) throw new InputError(`${rows.length} batches are named "${idOrName}": pass the batch id (${rows.map((r) => r.id).join(', ')})`);
  return rows[0];
}

/**
 * Collects the labels of the active guideline's pack (or of one version, when asked), or of one batch:
 * its raters' labels of its items, under the batch's version unless another is asked for. Labels made
 * under two versions are projected onto the pack's declared common taxonomy so they can be compared.
 */
export function collectLabelSets(ws: Workspace, opts: { version?: string; batch?: string } = {}): LabelSets {
  const active = activeGuidelineRef(ws);
  if (!active) throw new InputError('the workspace has no active guideline');
  const id = active.id;
  const batch = opts.batch ? findBatch(ws, opts.batch) : undefined;
  const version = opts.version ?? batch?.version;
  const target = version ?? active.version;
  const pack = getGuideline(ws, { id, version: target });
  if (!pack) throw new InputError(`guideline ${id}@${target} is not published in this workspace`);

  const rows = prepared(
    ws.db,
    `SELECT sample_id, rater_id, guideline_version, value, created_at, time_spent_ms FROM labels l
     WHERE guideline_id = ? AND retracted = 0 ${version ? 'AND guideline_version = ?' : ''}
     ${batch ? 'AND EXISTS (SELECT 1 FROM assignments a WHERE a.batch_id = ? AND a.rater_id = l.rater_id AND a.sample_id = l.sample_id)' : ''}
     ORDER BY sample_id, rater_id`,
  ).all(...[id, ...(version ? [target] : []), ...(batch ? [batch.id] : [])]) as {
    sample_id: string;
    rater_id: string;
    guideline_version: string;
    value: string;
    created_at: string;
    time_spent_ms: number;
  }[];
  const versions = [...new Set(rows.map((r) => r.guideline_version))].sort();
  const others = versions.filter((v) => v !== target);
  if (others.length > 1) {
    throw new InputError(`labels span ${versions.length} versions of ${id} (${versions.join(', ')}); pass --guideline VERSION to measure one`);
  }
  const otherPack = others.length ? getGuideline(ws, { id, version: others[0] }) : undefined;
  let common: CommonTaxonomy | undefined;
  if (otherPack) {
    try {
      common = commonTaxonomy(pack, otherPack);
    } catch (e) {
      throw new InputError(`labels under ${id}@${others[0]} and @${target} cannot be compared: ${(e as Error).message}`);
    }
  }
  const packs = new Map([[target, pack], ...(otherPack ? ([[otherPack.version, otherPack]] as const) : [])]);
  const project = (values: Values, version: string): Values => (common ? toCommonValues(values, packs.get(version)!, common) : values);

  const refRows = (sql: string) =>
    new Map(
      (prepared(ws.db, sql).all(id) as { sample_id: string; guideline_version: string; value: string }[])
        .filter((r) => packs.has(r.guideline_version))
        .map((r) => [r.sample_id, project(JSON.parse(r.value), r.guideline_version)]),
    );
  return {
    guideline: { id, version: target },
    scope: { batch: batch ? { id: batch.id, name: batch.name } : null },
    versions,
    mapped: common !== undefined,
    fields: measuredFields(pack, common),
    labels: rows.map((r) => ({
      sampleId: r.sample_id,
      raterId: r.rater_id,
      version: r.guideline_version,
      values: project(JSON.parse(r.value), r.guideline_version),
      createdAt: r.created_at,
      timeSpentMs: r.time_spent_ms,
    })),
    gold: refRows('SELECT sample_id, guideline_version, value FROM gold_labels WHERE guideline_id = ?'),
    adjudicated: refRows(
      // The newest adjudication of each sample by clock is the final one.
      `SELECT a.sample_id, a.guideline_version, a.value FROM adjudications a
       WHERE a.guideline_id = ? AND a.id = ${CURRENT_ADJUDICATION_ID}`,
    ),
  };
}

/** A label's value for one measured field (a category's presence for multi-select), or undefined. */
export function fieldValue(values: Values, field: MeasuredField, category?: Value): Value | undefined {
  const v = values[field.key];
  if (v === undefined || v === null) return undefined;
  if (field.type === 'multi_select') {
    if (!Array.isArray(v)) return undefined;
    return category === undefined ? undefined : v.map(String).includes(String(category)) ? 1 : 0;
  }
  if (field.type === 'boolean') return v === true ? 'true' : v === false ? 'false' : undefined;
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}
