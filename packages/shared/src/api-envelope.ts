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
});
export type Meta = z.infer<typeof MetaSchema>;

/** Every successful read: the data, how much it can be trusted, and how it was produced. */
export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({ data, quality: QualitySchema, meta: MetaSchema });
}
