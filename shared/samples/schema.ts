import { z } from 'zod';

// The canonical sample every import produces, whatever the source file's field names were.
export const chatMessageSchema = z.object({
  role: z.string().min(1, 'role must be a non-empty string'),
  content: z.string(),
});

export const sampleInputSchema = z.union([z.string(), z.array(chatMessageSchema)]);

/** True when a string has a UTF-16 surrogate without its pair: such an id has no UTF-8 form, so it could not be stored or matched. */
export const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

export const sampleSchema = z.object({
  id: z
    .string()
    .min(1)
    .refine((id) => !hasLoneSurrogate(id), 'not valid Unicode (a lone surrogate, such as an unpaired \\ud800 escape)'),
  input: sampleInputSchema,
  output: z.string(),
  model: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  scores: z.record(z.string(), z.number()).optional(),
});

export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type SampleInput = z.infer<typeof sampleInputSchema>;
export type Sample = z.infer<typeof sampleSchema>;

/** The canonical field names a `--map` may point at a source path. */
export const canonicalFields = ['id', 'input', 'output', 'model', 'metadata', 'scores'] as const;
export type CanonicalField = (typeof canonicalFields)[number];
