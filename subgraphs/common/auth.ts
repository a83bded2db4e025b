import { z } from 'zod';

/** Who is calling: the claims of a verified bearer token (`tokens.ts`). */

export const ROLES = ['RECEPTIONIST', 'PROCESSOR', 'SUPERVISOR', 'SYSTEM'] as const;
export type Role = (typeof ROLES)[number];

export const identitySchema = z.object({
  /** Officer or system id. */
  sub: z.string().min(1),
  /** Printed on slips as người giao / người nhận. */
  name: z.string().min(1),
  /** Code of the caller's agency. */
  agency: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
});
export type Identity = z.infer<typeof identitySchema>;
