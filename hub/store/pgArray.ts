// A PostgreSQL array literal ('{"a","b"}') for a bulk statement's unnest($n::text[]) parameter.
// The pg driver builds the same literal with `result += element`, a chain of one rope string per
// piece: for the 100,000-assignment arrays of a batch that is millions of rope nodes live at once
// (~160 MB of heap on the bench's owner push, and the hub's RSS near 900 MB). join() builds one
// flat string. Elements are quoted and escaped as the driver does (backslash, double quote); most
// (ids, names) need no escaping, and testing first is a third of the time of always replacing.
const special = /[\\"]/;
const specials = /[\\"]/g;

export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${special.test(v) ? v.replace(specials, '\\$&') : v}"`)).join(',')}}`;
}
