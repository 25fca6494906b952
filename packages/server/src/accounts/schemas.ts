// Shapes of the accounts API (docs/api.md, "Accounts").
import { z } from 'zod';
import { PASSWORD_RULE } from './passwords.js';

export const email = z.email({ error: 'must be an e-mail address' }).max(320);
export const password = z.string().min(PASSWORD_RULE.minLength, PASSWORD_RULE.message).max(1024);
export const personName = z.string().trim().min(1, 'must not be empty').max(200);
export const role = z.enum(['admin', 'maker']);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  createdAt: z.string(),
});

export const setupBody = z.object({ email, name: personName, password });
export const loginBody = z.object({ email: z.string().min(1, 'must not be empty').max(320), password: z.string().min(1, 'must not be empty').max(1024) });
export const newUserBody = z.object({ email, name: personName, password, role: role.default('maker') });
export const newTokenBody = z.object({ name: z.string().trim().min(1, 'must not be empty').max(100) });
export const idParams = z.object({ id: z.string().min(1).max(200) });

export const authStateSchema = z.object({ needsSetup: z.boolean(), user: userSchema.nullable(), csrfToken: z.string().nullable() });
export const signedInSchema = z.object({ user: userSchema, csrfToken: z.string() });
export const tokenSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), token: z.string().optional() });
export const directorySchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })) });
