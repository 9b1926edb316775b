// Label sources: one label per item (a gold set, an adjudicated set, one rater's labels, a model's).
import { normalizeValue } from './matrix';
import type { Value } from './types';

/** Item id -> label. */
export type LabelSource = ReadonlyMap<string, Value> | Readonly<Record<string, Value>>;

/** The entries of a label source with values normalized like compileRatings does ("3" is 3); throws on an invalid value. */
export function labelEntries(src: LabelSource): [string, Value][] {
  const raw: [string, Value][] = src instanceof Map ? [...src.entries()] : Object.entries(src as Record<string, Value>);
  return raw.map(([item, v]) => {
    const n = normalizeValue(v, false);
    if (n === undefined) throw new RangeError(`label of item ${JSON.stringify(item)} must be a string or a finite number`);
    return [item, n];
  });
}
