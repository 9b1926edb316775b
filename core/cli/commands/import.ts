import { parseFieldMap } from '../../../shared/samples/fieldMap';
import { UsageError } from '../../errors';
import { importSamples, type ImportReport } from '../../import/importSamples';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command, type CommandIO } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage =
  concordCommand('import --workspace DIR --file PATH [--format jsonl|csv|parquet|inspect] [--map field=path,...] [--skip-invalid] [--progress] [--json]');

/** `--map field=path,...` as a FieldMap; a malformed one is a usage error. */
export function mapFlag(spec: string | undefined) {
  try {
    return spec ? parseFieldMap(spec) : {};
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function formatReport(r: ImportReport, skipInvalid: boolean): string {
  const out: string[] = [];
  if (r.invalid.length && !skipInvalid) out.push(`Nothing imported: ${r.invalid.length} invalid row(s). Fix them or pass --skip-invalid.`);
  else out.push(`Imported ${r.imported}, unchanged ${r.unchanged}, conflicts ${r.conflicts.length}, invalid ${r.invalid.length}.`);
  for (const c of r.conflicts.slice(0, 50)) out.push(`  line ${c.line}: conflict: id "${c.id}" is already in the workspace with different content (kept)`);
  for (const i of r.invalid.slice(0, 50)) out.push(`  line ${i.line}: ${i.error}`);
  const hidden = Math.max(0, r.conflicts.length - 50) + Math.max(0, r.invalid.length - 50);
  if (hidden) out.push(`  ... and ${hidden} more (use --json for all)`);
  return out.join('\n') + '\n';
}

export function progressPrinter(io: CommandIO) {
  let last = 0;
  return (p: { phase: string; rows: number; imported: number }) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    io.err(p.phase === 'validate' ? `validating: ${p.rows} rows read\n` : `importing: ${p.imported} imported of ${p.rows} rows read\n`);
  };
}

/** The flags every command that imports samples takes, whatever it reads them from. */
export const IMPORT_FLAGS = {
  workspace: { type: 'string' },
  map: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  progress: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** The options those flags give an import. */
export function importFlagValues(values: { map?: string; 'skip-invalid'?: boolean; progress?: boolean }, io: CommandIO) {
  const showProgress = values.progress ?? Boolean(process.stderr.isTTY);
  return { map: mapFlag(values.map), skipInvalid: values['skip-invalid'] ?? false, onProgress: showProgress ? progressPrinter(io) : undefined };
}

/** Prints an import's report (`--json` or in words, after `intro`) and gives the exit code: 2 when invalid rows stopped it. */
export function finishImport(io: CommandIO, command: string, report: ImportReport, o: { skipInvalid: boolean; json?: boolean; intro?: string }): number {
  const failed = report.invalid.length > 0 && !o.skipInvalid;
  if (o.json) printJson(io, report);
  else (failed ? io.err : io.out)(`${o.intro ?? ''}${formatReport(report, o.skipInvalid)}`);
  if (failed && o.json) io.err(`concord ${command}: nothing imported: ${report.invalid.length} invalid row(s), first on line ${report.invalid[0].line}\n`);
  return failed ? 2 : 0;
}

export const importCommand: Command = {
  usage,
  async run(argv, io, ctx) {
    const { values } = parseFlags(argv, { ...IMPORT_FLAGS, file: { type: 'string' }, format: { type: 'string' } }, usage);
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const file = requireFlag(values.file, 'file', usage);
    const options = importFlagValues(values, io);
    const report = await withActor(dir, ctx, 'import', { roles: ['owner'], writes: true }, (ws, actor) =>
      importSamples(ws, { file, format: values.format, ...options }, actor.id),
    );
    return finishImport(io, 'import', report, { skipInvalid: options.skipInvalid, json: values.json });
  },
};
