/**
 * The evaluations that have interviews, with how many still hold names or notes and whether the
 * retention period has run out for them: what the admin's privacy page lists. No names or
 * notes, only counts.
 */
import { asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { evaluations, interviews, municipalities } from '../../db/schema.ts';
import { retentionCutoff } from './erase-interviews.ts';
import { getRetentionMonths } from './retention.ts';

export interface InterviewDataItem {
  evaluationId: string;
  municipalityCode: string;
  municipalityName: string;
  year: number;
  status: 'draft' | 'review' | 'published';
  current: boolean;
  publishedAt: Date | null;
  interviews: number;
  /** Interviews that still hold a name or notes. */
  withPersonalData: number;
  erasedAt: Date | null;
  /** Published before the retention cutoff and still holding personal data. */
  expired: boolean;
}

export interface InterviewDataOverview {
  retentionMonths: number | null;
  cutoff: Date | null;
  items: InterviewDataItem[];
}

export async function listInterviewData(
  db: Db,
  now: Date = new Date(),
): Promise<InterviewDataOverview> {
  const retentionMonths = await getRetentionMonths(db);
  const cutoff = retentionMonths === null ? null : retentionCutoff(now, retentionMonths);
  const rows = await db
    .select({
      evaluationId: evaluations.id,
      municipalityCode: evaluations.municipalityCode,
      municipalityName: municipalities.name,
      year: evaluations.year,
      status: evaluations.status,
      current: evaluations.current,
      publishedAt: evaluations.publishedAt,
      erasedAt: evaluations.personalDataErasedAt,
      interviews: count(interviews.id),
      withPersonalData: sql<number>`count(*) filter (where ${interviews.name} is not null or ${interviews.notes} <> '')::int`,
    })
    .from(evaluations)
    .innerJoin(interviews, eq(interviews.evaluationId, evaluations.id))
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .groupBy(evaluations.id, municipalities.name)
    .orderBy(asc(municipalities.name), desc(evaluations.year), desc(evaluations.revision));
  return {
    retentionMonths,
    cutoff,
    items: rows.map((row) => ({
      ...row,
      interviews: Number(row.interviews),
      withPersonalData: Number(row.withPersonalData),
      expired:
        cutoff !== null &&
        row.publishedAt !== null &&
        row.publishedAt <= cutoff &&
        Number(row.withPersonalData) > 0,
    })),
  };
}
