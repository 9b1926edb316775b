import { z } from 'zod';
import { isUuid } from '../../shared/ids';
import type { EventRow } from '../store/eventRows';

// The bundle format (README "Bundles"): JSONL. The first line is a header; every other line is one
// event exactly as its replica stores it: {"id","type","author","ts","hlc","origin","payload"}, the
// payload's JSON as stored, byte for byte.

export const BUNDLE_VERSION = 1;

export const bundleHeaderSchema = z.object({
  concord_bundle: z.literal(BUNDLE_VERSION, { message: `must be ${BUNDLE_VERSION} (a Concord bundle of this version)` }),
  workspace: z.string().min(1),
  /** The workspace's name, for a replica made from the bundle to show. */
  name: z.string().optional(),
  /** The replica that wrote the bundle. */
  origin: z.string().refine(isUuid, 'must be a replica id').optional(),
  events: z.number().int().nonnegative().optional(),
  /** The writer's log position the bundle starts after (0: everything). */
  after: z.number().int().nonnegative().optional(),
  created: z.string().optional(),
});
export type BundleHeader = z.infer<typeof bundleHeaderSchema>;

/** What `bundle export` saves beside its bundle, for `--since`: where in this replica's log it stopped. */
export const cursorSchema = z.object({
  concord_cursor: z.literal(1),
  workspace: z.string().min(1),
  replica: z.string().refine(isUuid),
  seq: z.number().int().nonnegative(),
});
export type BundleCursor = z.infer<typeof cursorSchema>;

/** One event line: the envelope's fields, then the payload's stored text as it is. */
export function eventLine(r: EventRow): string {
  const s = JSON.stringify;
  return `{"id":${s(r.id)},"type":${s(r.type)},"author":${s(r.author)},"ts":${s(r.ts)},"hlc":${s(r.hlc)},"origin":${s(r.origin)},"payload":${r.payload}}`;
}

/**
 * The text of a top-level member's value in a line of JSON that parses (so the payload keeps the
 * bytes its writer stored, whatever the member order). Undefined when the object has no such member.
 */
export function topLevelValueText(json: string, key: string): string | undefined {
  let depth = 0;
  let i = 0;
  const n = json.length;
  const skipString = (at: number) => {
    let j = at + 1;
    while (j < n && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  let expectKey = false;
  while (i < n) {
    const c = json[i];
    if (c === '"') {
      const end = skipString(i);
      if (depth === 1 && expectKey) {
        const name = JSON.parse(json.slice(i, end)) as string;
        let j = end;
        while (json[j] !== ':') j++;
        j++;
        while (/\s/.test(json[j])) j++;
        const start = j;
        // The value runs to the comma or brace that closes it at this depth.
        let d = 0;
        while (j < n) {
          const x = json[j];
          if (x === '"') {
            j = skipString(j);
            continue;
          }
          if (x === '{' || x === '[') d++;
          else if (x === '}' || x === ']') {
            if (d === 0) break;
            d--;
          } else if (x === ',' && d === 0) break;
          j++;
        }
        if (name === key) return json.slice(start, j).trimEnd();
        i = j;
        expectKey = false;
        continue;
      }
      i = end;
      continue;
    }
    if (c === '{') {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === '}' || c === ']') depth--;
    else if (c === '[') depth++;
    else if (c === ',' && depth === 1) expectKey = true;
    i++;
  }
  return undefined;
}
