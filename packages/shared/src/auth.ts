import { z } from 'zod';

export const ROLES = ['operator', 'manager', 'approver', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const LoginRequestSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The signed-in user as the SPA sees it. */
export const MeSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
});
export type Me = z.infer<typeof MeSchema>;
