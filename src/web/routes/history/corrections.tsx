/**
 * The notice a public page shows when a published evaluation was corrected: when, by whom and
 * why, with links between the revisions. Data from `listCorrections` (./load.ts), which reads the
 * audit trail; only correction entries are used, so nothing unpublished or personal is shown
 * beyond the corrector's name and the reason they gave for the readers.
 *
 * @example
 * const corrections = await listCorrections(db, evaluation.id);
 * <CorrectionNotice corrections={corrections} />
 */
import { formatDate } from '../../format.ts';
import type { CorrectionNote } from './load.ts';

export function CorrectionNotice({ corrections }: { corrections: readonly CorrectionNote[] }) {
  if (corrections.length === 0) return null;
  return (
    <section class="notice" aria-labelledby="rattelser-rubrik">
      <h2 id="rattelser-rubrik">Rättelser</h2>
      <ul>
        {corrections.map((correction) => (
          <li key={`${String(correction.toRevision)}`}>
            Revision {correction.toRevision} rättar revision {correction.fromRevision}: påbörjad{' '}
            <time dateTime={correction.at.toISOString()}>{formatDate(correction.at)}</time>
            {correction.by ? ` av ${correction.by}` : ''}.
            {correction.reason ? ` Anledning: ${correction.reason}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
