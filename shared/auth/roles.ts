import { z } from 'zod';

// The roles a profile (and, with a hub, a team member) can hold, declared once: the API contract,
// the events and every role check import them from here.
export const roles = ['rater', 'adjudicator', 'owner'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
