// Validation of guideline packs: zod's structural checks, then the semantic ones zod cannot express.
// Every problem is reported (not just the first) as a path in the document and a message, e.g.
//   fields[0].options[3].hotkey: hotkey "c" of "Cyber" (Harm categories) is already used by "Self-harm" (Harm categories)
import type { z } from 'zod';
import { rubricAnchor, parseRubricHeadings } from './rubric';
import {
  choiceValues,
  guidelinePackSchema,
  isChoiceField,
  packFileSchema,
  type ChoiceValue,
  type Condition,
  type Field,
  type GuidelinePack,
  type PackFile,
} from './schema';
import { compareSemver } from './semver';
import { packKeyConflicts } from '../keys/conflicts';

export interface PackIssue {
  /** Where in the document, e.g. `fields[0].options[3].hotkey`; for rubric issues, a line or an anchor. */
  path: string;
  message: string;
  /** Which file the issue is in: pack.json (`pack`) or the rubric Markdown (`rubric`). */
  source: 'pack' | 'rubric';
}

export type PackValidation = { ok: true; pack: GuidelinePack } | { ok: false; issues: PackIssue[] };
/** `file` is there whenever the structure is valid, even if semantic checks failed (to check the rubric too). */
export type PackFileValidation = { ok: true; file: PackFile } | { ok: false; issues: PackIssue[]; file?: PackFile };

/** `["fields", 0, "title"]` -> `fields[0].title`; the empty path is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const s = String(seg);
      out += /^[A-Za-z_$][\w$]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    }
  }
  return out || '(root)';
}

/** `base` + one more key: `mapping.fields.categories` + `hate` -> `mapping.fields.categories.hate`. */
export function childPath(base: string, key: PropertyKey): string {
  const p = formatPath([key]);
  return p.startsWith('[') ? `${base}${p}` : `${base}.${p}`;
}

/** A pack issue as one line: `path: message`. */
export function formatIssue(issue: PackIssue): string {
  return `${issue.path}: ${issue.message}`;
}

type AnyIssue = z.core.$ZodIssue;

function zodIssues(issues: readonly AnyIssue[], base: PropertyKey[] = []): PackIssue[] {
  const out: PackIssue[] = [];
  for (const iss of issues) {
    const path = [...base, ...iss.path];
    if (iss.code === 'unrecognized_keys') {
      for (const k of iss.keys) out.push({ path: formatPath([...path, k]), message: `unknown property ${JSON.stringify(k)}`, source: 'pack' });
    } else if (iss.code === 'invalid_union' && 'discriminator' in iss && iss.discriminator) {
      const opts = ((iss as { options?: unknown[] }).options ?? []).map((o) => JSON.stringify(o)).join(', ');
      out.push({ path: formatPath(path), message: `must be one of ${opts}`, source: 'pack' });
    } else if (iss.code === 'invalid_key') {
      for (const inner of iss.issues) out.push({ path: formatPath(path), message: `invalid key: ${inner.message}`, source: 'pack' });
    } else if (iss.code === 'invalid_union' && iss.errors.length) {
      // Report the alternative that got furthest (fewest issues).
      const best = [...iss.errors].sort((a, b) => a.length - b.length)[0];
      out.push(...zodIssues(best, path));
    } else {
      out.push({ path: formatPath(path), message: iss.message.replace(/^Invalid input: /, ''), source: 'pack' });
    }
  }
  return out;
}

function parseOptions() {
  return {
    error: (iss: { code?: string; input?: unknown; path?: PropertyKey[] }) => {
      if (iss.code === 'invalid_type' && iss.input === undefined) {
        const last = iss.path?.[iss.path.length - 1];
        return typeof last === 'string' ? `missing required property ${JSON.stringify(last)}` : 'missing required value';
      }
      return undefined;
    },
  };
}

/** Validates a loaded pack document (rubric as Markdown text): structure, semantics and rubric anchors. */
export function validatePack(input: unknown): PackValidation {
  const parsed = guidelinePackSchema.safeParse(input, parseOptions());
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error.issues) };
  const issues = [...checkPackSemantics(parsed.data), ...checkRubric(parsed.data)];
  return issues.length ? { ok: false, issues } : { ok: true, pack: parsed.data };
}

/** Validates pack.json's content (rubric as a file name): structure and semantics, not the rubric text. */
export function validatePackFile(input: unknown): PackFileValidation {
  const parsed = packFileSchema.safeParse(input, parseOptions());
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error.issues) };
  const issues = checkPackSemantics(parsed.data);
  return issues.length ? { ok: false, issues, file: parsed.data } : { ok: true, file: parsed.data };
}

/** Validates and returns the pack; throws an Error listing every issue (one per line) otherwise. */
export function parsePack(input: unknown): GuidelinePack {
  const r = validatePack(input);
  if (!r.ok) throw new Error(`invalid guideline pack:\n${r.issues.map(formatIssue).join('\n')}`);
  return r.pack;
}

type PackBody = Omit<GuidelinePack, 'rubric'>;

const show = (v: ChoiceValue) => JSON.stringify(v);

/** The semantic checks on a structurally valid pack (everything but the rubric text). */
export function checkPackSemantics(pack: PackBody): PackIssue[] {
  const issues: PackIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message, source: 'pack' });

  // Unique field keys.
  const fieldAt = new Map<string, number>();
  pack.fields.forEach((f, i) => {
    const first = fieldAt.get(f.key);
    if (first !== undefined) add(`fields[${i}].key`, `duplicate field key ${JSON.stringify(f.key)} (also fields[${first}])`);
    else fieldAt.set(f.key, i);
  });

  // Unique values within a field; contiguous ordinal levels.
  pack.fields.forEach((f, i) => {
    if (f.type === 'multi_select' || f.type === 'single_choice') {
      const seen = new Map<string, number>();
      f.options.forEach((o, j) => {
        const first = seen.get(o.value);
        if (first !== undefined) {
          add(`fields[${i}].options[${j}].value`, `duplicate value ${JSON.stringify(o.value)} in field ${JSON.stringify(f.key)} (also fields[${i}].options[${first}])`);
        } else seen.set(o.value, j);
      });
      if (f.type === 'multi_select' && f.options.length && f.options.every((o) => o.exclusive)) {
        add(`fields[${i}].options`, 'every option is exclusive: use a single_choice field instead');
      }
    } else if (f.type === 'ordinal') {
      f.levels.forEach((l, j) => {
        if (j === 0) return;
        const prev = f.levels[j - 1].value;
        if (l.value !== prev + 1) {
          const what = l.value === prev ? `duplicate level ${l.value}` : l.value < prev ? `level ${l.value} is out of order` : `gap: level ${prev + 1} is missing`;
          add(`fields[${i}].levels[${j}].value`, `ordinal levels must be contiguous integers in ascending order: expected ${prev + 1} after ${prev}, found ${l.value} (${what})`);
        }
      });
    }
  });

  // Hotkeys: unique across the whole pack, and clear of the app's keys on every screen they are
  // pressed on (format and reserved keys are checked by the schema). Named by title.
  for (const c of packKeyConflicts(pack)) if (c.path) add(`${c.path}.hotkey`, c.message);

  // Changelog: includes this version, one entry per version, none newer than this version.
  const entryAt = new Map<string, number>();
  pack.changelog.forEach((e, i) => {
    const first = entryAt.get(e.version);
    if (first !== undefined) add(`changelog[${i}].version`, `duplicate changelog entry for ${e.version} (also changelog[${first}])`);
    else entryAt.set(e.version, i);
    if (compareSemver(e.version, pack.version) > 0) add(`changelog[${i}].version`, `${e.version} is newer than the pack version ${pack.version}`);
  });
  if (!entryAt.has(pack.version)) add('changelog', `has no entry for this version (${pack.version})`);

  // Rules reference real fields and values, with a test that fits the field's type.
  const byKey = new Map(pack.fields.map((f) => [f.key, f] as const));
  pack.rules.forEach((r, i) => {
    for (const part of ['when', 'require'] as const) issues.push(...checkCondition(r[part], byKey, `rules[${i}].${part}`));
  });

  // Mapping: from an older version; into real fields and values of this version.
  if (pack.mapping) {
    const m = pack.mapping;
    if (compareSemver(m.from, pack.version) >= 0) add('mapping.from', `must be an older version than ${pack.version}, not ${m.from}`);
    for (const [key, values] of Object.entries(m.fields)) {
      const base = `mapping.fields.${key}`;
      const f = byKey.get(key);
      if (!f) {
        add(base, `${JSON.stringify(key)} is not a field of this pack`);
        continue;
      }
      if (!isChoiceField(f)) {
        add(base, `field ${JSON.stringify(key)} is a ${f.type} field; only multi_select, single_choice and ordinal values can be mapped`);
        continue;
      }
      const own = choiceValues(f);
      for (const [from, targets] of Object.entries(values)) {
        const at = childPath(base, from);
        if (f.type === 'ordinal' ? !/^-?(0|[1-9]\d*)$/.test(from) : !/^[a-z0-9][a-z0-9_]*$/.test(from)) {
          add(at, `${JSON.stringify(from)} cannot be a value of ${f.type} field ${JSON.stringify(key)}`);
        }
        const seen = new Set<string>();
        targets.forEach((t, j) => {
          const tAt = `${at}[${j}]`;
          if (seen.has(String(t))) add(tAt, `${show(t)} is listed twice`);
          seen.add(String(t));
          if (f.type === 'ordinal' ? typeof t !== 'number' : typeof t !== 'string') {
            add(tAt, `must be ${f.type === 'ordinal' ? 'a level number' : 'an option value (a string)'} of field ${JSON.stringify(key)}`);
          } else if (!own.includes(t)) {
            add(tAt, `${show(t)} is not a value of field ${JSON.stringify(key)} (values: ${own.map(show).join(', ')})`);
          }
        });
      }
    }
  }
  return issues;
}

function checkCondition(c: Condition, byKey: Map<string, Field>, path: string): PackIssue[] {
  const issues: PackIssue[] = [];
  const add = (p: string, message: string) => issues.push({ path: p, message, source: 'pack' });
  const f = byKey.get(c.field);
  if (!f) return [{ path: `${path}.field`, message: `${JSON.stringify(c.field)} is not a field of this pack`, source: 'pack' }];
  const wrongType = (test: string, want: string) => add(`${path}.${test}`, `${test} applies to ${want} fields; ${JSON.stringify(f.key)} is ${f.type}`);
  const checkValues = (test: 'includesAny' | 'oneOf', list: string[]) => {
    if (f.type !== 'multi_select' && f.type !== 'single_choice') return;
    const own = f.options.map((o) => o.value);
    list.forEach((v, j) => {
      if (!own.includes(v)) add(`${path}.${test}[${j}]`, `${JSON.stringify(v)} is not a value of field ${JSON.stringify(f.key)}`);
    });
  };
  if (c.includesAny) {
    if (f.type !== 'multi_select') wrongType('includesAny', 'multi_select');
    else checkValues('includesAny', c.includesAny);
  }
  if (c.oneOf) {
    if (f.type !== 'single_choice') wrongType('oneOf', 'single_choice');
    else checkValues('oneOf', c.oneOf);
  }
  for (const test of ['atLeast', 'atMost'] as const) {
    const n = c[test];
    if (n === undefined) continue;
    if (f.type !== 'ordinal') wrongType(test, 'ordinal');
    else {
      const lo = f.levels[0].value;
      const hi = f.levels[f.levels.length - 1].value;
      if (n < lo || n > hi) add(`${path}.${test}`, `${n} is outside the levels of ${JSON.stringify(f.key)} (${lo}-${hi})`);
    }
  }
  if (c.equals !== undefined && f.type !== 'boolean') wrongType('equals', 'boolean');
  return issues;
}

/**
 * The rubric has a heading anchored at every field, option and ordinal level (see rubric.ts for the
 * convention), and no anchor twice. Paths of these issues are rubric lines or anchors.
 */
export function checkRubric(pack: Pick<GuidelinePack, 'fields' | 'rubric'>): PackIssue[] {
  const issues: PackIssue[] = [];
  const headings = parseRubricHeadings(pack.rubric);
  const firstLine = new Map<string, number>();
  for (const h of headings) {
    if (!h.explicit) continue;
    const first = firstLine.get(h.anchor);
    if (first !== undefined) issues.push({ path: `line ${h.line}`, message: `duplicate anchor {#${h.anchor}} (first on line ${first})`, source: 'rubric' });
    else firstLine.set(h.anchor, h.line);
  }
  const need = (anchor: string, what: string, example: string) => {
    if (!firstLine.has(anchor)) {
      issues.push({ path: `{#${anchor}}`, message: `no heading has this anchor; ${what} needs one, e.g. "${example} {#${anchor}}"`, source: 'rubric' });
    }
  };
  pack.fields.forEach((f, i) => {
    need(rubricAnchor(f.key), `fields[${i}] (${JSON.stringify(f.key)})`, `## ${f.title}`);
    if (f.type === 'ordinal') f.levels.forEach((l, j) => need(rubricAnchor(f.key, l.value), `fields[${i}].levels[${j}] (${l.value})`, `### ${l.value}: ${l.title}`));
    if (f.type === 'multi_select' || f.type === 'single_choice') {
      f.options.forEach((o, j) => need(rubricAnchor(f.key, o.value), `fields[${i}].options[${j}] (${JSON.stringify(o.value)})`, `### ${o.title}`));
    }
  });
  return issues;
}

/**
 * Checks the mapping `to` declares from `from` (its previous version) against both packs: every
 * mapped value exists in `from`; every value of `from` is mapped or still exists in `to`; every value
 * of `to` is reached from some value of `from` (so a label made under either version can be compared);
 * shared field keys keep their type. Issues are about `to`'s document.
 */
export function checkMappingBetween(from: PackBody, to: PackBody): PackIssue[] {
  const issues: PackIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message, source: 'pack' });
  if (from.id !== to.id) return [{ path: 'id', message: `cannot map from pack ${JSON.stringify(from.id)} to ${JSON.stringify(to.id)}`, source: 'pack' }];
  if (!to.mapping) return [{ path: 'mapping', message: `${to.id}@${to.version} declares no mapping (from ${from.version})`, source: 'pack' }];
  if (to.mapping.from !== from.version) {
    return [{ path: 'mapping.from', message: `is ${to.mapping.from}, not ${from.version}`, source: 'pack' }];
  }
  const oldFields = new Map(from.fields.map((f) => [f.key, f] as const));
  for (const [key, values] of Object.entries(to.mapping.fields)) {
    const of = oldFields.get(key);
    if (!of) {
      add(`mapping.fields.${key}`, `${JSON.stringify(key)} is not a field of ${from.id}@${from.version}`);
      continue;
    }
    if (!isChoiceField(of)) continue;
    const oldValues = choiceValues(of).map(String);
    for (const v of Object.keys(values)) {
      if (!oldValues.includes(v)) {
        add(childPath(`mapping.fields.${key}`, v), `${JSON.stringify(v)} is not a value of field ${JSON.stringify(key)} in ${from.version}`);
      }
    }
  }
  to.fields.forEach((nf, i) => {
    const of = oldFields.get(nf.key);
    if (!of) return; // a new field: nothing to compare it with
    if (of.type !== nf.type) {
      add(`fields[${i}].type`, `field ${JSON.stringify(nf.key)} was ${of.type} in ${from.version} and is ${nf.type} here; give the changed field a new key`);
      return;
    }
    if (!isChoiceField(of) || !isChoiceField(nf)) return;
    const explicit = to.mapping!.fields[nf.key] ?? {};
    const newValues = choiceValues(nf);
    const reached = new Set<string>();
    for (const ov of choiceValues(of)) {
      const targets = explicit[String(ov)];
      if (targets) targets.forEach((t) => reached.add(String(t)));
      else if (newValues.includes(ov)) reached.add(String(ov));
      else {
        add(
          `mapping.fields.${nf.key}`,
          `value ${show(ov)} of ${from.version} is neither mapped nor a value in ${to.version}: list the ${to.version} values it became`,
        );
      }
    }
    for (const nv of newValues) {
      if (!reached.has(String(nv))) {
        add(
          `mapping.fields.${nf.key}`,
          `value ${show(nv)} is new in ${to.version} and no value of ${from.version} maps to it: add it to the targets of the ${from.version} value(s) such items were labeled as`,
        );
      }
    }
  });
  return issues;
}
