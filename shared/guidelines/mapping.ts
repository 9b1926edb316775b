// Comparing labels made under different versions of a pack.
//
// A version may declare `mapping: { from: <previous version>, fields: { <field>: { <old value>: [<new
// values>] } } }`. Values not listed map to themselves (they must still exist). Following these
// declarations from one version to another links values into groups: a split (old "hate_harassment" ->
// new "hate", "harassment") makes one group of three values; a merge makes one group too. The coarsest
// common taxonomy of two versions has one value per group, so:
//
//   - toCommonValues() projects a label of either version onto it (many-to-one): labels made under
//     1.0.0 and 1.1.0 become comparable ("hate" and "harassment" both become "hate_harassment").
//   - mapForward() carries an old label into a newer version where that is unambiguous, and reports
//     the values that split (a human must choose) instead of guessing.
//
// Only fields with the same key and type in both versions are compared; others are left out.
import { choiceValues, isChoiceField, type ChoiceValue, type Field, type FieldType, type GuidelinePack, type LabelValues } from './schema';
import { compareSemver } from './semver';

type PackLike = Pick<GuidelinePack, 'id' | 'version' | 'fields' | 'mapping'>;

export interface CommonValue {
  /** The value in the common taxonomy (an old value for a split, the new value for a merge). */
  value: ChoiceValue;
  /** The values of each version (by version string) that project onto it. */
  members: Record<string, ChoiceValue[]>;
}

export interface CommonField {
  key: string;
  type: FieldType;
  /** For choice fields: the common values, in the older version's order. Absent for boolean and text. */
  values?: CommonValue[];
}

/** The coarsest taxonomy two versions of a pack can both be projected onto. Plain data (JSON-safe). */
export interface CommonTaxonomy {
  id: string;
  /** Older first. */
  versions: [string, string];
  fields: CommonField[];
}

/** Orders the packs oldest first and checks that each one declares its mapping from the one before. */
function chain(a: PackLike, b: PackLike, via: readonly PackLike[]): PackLike[] {
  for (const p of [b, ...via]) {
    if (p.id !== a.id) throw new Error(`cannot compare ${a.id}@${a.version} with ${p.id}@${p.version}: different packs`);
  }
  const byVersion = new Map<string, PackLike>();
  for (const p of [a, b, ...via]) byVersion.set(p.version, p);
  const [older, newer] = compareSemver(a.version, b.version) <= 0 ? [a, b] : [b, a];
  const out: PackLike[] = [newer];
  let cur = newer;
  while (compareSemver(cur.version, older.version) > 0) {
    const from = cur.mapping?.from;
    if (!from) throw new Error(`${cur.id}@${cur.version} declares no mapping from an earlier version, so ${older.version} and ${newer.version} cannot be compared`);
    const prev = byVersion.get(from);
    if (!prev) {
      throw new Error(`${cur.id}@${cur.version} maps from ${from}: pass ${cur.id}@${from} too (intermediate versions between ${older.version} and ${newer.version} are needed)`);
    }
    if (compareSemver(prev.version, older.version) < 0) throw new Error(`the mapping chain from ${newer.version} skips over ${older.version}`);
    out.unshift(prev);
    cur = prev;
  }
  return out;
}

/** The fields present, with the same type, in every pack of the chain. */
function sharedFields(packs: readonly PackLike[]): Field[] {
  return packs[0].fields.filter((f) => packs.every((p) => p.fields.some((g) => g.key === f.key && g.type === f.type)));
}

function field(p: PackLike, key: string): Field {
  return p.fields.find((f) => f.key === key)!;
}

/** Where one value of `from`'s field goes in `to` (the next version): declared targets, or itself. */
function step(to: PackLike, key: string, value: ChoiceValue): ChoiceValue[] {
  const declared = to.mapping?.fields[key]?.[String(value)];
  if (declared) return declared;
  const f = field(to, key);
  return isChoiceField(f) && choiceValues(f).includes(value) ? [value] : [];
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * The coarsest common taxonomy of two versions of a pack. When they are not adjacent, pass the
 * versions in between as `via` (each version's mapping links it to the one before).
 */
export function commonTaxonomy(a: PackLike, b: PackLike, via: readonly PackLike[] = []): CommonTaxonomy {
  const packs = chain(a, b, via);
  const older = packs[0];
  const newer = packs[packs.length - 1];
  const fields: CommonField[] = [];
  for (const f of sharedFields(packs)) {
    if (!isChoiceField(f)) {
      fields.push({ key: f.key, type: f.type });
      continue;
    }
    const uf = new UnionFind();
    const node = (i: number, v: ChoiceValue) => `${i}\u0000${typeof v}\u0000${v}`;
    for (let i = 0; i + 1 < packs.length; i++) {
      for (const v of choiceValues(field(packs[i], f.key) as typeof f)) {
        for (const t of step(packs[i + 1], f.key, v)) uf.union(node(i, v), node(i + 1, t));
      }
    }
    const last = packs.length - 1;
    const groups = new Map<string, { old: ChoiceValue[]; new: ChoiceValue[] }>();
    const group = (root: string) => groups.get(root) ?? groups.set(root, { old: [], new: [] }).get(root)!;
    for (const v of choiceValues(field(older, f.key) as typeof f)) group(uf.find(node(0, v))).old.push(v);
    for (const v of choiceValues(field(newer, f.key) as typeof f)) group(uf.find(node(last, v))).new.push(v);
    const values: CommonValue[] = [];
    for (const g of groups.values()) {
      const value = g.old.length === 1 ? g.old[0] : g.new.length === 1 ? g.new[0] : [...g.old, ...g.new].map(String).join('+');
      values.push({ value, members: older === newer ? { [older.version]: g.old } : { [older.version]: g.old, [newer.version]: g.new } });
    }
    fields.push({ key: f.key, type: f.type, values });
  }
  return { id: older.id, versions: [older.version, newer.version], fields };
}

const lookups = new WeakMap<CommonTaxonomy, Map<string, Map<string, Map<string, ChoiceValue>>>>();

/** version -> field -> String(member value) -> common value */
function lookup(common: CommonTaxonomy) {
  let l = lookups.get(common);
  if (!l) {
    l = new Map();
    for (const version of common.versions) {
      const perField = new Map<string, Map<string, ChoiceValue>>();
      for (const f of common.fields) {
        if (!f.values) continue;
        const m = new Map<string, ChoiceValue>();
        for (const cv of f.values) for (const v of cv.members[version] ?? []) m.set(String(v), cv.value);
        perField.set(f.key, m);
      }
      l.set(version, perField);
    }
    lookups.set(common, l);
  }
  return l;
}

/**
 * Projects a label made under `pack` onto the common taxonomy of `pack` and `other` (another version
 * of the same pack, or a CommonTaxonomy from commonTaxonomy()). Multi-select values become the sorted
 * (common-order), de-duplicated list of their groups; single choice and ordinal values their group;
 * boolean and text values are kept; fields that are not in both versions are left out. Throws on a
 * value the pack does not have (validate labels with validateLabelValues first).
 */
export function toCommonValues(values: LabelValues, pack: PackLike, other: PackLike | CommonTaxonomy): LabelValues {
  const common = 'versions' in other ? other : commonTaxonomy(pack, other);
  if (common.id !== pack.id || !common.versions.includes(pack.version)) {
    throw new Error(`${pack.id}@${pack.version} is not one of the versions of this common taxonomy (${common.id}@${common.versions.join(', ')})`);
  }
  const perField = lookup(common).get(pack.version)!;
  const out: LabelValues = {};
  for (const f of common.fields) {
    const v = values[f.key];
    if (v === undefined || v === null) continue;
    const m = perField.get(f.key);
    if (!m) {
      out[f.key] = v;
      continue;
    }
    const project = (x: unknown): ChoiceValue => {
      const c = m.get(String(x));
      if (c === undefined) throw new RangeError(`${pack.id}@${pack.version}: ${JSON.stringify(x)} is not a value of field ${JSON.stringify(f.key)}`);
      return c;
    };
    if (f.type === 'multi_select') {
      if (!Array.isArray(v)) throw new RangeError(`${pack.id}@${pack.version}: field ${JSON.stringify(f.key)} must be a list`);
      const got = new Set(v.map(project).map(String));
      out[f.key] = f.values!.map((cv) => cv.value).filter((cv) => got.has(String(cv)));
    } else {
      out[f.key] = project(v);
    }
  }
  return out;
}

export interface AmbiguousValue {
  field: string;
  /** The value in the old label. */
  value: ChoiceValue;
  /** What it may have become in the newer version; a human has to choose. */
  candidates: ChoiceValue[];
}

export interface ForwardResult {
  /** The label in the newer version, without the ambiguous values and the dropped fields. */
  values: LabelValues;
  /** Values that split into several values: not carried over. */
  ambiguous: AmbiguousValue[];
  /** Fields of the old label that the newer version does not have (or has with another type). */
  dropped: string[];
  /** Nothing ambiguous and nothing dropped: `values` says everything the old label said. */
  unambiguous: boolean;
}

/**
 * Maps a label made under `fromPack` into `toPack` (a newer version of the same pack, linked by
 * mappings; pass intermediate versions as `via`). A value that became exactly one value is carried
 * over; a value that split is reported in `ambiguous` and left out. Fields the newer version added
 * stay unset (validateLabelValues tells which are required).
 */
export function mapForward(values: LabelValues, fromPack: PackLike, toPack: PackLike, via: readonly PackLike[] = []): ForwardResult {
  if (compareSemver(fromPack.version, toPack.version) > 0) {
    throw new Error(`mapForward maps to a newer version: ${fromPack.version} is newer than ${toPack.version}`);
  }
  const packs = chain(fromPack, toPack, via);
  const shared = new Map(sharedFields(packs).map((f) => [f.key, f] as const));
  const out: LabelValues = {};
  const ambiguous: AmbiguousValue[] = [];
  const dropped: string[] = [];
  const forward = (key: string, v: ChoiceValue): ChoiceValue[] => {
    let cur = [v];
    for (let i = 1; i < packs.length; i++) {
      const next: ChoiceValue[] = [];
      for (const c of cur) for (const t of step(packs[i], key, c)) if (!next.includes(t)) next.push(t);
      cur = next;
    }
    return cur;
  };
  for (const [key, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    const f = shared.get(key);
    if (!f) {
      dropped.push(key);
      continue;
    }
    if (!isChoiceField(f)) {
      out[key] = v;
      continue;
    }
    const carry = (x: ChoiceValue): ChoiceValue | undefined => {
      const c = forward(key, x);
      if (c.length === 1) return c[0];
      ambiguous.push({ field: key, value: x, candidates: c });
      return undefined;
    };
    if (f.type === 'multi_select') {
      const list = Array.isArray(v) ? (v as ChoiceValue[]) : [];
      const mapped: ChoiceValue[] = [];
      for (const x of list) {
        const c = carry(x);
        if (c !== undefined && !mapped.includes(c)) mapped.push(c);
      }
      const order = choiceValues(field(toPack, key) as typeof f);
      out[key] = order.filter((o) => mapped.includes(o));
    } else {
      const c = carry(v as ChoiceValue);
      if (c !== undefined) out[key] = c;
    }
  }
  return { values: out, ambiguous, dropped, unambiguous: ambiguous.length === 0 && dropped.length === 0 };
}
