/**
 * Loading an evaluation for the signed-in pages of the workflow and the history: the record, its
 * municipality and edition, and the resource the access policy decides on. An evaluation the
 * viewer may not read answers exactly like an unknown one (404), so its existence stays private.
 */
import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { getEdition, type StoredEdition } from '../../../db/repositories/editions.ts';
import { getEvaluation, type EvaluationRecord } from '../../../db/repositories/evaluations.ts';
import { getMunicipality, type Municipality } from '../../../db/repositories/municipalities.ts';
import { evaluations } from '../../../db/schema.ts';
import type { EvaluationResource } from '../../../domain/access/index.ts';
import { accountSlot, can } from '../../auth/index.ts';
import type { LayoutProps } from '../../views/layout.tsx';
import { WebError } from '../../errors.ts';

export interface LoadedEvaluation {
  record: EvaluationRecord;
  resource: EvaluationResource;
  municipality: Municipality;
  edition: StoredEdition;
}

/** Whether the team opened an unpublished evaluation to its municipality. */
async function sharedWithMunicipality(db: Db, id: string): Promise<boolean> {
  const [row] = await db
    .select({ shared: evaluations.sharedWithMunicipality })
    .from(evaluations)
    .where(eq(evaluations.id, id));
  return row?.shared === true;
}

/** The evaluation as the policy sees it. */
export async function evaluationResource(
  db: Db,
  record: Pick<EvaluationRecord, 'id' | 'municipalityCode' | 'status'>,
): Promise<EvaluationResource> {
  return {
    id: record.id,
    municipalityCode: record.municipalityCode,
    status: record.status,
    sharedWithMunicipality: await sharedWithMunicipality(db, record.id),
  };
}

/** The evaluation `id` if the request's viewer may read it; 404 otherwise. */
export async function loadReadableEvaluation(
  db: Db,
  request: FastifyRequest,
  id: string,
): Promise<LoadedEvaluation> {
  const record = await getEvaluation(db, id);
  const resource = record ? await evaluationResource(db, record) : undefined;
  if (!record || !resource || !can(request.viewer, 'evaluation.read', resource)) {
    throw new WebError('not-found', `evaluation ${id} is unknown or not readable by this viewer`);
  }
  const [municipality, edition] = await Promise.all([
    getMunicipality(db, record.municipalityCode),
    getEdition(db, record.editionId),
  ]);
  if (!municipality || !edition) {
    throw new Error(`evaluation ${id} names a municipality or edition that does not exist`);
  }
  return { record, resource, municipality, edition };
}

/** "Strängnäs 2016" (with the revision when there were corrections). */
export function evaluationName(loaded: LoadedEvaluation): string {
  const { record, municipality } = loaded;
  const base = `${municipality.name} ${record.year}`;
  return record.revision > 1 ? `${base}, revision ${record.revision}` : base;
}

/** The page frame's path and account corner for this request. */
export type Chrome = Pick<LayoutProps, 'path' | 'account'>;

export function chromeOf(request: FastifyRequest): Chrome {
  return { path: request.url.split('?')[0] ?? '/', account: accountSlot(request) };
}
