import { z } from 'zod';
import { RESOLUTIONS } from './metrics/resolution.ts';
import { QualitySchema } from './quality.ts';

export const ResolutionSchema = z.enum(
  Object.keys(RESOLUTIONS) as [keyof typeof RESOLUTIONS, ...(keyof typeof RESOLUTIONS)[]],
);

export const MetaSchema = z.object({
  resolution: ResolutionSchema.nullable(),
  generatedAt: z.number().int(),
  requestId: z.string(),
  /**
   * How old the figures were when this response left the server, by the server's own clock: a few
   * milliseconds for an answer computed for this request, more for one shared with readers before
   * it. Present on the read routes that share answers; a client compares it with no clock of its own.
   */
  ageMs: z.number().int().nonnegative().optional(),
});
export type Meta = z.infer<typeof MetaSchema>;

/** Every successful read: the data, how much it can be trusted, and how it was produced. */
export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({ data, quality: QualitySchema, meta: MetaSchema });
}
