/**
 * Adds the evaluated municipality's värdegrund to an evaluation as a document source of type
 * "vardegrund": its title, the link to the adopted document and the values with what they mean
 * as the notes, so questions can cite it as evidence. Goes through `recordDocument` (the
 * evaluation's version lock and the audit trail). Who may do it is the caller's check.
 */
import type { Db } from '../../db/client.ts';
import { getMunicipality } from '../../db/repositories/municipalities.ts';
import type { Source } from '../../db/repositories/sources.ts';
import { listValues } from '../../db/repositories/values.ts';
import { getWorkspaceEvaluation } from '../../db/repositories/workspace.ts';
import { StorageError } from '../../db/errors.ts';
import { recordDocument } from '../record-document.ts';
import { refused, type Outcome } from '../workspace-outcome.ts';

export async function addValuesSource(
  db: Db,
  input: { actorUserId: string; evaluationId: string },
): Promise<Outcome<Source>> {
  const evaluation = await getWorkspaceEvaluation(db, input.evaluationId);
  if (!evaluation)
    throw new StorageError('not-found', `evaluation ${input.evaluationId} does not exist`);
  const [municipality, values] = [
    await getMunicipality(db, evaluation.municipalityCode),
    await listValues(db, evaluation.municipalityCode),
  ];
  if (values.length === 0) {
    return refused([
      {
        field: 'vardegrund',
        message: `${municipality?.name ?? 'Kommunen'} har ingen värdegrund registrerad. Kommunen eller en administratör lägger in den på kommunens sida.`,
      },
    ]);
  }
  const year = values.find((v) => v.adoptedYear !== null)?.adoptedYear ?? null;
  const url = values.find((v) => v.documentUrl !== null)?.documentUrl ?? null;
  const notes = values
    .map((v) =>
      [
        `${v.name}${v.meaning ? `: ${v.meaning}` : ''}`,
        v.office && v.officeMeaning ? `  För ${v.office}: ${v.officeMeaning}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
  const source = await recordDocument(db, {
    actorUserId: input.actorUserId,
    evaluationId: evaluation.id,
    kind: 'document',
    title: `Värdegrund, ${municipality?.name ?? evaluation.municipalityCode}${year ? ` (antagen ${String(year)})` : ''}`,
    documentType: 'vardegrund',
    datedOn: null,
    url,
    notes: notes.slice(0, 8000),
    file: null,
  });
  return { ok: true, value: source };
}
