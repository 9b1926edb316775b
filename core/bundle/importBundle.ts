import { statSync } from 'node:fs';
import { z } from 'zod';
import { aheadOf, MAX_DRIFT_MS } from '../../shared/clock/hlc';
import { mayWrite } from '../../shared/auth/eventPermissions';
import { parseEvent, type ConcordEvent } from '../../shared/events';
import { InputError } from '../errors';
import { checkReadable } from '../import/sourceFile';
import { readLines } from '../import/lines';
import { emptyReceiveReport, receiveEvents, stillPending, type RemoteEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { authorFacts } from '../workspace/authorFacts';
import { createReplica, openWorkspace, workspaceExists, type Workspace } from '../workspace/workspace';
import { bundleHeaderSchema, topLevelValueText, type BundleHeader } from './format';

export interface BundleImportReport {
  applied: number;
  duplicates: number;
  /** Events of this bundle stored but still waiting for one they refer to. */
  pending: number;
  /** Events not stored: their author may not write them here (the reason says why). */
  rejected: { event: string; reason: string }[];
  /** Events stored but not applied: they cannot apply (the reason says why). */
  setAside: { event: string; reason: string }[];
}

export interface BundleImportResult {
  report: BundleImportReport;
  workspace: string;
  /** The directory had no workspace: it is now a replica of the bundle's. */
  created: boolean;
  /** Events stamped more than MAX_DRIFT_MS ahead of this machine's clock: one of the two clocks is off. */
  clockAhead: { events: number; maxMs: number };
}

/** Events are applied in transactions of this many: a large bundle never holds the write lock for long. */
const EVENTS_PER_TRANSACTION = 500;

const issue = (e: unknown) => (e instanceof z.ZodError ? e.issues.map((i) => `${i.path.length ? `"${i.path.join('.')}": ` : ''}${i.message}`).join('; ') : (e as Error).message);

/** One line of a bundle as an event, with its payload's text as written; throws a message naming what is wrong. */
function parseLine(text: string): RemoteEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`invalid JSON: ${(e as Error).message}`);
  }
  const event = parseEvent(json);
  const payloadJson = topLevelValueText(text, 'payload');
  if (payloadJson === undefined) throw new Error('"payload": missing');
  return { event, payloadJson };
}

type Line = { line: number; text: string };

async function* bundleLines(file: string): AsyncGenerator<Line[]> {
  for await (const chunk of readLines(file)) {
    const lines: Line[] = [];
    for (const { line, text, encodingError } of chunk) {
      if (encodingError) throw new InputError(`${file} line ${line}: ${encodingError}`);
      if (text.trim()) lines.push({ line, text });
    }
    yield lines;
  }
}

/**
 * First pass: the header, and every line an event, or an error naming the first bad line; and the
 * profiles the bundle creates. Nothing is written.
 */
async function validateBundle(file: string): Promise<{ header: BundleHeader; events: number; profiles: Set<string> }> {
  let header: BundleHeader | undefined;
  let events = 0;
  const profiles = new Set<string>();
  for await (const lines of bundleLines(file)) {
    for (const { line, text } of lines) {
      if (!header) {
        try {
          const json = JSON.parse(text);
          if (typeof json !== 'object' || json === null || !('concord_bundle' in json)) throw new Error('the first line must be the header {"concord_bundle": 1, "workspace": ...}');
          header = bundleHeaderSchema.parse(json);
        } catch (e) {
          throw new InputError(`${file} line ${line}: not a Concord bundle: ${issue(e)}`);
        }
        continue;
      }
      let event: ConcordEvent;
      try {
        ({ event } = parseLine(text));
      } catch (e) {
        throw new InputError(`${file} line ${line}: ${issue(e)}; nothing was imported`);
      }
      if (event.type === 'rater.created') profiles.add((event as ConcordEvent<'rater.created'>).payload.raterId);
      events++;
    }
  }
  if (!header) throw new InputError(`${file} is empty: not a Concord bundle`);
  return { header, events, profiles };
}

/** Who may import: each is called after the bundle is checked and before anything is written; it throws to refuse. */
export interface BundleImportAccess {
  /** Into an existing workspace (the CLI: its acting profile and that profile's roles). */
  intoWorkspace?: (ws: Workspace) => void;
  /** Into a folder with no workspace, which becomes a replica: the profiles the bundle creates. */
  intoNewReplica?: (profiles: ReadonlySet<string>) => void;
}

/** The permission check of one event, against what this replica knows at that moment. */
function checkFor(ws: Workspace, header: BundleHeader) {
  return (e: ConcordEvent) => {
    if (e.type === 'workspace.created' && (e as ConcordEvent<'workspace.created'>).payload.workspaceId !== header.workspace) {
      return { ok: false as const, reason: `it creates workspace ${(e as ConcordEvent<'workspace.created'>).payload.workspaceId}, but the bundle is of ${header.workspace}` };
    }
    return mayWrite(e, authorFacts(ws.db, e.author));
  };
}

/**
 * Applies a bundle's events to the workspace in `dir` (made a replica of the bundle's workspace when
 * there is none): idempotently, in any order of bundles. A malformed line, or a bundle of another
 * workspace, changes nothing (InputError). Each event is checked against the roles this replica knows
 * for its author at that point; one refused is reported and not stored, and nothing else is lost.
 */
export async function importBundle(dir: string, file: string, access: BundleImportAccess = {}): Promise<BundleImportResult> {
  checkReadable(file, 'jsonl');
  const before = statSync(file);
  const { header, profiles } = await validateBundle(file);

  let created = false;
  let ws: Workspace;
  if (workspaceExists(dir)) {
    ws = openWorkspace(dir);
    try {
      const mine = prepared(ws.db, `SELECT value FROM meta WHERE key = 'workspace_id'`).pluck().get() as string | undefined;
      if (mine !== undefined && mine !== header.workspace) {
        throw new InputError(`${file} is a bundle of workspace ${header.workspace}; ${dir} is workspace ${mine}: nothing was imported`);
      }
      access.intoWorkspace?.(ws);
    } catch (e) {
      ws.close();
      throw e;
    }
  } else {
    access.intoNewReplica?.(profiles);
    ws = createReplica(dir);
    created = true;
  }

  const report = emptyReceiveReport();
  const clockAhead = { events: 0, maxMs: 0 };
  try {
    const now = statSync(file);
    if (now.size !== before.size || now.mtimeMs !== before.mtimeMs) throw new InputError(`${file} changed while it was being read; import it again`);
    const check = checkFor(ws, header);
    let chunk: RemoteEvent[] = [];
    const flush = () => {
      if (chunk.length) receiveEvents(ws.db, chunk, check, report);
      chunk = [];
    };
    let first = true;
    for await (const lines of bundleLines(file)) {
      for (const { line, text } of lines) {
        if (first) {
          first = false; // the header, read in the first pass
          continue;
        }
        let remote: RemoteEvent;
        try {
          remote = parseLine(text);
        } catch (e) {
          throw new InputError(`${file} line ${line}: ${issue(e)} (the file changed while it was imported; import it again)`);
        }
        const ahead = aheadOf(remote.event.hlc, Date.now());
        if (ahead > MAX_DRIFT_MS) {
          clockAhead.events++;
          clockAhead.maxMs = Math.max(clockAhead.maxMs, ahead);
        }
        chunk.push(remote);
        if (chunk.length >= EVENTS_PER_TRANSACTION) flush();
      }
    }
    flush();
    return {
      report: { applied: report.applied, duplicates: report.duplicates, pending: stillPending(ws.db, report.pending).length, rejected: report.rejected, setAside: report.setAside },
      workspace: header.workspace,
      created,
      clockAhead,
    };
  } finally {
    ws.close();
  }
}
