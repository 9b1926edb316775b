import { z } from 'zod';

// A profile's id is chosen by people (`r7`, `alice`) and ends up in events, exports and file names,
// so its shape is checked everywhere it enters: the API, the CLI, label import.
export const PROFILE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const PROFILE_ID_RULE = '1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';
export const profileIdSchema = z.string().regex(PROFILE_ID_PATTERN, `must be ${PROFILE_ID_RULE}`);

/** A profile id from a display name or user name: "Ana María López" -> "ana-maria-lopez" ('' when nothing is left). */
export function slugifyProfileId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 64)
    .replace(/[-._]+$/, '');
}
