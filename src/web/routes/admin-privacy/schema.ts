/** The admin privacy page's forms, validated at the edge (messages in Swedish). */
import { z } from 'zod';
import { isUuid } from '../../../db/repositories/workspace.ts';
import {
  RETENTION_MAX_MONTHS,
  RETENTION_MIN_MONTHS,
} from '../../../use-cases/privacy/retention.ts';

const MONTHS_MESSAGE = `Ange ett helt antal månader mellan ${String(RETENTION_MIN_MONTHS)} och ${String(RETENTION_MAX_MONTHS)}, eller lämna fältet tomt.`;

/** The retention period: whole months, or empty for none. */
export const retentionSchema = z.object({
  months: z
    .string({ error: MONTHS_MESSAGE })
    .trim()
    .max(6, { error: MONTHS_MESSAGE })
    .transform((value, context) => {
      if (value === '') return null;
      const months = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!(months >= RETENTION_MIN_MONTHS && months <= RETENTION_MAX_MONTHS)) {
        context.addIssue({ code: 'custom', message: MONTHS_MESSAGE });
        return z.NEVER;
      }
      return months;
    }),
});

const confirm = (message: string) => z.literal('ja', { error: message });

export const CONFIRM_MESSAGE =
  'Kryssa i att du förstår att namn och anteckningar raderas för gott.';

export const eraseExpiredSchema = z.object({ 'confirm-expired': confirm(CONFIRM_MESSAGE) });

export const eraseOneSchema = z.object({
  evaluation: z
    .string({ error: 'Välj en utvärdering.' })
    .trim()
    .refine(isUuid, { error: 'Välj en utvärdering i listan.' }),
  'confirm-one': confirm(CONFIRM_MESSAGE),
});

/** A person's e-mail address or name: exactly one of them. */
export const personSchema = z
  .object({
    email: z.string().trim().max(320).optional().default(''),
    name: z.string().trim().max(200).optional().default(''),
  })
  .superRefine((value, context) => {
    if (value.email === '' && value.name === '') {
      context.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Skriv personens e-postadress eller namn.',
      });
    } else if (value.email !== '' && value.name !== '') {
      context.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'Skriv antingen e-postadress eller namn, inte båda.',
      });
    }
  });
