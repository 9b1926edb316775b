import path from 'node:path';
import { packFingerprint } from '../../../shared/guidelines/fingerprint';
import type { Condition, Field, GuidelinePack } from '../../../shared/guidelines/schema';
import { UsageError } from '../../errors';
import { listBundledPacks, loadBundledPack, loadPackFile, PackValidationError, formatFileIssue } from '../../guidelines/load';
import { parseFlags, printJson, type Command, type CommandIO } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand('guidelines list|show ID[@VERSION]|validate PATH [--json] [--rubric]');

function parseRef(spec: string): { id: string; version?: string } {
  const [id, version, extra] = spec.split('@');
  if (!id || extra !== undefined || version === '') throw new UsageError(`expected ID or ID@VERSION, not "${spec}". Usage: ${usage}`);
  return { id, version };
}

function categoryCount(pack: GuidelinePack): number {
  return pack.fields.filter((f) => f.type === 'multi_select').reduce((n, f) => n + (f.type === 'multi_select' ? f.options.length : 0), 0);
}

function summary(pack: GuidelinePack) {
  return {
    id: pack.id,
    version: pack.version,
    title: pack.title,
    fields: pack.fields.length,
    categories: categoryCount(pack),
    fingerprint: packFingerprint(pack),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}

const key = (k?: string) => (k ? `[${k}]` : '   ');

function describeCondition(c: Condition): string {
  if (c.includesAny) return `${c.field} includes ${c.includesAny.join(' or ')}`;
  if (c.oneOf) return `${c.field} is ${c.oneOf.join(' or ')}`;
  if (c.equals !== undefined) return `${c.field} is ${c.equals}`;
  if (c.filled) return `${c.field} is filled in`;
  const parts = [];
  if (c.atLeast !== undefined) parts.push(`>= ${c.atLeast}`);
  if (c.atMost !== undefined) parts.push(`<= ${c.atMost}`);
  return `${c.field} ${parts.join(' and ')}`;
}

function describeField(f: Field): string[] {
  const flags = [f.type.replace('_', '-'), f.required ? 'required' : 'optional'];
  if (f.type === 'ordinal') flags[0] = `ordinal ${f.levels[0].value}-${f.levels[f.levels.length - 1].value}`;
  if (f.type === 'text' && f.maxLength) flags.push(`max ${f.maxLength} characters`);
  if (f.hotkey) flags.push(`hotkey ${f.hotkey}`);
  const out = [`  ${f.key}: ${f.title} (${flags.join(', ')})`];
  if (f.type === 'ordinal') {
    for (const l of f.levels) out.push(`    ${key(l.hotkey)} ${l.value}  ${l.title}: ${l.description}`);
  } else if (f.type === 'multi_select' || f.type === 'single_choice') {
    const w = Math.max(...f.options.map((o) => o.value.length));
    for (const o of f.options) {
      const marks = [o.critical ? 'critical' : '', 'exclusive' in o && o.exclusive ? 'exclusive' : ''].filter(Boolean);
      out.push(`    ${key(o.hotkey)} ${o.value.padEnd(w)}  ${o.title}${marks.length ? ` (${marks.join(', ')})` : ''}`);
    }
  }
  return out;
}

export function formatPack(pack: GuidelinePack): string {
  const out = [`${pack.id}@${pack.version}: ${pack.title}`, '', pack.description, '', `Fields (${pack.fields.length}; option hotkeys in brackets):`];
  for (const f of pack.fields) out.push(...describeField(f));
  if (pack.rules.length) {
    out.push('', 'Rules:');
    for (const r of pack.rules) out.push(`  if ${describeCondition(r.when)} then ${describeCondition(r.require)}: ${r.message}`);
  }
  if (pack.mapping) {
    out.push('', `Mapping from ${pack.mapping.from} (values not listed map to themselves):`);
    for (const [field, values] of Object.entries(pack.mapping.fields)) {
      for (const [from, to] of Object.entries(values)) out.push(`  ${field}: ${from} -> ${to.join(', ')}`);
    }
  }
  out.push('', 'Changelog:');
  for (const e of pack.changelog) {
    out.push(`  ${e.version}${e.date ? ` (${e.date})` : ''}`);
    for (const c of e.changes) out.push(`    - ${c}`);
  }
  out.push('', `Rubric: ${pack.rubric.split('\n').length} lines (--rubric prints it; --json prints the whole document)`, `Fingerprint: ${packFingerprint(pack)}`);
  return out.join('\n') + '\n';
}

function list(io: CommandIO, json: boolean): number {
  const packs = listBundledPacks().map((r) => loadBundledPack(r.id, r.version));
  if (json) {
    printJson(io, packs.map(summary));
    return 0;
  }
  if (!packs.length) {
    io.out('No bundled guideline packs.\n');
    return 0;
  }
  const rows = [['ID', 'VERSION', 'FIELDS', 'CATEGORIES', 'TITLE'], ...packs.map((p) => [p.id, p.version, String(p.fields.length), String(categoryCount(p)), p.title])];
  io.out(table(rows));
  return 0;
}

function validate(io: CommandIO, file: string, json: boolean): number {
  try {
    const pack = loadPackFile(file);
    if (json) printJson(io, { ok: true, id: pack.id, version: pack.version, fingerprint: packFingerprint(pack) });
    else io.out(`ok: ${pack.id}@${pack.version}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof PackValidationError)) throw e;
    if (json) {
      printJson(io, { ok: false, errors: e.issues });
      io.err(`concord guidelines: ${path.normalize(file)} is not a valid guideline pack: ${e.issues.length} problem(s)\n`);
    } else {
      io.err(e.issues.map((i) => formatFileIssue(i) + '\n').join(''));
    }
    return 2;
  }
}

export const guidelinesCommand: Command = {
  usage,
  run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' }, rubric: { type: 'boolean' } }, usage, true);
    const [sub, arg, ...extra] = positionals;
    const json = values.json ?? false;
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}". Usage: ${usage}`);
    switch (sub) {
      case 'list':
        if (arg !== undefined) throw new UsageError(`"list" takes no argument. Usage: ${usage}`);
        return list(io, json);
      case 'show': {
        if (arg === undefined) throw new UsageError(`missing ID[@VERSION]. Usage: ${usage}`);
        const ref = parseRef(arg);
        const pack = loadBundledPack(ref.id, ref.version);
        if (json) printJson(io, pack);
        else if (values.rubric) io.out(pack.rubric.endsWith('\n') ? pack.rubric : pack.rubric + '\n');
        else io.out(formatPack(pack));
        return 0;
      }
      case 'validate':
        if (arg === undefined) throw new UsageError(`missing PATH (a pack.json or its folder). Usage: ${usage}`);
        return validate(io, arg, json);
      case undefined:
        throw new UsageError(`missing subcommand. Usage: ${usage}`);
      default:
        throw new UsageError(`unknown subcommand "${sub}". Usage: ${usage}`);
    }
  },
};
