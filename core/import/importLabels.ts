import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PROFILE_ID_PATTERN, PROFILE_ID_RULE } from '../../shared/auth/profileId';
import type { NewEvent } from '../../shared/events';
import { validateLabelValues } from '../../shared/guidelines/labelValues';
import { InputError } from '../errors';
import { checkInputFile } from '../files/inputFile';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, getGuideline } from '../workspace/guidelines';
import type { Workspace } from '../workspace/workspace';
import { readLines } from './lines';

// Labels made elsewhere (another offline machine, a labeling vendor) come in as ordinary
// `label.submitted` events. Importing the same file twice changes nothing the second time (a label
// already there is `unchanged`), and the label id is derived from the content, so the same label
// imported on two machines is one label with two submissions when they merge. The events get
// ordinary ids: an event's id names one clock, and two machines importing one file stamp two. The
// owner who imports them (`by`) is their author; the label's rater is in the payload, as always.

const lineSchema = z.strictObject({
  sample: z.string().min(1),
  rater: z.string().regex(PROFILE_ID_PATTERN, `rater must be ${PROFILE_ID_RULE}`),
  values: z.record(z.string(), z.unknown()),
  guideline: z.string().regex(/^[^@]+@[^@]+$/, 'guideline must be ID@VERSION').optional(),
  timeSpentMs: z.number().int().min(0).default(0),
  /** The label's id where it was made, if it has one. */
  id: z.string().min(1).optional(),
});

export interface LabelImportReport {
  imported: number;
  unchanged: number;
  conflicts: { line: number; sample: string; rater: string }[];
  invalid: { line: number; error: string }[];
}

/** A UUID (version 8, RFC 9562 §5.8) derived from content: the same label gives the same event id. */
function contentUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\0')).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const canonical = (v: unknown): string =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? `{${Object.keys(v as object)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : JSON.stringify(v);

/**
 * `onlyRater`: a rater bringing in labels they made in another tool (on a member's replica, the
 * member): lines of any other rater are refused, and the rater authors the events.
 */
export async function importLabels(ws: Workspace, opts: { file: string; skipInvalid?: boolean; onlyRater?: string }, by: string): Promise<LabelImportReport> {
  checkInputFile(opts.file);
  const report: LabelImportReport = { imported: 0, unchanged: 0, conflicts: [], invalid: [] };
  const active = activeGuidelineRef(ws);
  const hasSample = prepared(ws.db, 'SELECT 1 FROM samples WHERE id = ?');
  const existing = prepared(ws.db, 'SELECT id, value FROM labels WHERE sample_id = ? AND rater_id = ? AND guideline_id = ? AND guideline_version = ?');
  const events: { line: number; events: NewEvent[]; key: string }[] = [];
  const seenKeys = new Map<string, number>();
  const newRaters = new Set<string>();
  let lines;
  try {
    lines = readLines(opts.file);
    for await (const chunk of lines) {
      for (const { line, text, encodingError } of chunk) {
        if (!text.trim()) continue;
        const bad = (error: string) => report.invalid.push({ line, error });
        if (encodingError) {
          bad(encodingError);
          continue;
        }
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (e) {
          bad(`invalid JSON: ${(e as Error).message}`);
          continue;
        }
        const parsed = lineSchema.safeParse(json);
        if (!parsed.success) {
          const i = parsed.error.issues[0];
          bad(`${i.path.length ? `"${i.path.join('.')}": ` : ''}${i.message}`);
          continue;
        }
        const l = parsed.data;
        if (opts.onlyRater !== undefined && l.rater !== opts.onlyRater) {
          bad(`"rater": "${l.rater}" is not ${opts.onlyRater}: as ${opts.onlyRater}, only your own labels come in`);
          continue;
        }
        const [gid, gver] = l.guideline ? l.guideline.split('@') : [active?.id, active?.version];
        if (!gid || !gver) {
          bad('no "guideline" and the workspace has no active guideline');
          continue;
        }
        const pack = getGuideline(ws, { id: gid, version: gver });
        if (!pack) {
          bad(`guideline ${gid}@${gver} is not published in this workspace`);
          continue;
        }
        if (!hasSample.get(l.sample)) {
          bad(`no sample "${l.sample}" in the workspace`);
          continue;
        }
        const errors = validateLabelValues(pack, l.values);
        if (errors.length) {
          bad(`"values": ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
          continue;
        }
        const key = `${l.sample}\0${l.rater}\0${gid}@${gver}`;
        const earlier = seenKeys.get(key);
        if (earlier !== undefined) {
          bad(`a second label by "${l.rater}" for "${l.sample}" (first on line ${earlier})`);
          continue;
        }
        seenKeys.set(key, line);
        const stored = existing.get(l.sample, l.rater, gid, gver) as { id: string; value: string } | undefined;
        if (stored) {
          if (canonical(JSON.parse(stored.value)) === canonical(l.values)) report.unchanged++;
          else report.conflicts.push({ line, sample: l.sample, rater: l.rater });
          continue;
        }
        const labelId = contentUuid('label', l.id ?? '', key, canonical(l.values));
        const batch: NewEvent[] = [];
        if (!newRaters.has(l.rater) && !prepared(ws.db, 'SELECT 1 FROM raters WHERE id = ?').get(l.rater)) {
          newRaters.add(l.rater);
          batch.push(newEvent('rater.created', by, { raterId: l.rater, name: l.rater, roles: ['rater'] }));
        }
        batch.push(
          newEvent('label.submitted', by, { labelId, sampleId: l.sample, raterId: l.rater, guideline: { id: gid, version: gver }, values: l.values, timeSpentMs: l.timeSpentMs }),
        );
        events.push({ line, events: batch, key });
      }
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new InputError(`cannot read ${opts.file}: no such file`);
    throw e;
  }
  if (report.invalid.length && !opts.skipInvalid) return report;
  for (let i = 0; i < events.length; i += 1000) {
    const chunk = events.slice(i, i + 1000);
    report.imported += chunk.length;
    appendEvents(ws.db, chunk.flatMap((c) => c.events));
  }
  return report;
}
