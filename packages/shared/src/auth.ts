import { z } from 'zod';

export const ROLES = ['operator', 'manager', 'approver', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/**
 * A username in canonical form: printable ASCII (the column is ASCII, compared byte for byte)
 * without leading or trailing whitespace, which the database's PAD SPACE collation would ignore
 * (`"admin "` must never be `admin`).
 */
export const UsernameSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((value) => value.trim() === value, 'must not start or end with whitespace')
  .refine((value) => /^[\x20-\x7E]*$/.test(value), 'must be printable ASCII');

export const LoginRequestSchema = z.strictObject({
  username: UsernameSchema,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The signed-in user as the SPA sees it. `teams` holds `*` for a fleet-wide user. */
export const MeSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  teams: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;

/**
 * `GET /api/v1/auth/session`, open to anyone: who is signed in on this browser, or null. It
 * answers 200 either way, so a signed-out SPA learns so without a refused (401) request.
 */
export const SessionAnswerSchema = z.object({ data: MeSchema.nullable() });
export type SessionAnswer = z.infer<typeof SessionAnswerSchema>;

/** Which ways of signing in the server offers: `GET /api/v1/auth/config`, open to anyone. */
export const AuthConfigSchema = z.object({
  localLogin: z.boolean(),
  sso: z.object({ providerName: z.string(), loginUrl: z.string().startsWith('/') }).nullable(),
});
export type AuthConfig = z.infer<typeof AuthConfigSchema>;
