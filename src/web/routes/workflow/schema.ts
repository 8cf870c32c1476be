/** The workflow forms' fields, validated at the edge. */
import { z } from 'zod';

const version = z.coerce
  .number({ error: 'Versionen saknas. Ladda om sidan och försök igen.' })
  .int({ error: 'Versionen saknas. Ladda om sidan och försök igen.' })
  .positive({ error: 'Versionen saknas. Ladda om sidan och försök igen.' });

export const REASON_MAX = 2000;

export const statusChangeSchema = z.object({
  transition: z.enum(['submit', 'publish', 'return'], {
    error: 'Välj vad som ska hända med utvärderingen.',
  }),
  version,
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, { error: `Skriv högst ${REASON_MAX} tecken.` })
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
});
export type StatusChangeInput = z.infer<typeof statusChangeSchema>;

export const correctionSchema = z.object({
  version,
  reason: z
    .string({ error: 'Skriv varför utvärderingen rättas.' })
    .trim()
    .min(1, { error: 'Skriv varför utvärderingen rättas.' })
    .max(REASON_MAX, { error: `Skriv högst ${REASON_MAX} tecken.` }),
});
export type CorrectionInput = z.infer<typeof correctionSchema>;
