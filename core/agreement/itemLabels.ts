import { mapForward } from '../../shared/guidelines/mapping';
import type { GuidelinePack, LabelValues, PackMapping } from '../../shared/guidelines/schema';
import { compareSemver } from '../../shared/guidelines/semver';
import { InputError } from '../errors';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, type GuidelineRef } from '../workspace/guidelines';
import type { Workspace } from '../workspace/workspace';

// The labels behind each item's final label, all in one guideline version. Aggregation, export and
// the adjudication queue read them from here, so a final label always says which version it is under.
//
// An item's version is the newest version any of its raters labelled it under. A rater who labelled
// it under several versions (a batch re-queued onto a new version) counts once, with the newest
// label. An older label is carried into the item's version through the mappings the packs declare
// (mapForward); when one of its values split (1.0.0's hate_harassment became hate and harassment),
// no one can say which it became, and the item cannot be aggregated: a human has to choose.

export interface RaterItemLabel {
  raterId: string;
  /** The version the rater labelled under. */
  version: string;
  /** The label, carried into the item's version. */
  values: LabelValues;
}

/** A pack's declared mapping from the version before it, as the export reports it. */
export interface VersionMapping {
  from: string;
  to: string;
  fields: PackMapping['fields'];
}

export interface ItemLabels {
  sampleId: string;
  /** The version the item's final label is made under. */
  guideline: GuidelineRef;
  labels: RaterItemLabel[];
  /** The versions the labels were made under, oldest first; more than one means some were carried. */
  labelVersions: string[];
  /** The declared mappings the older labels were carried through (empty when none was). */
  mapping: VersionMapping[];
  /** Why the labels cannot be carried into one version (they are left as made, and not aggregated). */
  unmappable?: string;
}

export interface WorkspaceLabels {
  packId: string;
  /** Every published version of the pack, by version. */
  packs: Map<string, GuidelinePack>;
  /** Items in import order. */
  items: ItemLabels[];
  /** Gold labels carried into each item's version (when they can be). */
  gold: Map<string, LabelValues>;
}

type Row = { sample_id: string; rater_id: string; guideline_version: string; value: string };

/** The versions from `from` (exclusive) up to `to` (inclusive), with their declared mappings. */
function mappingChain(packs: Map<string, GuidelinePack>, from: string, to: string): VersionMapping[] {
  const out: VersionMapping[] = [];
  let cur = packs.get(to);
  while (cur && compareSemver(cur.version, from) > 0 && cur.mapping) {
    out.unshift({ from: cur.mapping.from, to: cur.version, fields: cur.mapping.fields });
    cur = packs.get(cur.mapping.from);
  }
  return out;
}

/** A label carried from its version into `target`, or the reason it cannot be. */
function carry(values: LabelValues, from: GuidelinePack, target: GuidelinePack, packs: Map<string, GuidelinePack>): { values: LabelValues } | { problem: string } {
  if (from.version === target.version) return { values };
  const via = [...packs.values()].filter((p) => compareSemver(p.version, from.version) > 0 && compareSemver(p.version, target.version) < 0);
  let r;
  try {
    r = mapForward(values, from, target, via);
  } catch (e) {
    return { problem: `labels under ${from.version} cannot be carried into ${target.version}: ${(e as Error).message}` };
  }
  if (r.ambiguous.length) {
    const a = r.ambiguous[0];
    return { problem: `a label under ${from.version} has ${a.field} ${JSON.stringify(a.value)}, which ${target.version} split into ${a.candidates.join(', ')}: a human must choose` };
  }
  // Free text and fields the newer version dropped are not part of what is compared.
  return { values: r.values };
}

/** Every item's standing labels under the active guideline's pack, carried into one version per item. */
export function collectItemLabels(ws: Workspace): WorkspaceLabels {
  const active = activeGuidelineRef(ws);
  if (!active) throw new InputError('the workspace has no active guideline');
  const packId = active.id;
  const packs = new Map(
    (prepared(ws.db, 'SELECT version, document FROM guidelines WHERE id = ?').all(packId) as { version: string; document: string }[]).map((r) => [r.version, JSON.parse(r.document) as GuidelinePack]),
  );
  const rows = prepared(
    ws.db,
    `SELECT l.sample_id, l.rater_id, l.guideline_version, l.value FROM labels l JOIN samples s ON s.id = l.sample_id
     WHERE l.guideline_id = ? AND l.retracted = 0 ORDER BY s.ordinal, l.rater_id`,
  ).all(packId) as Row[];

  const byItem = new Map<string, Map<string, Row>>();
  for (const r of rows) {
    const raters = byItem.get(r.sample_id) ?? byItem.set(r.sample_id, new Map()).get(r.sample_id)!;
    const prev = raters.get(r.rater_id);
    if (!prev || compareSemver(r.guideline_version, prev.guideline_version) > 0) raters.set(r.rater_id, r);
  }

  const items: ItemLabels[] = [];
  for (const [sampleId, raters] of byItem) {
    const own = [...raters.values()];
    const labelVersions = [...new Set(own.map((r) => r.guideline_version))].sort(compareSemver);
    const version = labelVersions[labelVersions.length - 1];
    const target = packs.get(version)!;
    let unmappable: string | undefined;
    const labels = own.map((r): RaterItemLabel => {
      const values = JSON.parse(r.value) as LabelValues;
      const carried = carry(values, packs.get(r.guideline_version)!, target, packs);
      if ('problem' in carried) {
        unmappable ??= carried.problem;
        return { raterId: r.rater_id, version: r.guideline_version, values };
      }
      return { raterId: r.rater_id, version: r.guideline_version, values: carried.values };
    });
    items.push({
      sampleId,
      guideline: { id: packId, version },
      labels,
      labelVersions,
      mapping: labelVersions.length > 1 ? mappingChain(packs, labelVersions[0], version) : [],
      ...(unmappable ? { unmappable } : {}),
    });
  }

  const versionOf = new Map(items.map((i) => [i.sampleId, i.guideline.version]));
  const gold = new Map<string, LabelValues>();
  for (const g of prepared(ws.db, 'SELECT sample_id, guideline_version, value FROM gold_labels WHERE guideline_id = ?').all(packId) as Omit<Row, 'rater_id'>[]) {
    const target = versionOf.get(g.sample_id);
    const from = packs.get(g.guideline_version);
    if (!target || !from || compareSemver(from.version, target) > 0) continue;
    const carried = carry(JSON.parse(g.value), from, packs.get(target)!, packs);
    if ('values' in carried) gold.set(g.sample_id, carried.values);
  }
  return { packId, packs, items, gold };
}
