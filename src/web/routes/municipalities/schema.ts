/**
 * Input of the municipality pages, validated at the edge. Messages are Swedish: they are shown
 * next to the field they concern.
 */
import { z } from 'zod';

export const QUERY_MAX_LENGTH = 100;

/** `GET /kommuner?q=…&lan=…`: both optional; empty means "not given". */
export const MunicipalityListQuerySchema = z.object({
  q: z
    .string({ error: 'Skriv sökordet en gång.' })
    .trim()
    .max(QUERY_MAX_LENGTH, { error: `Sökordet får vara högst ${QUERY_MAX_LENGTH} tecken.` })
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'Sökordet får bara innehålla vanliga tecken.' })
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  lan: z
    .string({ error: 'Välj ett län i listan.' })
    .trim()
    .regex(/^(\d{2})?$/, { error: 'Välj ett län i listan.' })
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
});

export type MunicipalityListQuery = z.infer<typeof MunicipalityListQuerySchema>;

/** What the form shows back: the raw values, so a rejected value stays in the field to correct. */
export interface MunicipalityListForm {
  q: string;
  lan: string;
}

/** `GET /kommuner/:code`: a kommunkod is four digits. */
export const MunicipalityCodeSchema = z.string().regex(/^\d{4}$/);
