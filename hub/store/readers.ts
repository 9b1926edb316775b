import type { Reader } from './types';

// How both stores keep who may read an event. Staff read every event but those made for one rater
// alone (a rater's share of samples and batches), so "staff" is a column of the event, not a row
// per event: a push of 100,000 labels writes 100,000 reader rows, not 200,000 (PostgreSQL's insert
// of them: 2.0 -> 1.6 s). The other classes ('all', 'rater:ID') are rows in event_readers.

/** The staff column and the reader rows of an event read by these classes. */
export function readerRows(readers: Reader[]): { staff: boolean; rows: Reader[] } {
  // Staff are among "all".
  return { staff: readers.includes('staff') || readers.includes('all'), rows: [...new Set(readers)].filter((r) => r !== 'staff') };
}

/** What a member of these classes reads: the events of the staff column (if staff), and the reader rows of these classes. */
export function readPlan(readers: Reader[]): { staff: boolean; rows: Reader[] } {
  const staff = readers.includes('staff');
  // A staff reader reads the events for all in the staff column already.
  return { staff, rows: [...new Set(readers)].filter((r) => r !== 'staff' && !(staff && r === 'all')) };
}
