// Reads an Inspect AI log the way Inspect reads it (inspect_ai/log/_recorders/eval.py and json.py):
// an `.eval` zip holds header.json (or, while the eval runs, only _journal/start.json), one member
// per sample and epoch under samples/, summaries and reductions; a `.json` log is one document
// with the header's fields and a `samples` list.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { inspectEval, type InspectEval } from '../../shared/samples/inspect';
import { parseLooseJson } from '../../shared/samples/looseJson';
import { InputError } from '../errors';
import { openZip, type ZipMember, type ZipReader } from './zipRead';

export const HEADER_JSON = 'header.json';
export const JOURNAL_START = '_journal/start.json';
const SAMPLE_MEMBER = /^samples\/(.*)_epoch_(\d+)\.json$/;

/** One sample of the log: its place (1-based, in Inspect's order) and its document, or why it cannot be read. */
export type LogSample = { index: number; name: string; sample: unknown; error?: undefined } | { index: number; name: string; error: string; sample?: undefined };

export interface InspectLog {
  kind: 'eval' | 'json';
  eval: InspectEval;
  /** The header document (header.json, the journal's start.json, or a JSON log without its samples). */
  header: Record<string, unknown>;
  /** True for a log Inspect is still writing (no header.json yet). */
  inProgress: boolean;
  samples(): AsyncGenerator<LogSample>;
  close(): void;
}

/** Does the file start like a zip (an `.eval` log)? */
export function isZipFile(file: string): boolean {
  return headBytes(file, 4).equals(Buffer.from('PK\x03\x04', 'latin1'));
}

/** Does the file look like an Inspect `.json` log (one pretty-printed object with "version" and "eval")? */
export function looksLikeInspectJson(file: string): boolean {
  const head = headBytes(file, 4096).toString('utf8');
  return /^\s*\{\s*"version"\s*:\s*\d+\s*,/.test(head) && /"eval"\s*:\s*\{/.test(head);
}

function headBytes(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

function parseDocument(file: string, what: string, bytes: Buffer): unknown {
  try {
    return parseLooseJson(bytes.toString('utf8'));
  } catch (e) {
    throw new InputError(`${file}: ${what} is not valid JSON (${(e as Error).message})`);
  }
}

function evalOf(file: string, header: unknown): InspectEval {
  try {
    return inspectEval(header);
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
}

// Inspect's order: by epoch, then id (an integer id zero-filled to 20 digits) (inspect_ai/log/_log.py sort_samples).
const sortKey = (id: string, epoch: number) => [epoch, /^\d+$/.test(id) ? id.padStart(20, '0') : id] as const;
function compareKeys(a: readonly [number, string], b: readonly [number, string]) {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

/** The sample members of an `.eval` log in Inspect's order. */
export function sampleMembers(zip: ZipReader): ZipMember[] {
  return zip.members
    .flatMap((m) => {
      const match = SAMPLE_MEMBER.exec(m.name);
      return match ? [{ m, key: sortKey(match[1], Number(match[2])) }] : [];
    })
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((x) => x.m);
}

/** Opens an Inspect log; a file that is not one (or is damaged) is bad input, named in one line. */
export async function openInspectLog(file: string): Promise<InspectLog> {
  if (isZipFile(file)) return openEvalLog(file);
  const doc = parseDocument(file, 'the log', readFileSync(file));
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new InputError(`${file}: not an Inspect log (not a JSON object)`);
  const { samples, ...header } = doc as Record<string, unknown>;
  const ev = evalOf(file, header);
  const list = Array.isArray(samples) ? samples : [];
  const order = list
    .map((s, i) => ({ s, i, key: sortKey(String((s as Record<string, unknown>)?.id ?? ''), Number((s as Record<string, unknown>)?.epoch ?? 0)) }))
    .sort((a, b) => compareKeys(a.key, b.key) || a.i - b.i);
  return {
    kind: 'json',
    eval: ev,
    header,
    inProgress: false,
    async *samples() {
      let index = 0;
      for (const { s, i } of order) yield { index: ++index, name: `samples[${i}]`, sample: s };
    },
    close() {},
  };
}

async function openEvalLog(file: string): Promise<InspectLog> {
  const zip = await openZip(file);
  try {
    const headerMember = zip.get(HEADER_JSON) ?? zip.get(JOURNAL_START);
    if (!headerMember) throw new InputError(`${file}: not an Inspect log (the zip has neither ${HEADER_JSON} nor ${JOURNAL_START})`);
    const header = parseDocument(file, headerMember.name, await zip.read(headerMember));
    const ev = evalOf(file, header);
    const members = sampleMembers(zip);
    return {
      kind: 'eval',
      eval: ev,
      header: header as Record<string, unknown>,
      inProgress: headerMember.name !== HEADER_JSON,
      async *samples() {
        let index = 0;
        for (const m of members) {
          index++;
          let text: string;
          try {
            text = (await zip.read(m)).toString('utf8');
          } catch (e) {
            yield { index, name: m.name, error: (e as Error).message };
            continue;
          }
          try {
            yield { index, name: m.name, sample: parseLooseJson(text) };
          } catch (e) {
            yield { index, name: m.name, error: `${m.name} is not valid JSON (${(e as Error).message})` };
          }
        }
      },
      close: () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}
