import { z } from 'zod';

/** A flag on a chart: a deploy, an alert or a control action, at one instant. */
export const AnnotationSchema = z.object({
  ts: z.number().int(),
  kind: z.enum(['deploy', 'alert', 'action']),
  title: z.string(),
  eventId: z.string().nullable(),
  /** Set on control-action flags: the action whose timeline the flag opens. */
  actionId: z.number().int().positive().optional(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;
