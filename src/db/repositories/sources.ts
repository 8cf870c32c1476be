/**
 * What an evaluation rests on: documents and website review notes (`sources`), interviews (kept
 * apart: names and notes are personal data, read only by the team and admins) and the evidence
 * links from questions to them. Writers take the caller's transaction; the use case audits.
 *
 * Uploaded files are stored in the database (`sources.file_data`, bytea): one place to back up,
 * the same on PGlite and PostgreSQL, and the 10 MB upload limit keeps rows reasonable.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  interviews,
  questionEvidence,
  sources,
  type DOCUMENT_TYPES,
  type INTERVIEW_CATEGORIES,
  type SOURCE_KINDS,
} from '../schema.ts';
import { isUuid } from './workspace.ts';

export type SourceKind = (typeof SOURCE_KINDS)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type InterviewCategory = (typeof INTERVIEW_CATEGORIES)[number];

export interface UploadedFile {
  name: string;
  type: string;
  data: Uint8Array;
}

export interface NewSource {
  evaluationId: string;
  kind: SourceKind;
  title: string;
  documentType: DocumentType | null;
  datedOn: string | null;
  url: string | null;
  notes: string | null;
  file: UploadedFile | null;
  createdBy: string | null;
}

/** A source without its file's bytes. */
export interface Source {
  id: string;
  evaluationId: string;
  kind: SourceKind;
  title: string;
  documentType: DocumentType | null;
  datedOn: string | null;
  url: string | null;
  notes: string | null;
  fileName: string | null;
  fileType: string | null;
  fileSize: number | null;
  createdAt: Date;
}

const sourceColumns = {
  id: sources.id,
  evaluationId: sources.evaluationId,
  kind: sources.kind,
  title: sources.title,
  documentType: sources.documentType,
  datedOn: sources.datedOn,
  url: sources.url,
  notes: sources.notes,
  fileName: sources.fileName,
  fileType: sources.fileType,
  fileSize: sources.fileSize,
  createdAt: sources.createdAt,
};

export async function insertSource(tx: Db, input: NewSource): Promise<Source> {
  const [row] = await tx
    .insert(sources)
    .values({
      evaluationId: input.evaluationId,
      kind: input.kind,
      title: input.title,
      documentType: input.documentType,
      datedOn: input.datedOn,
      url: input.url,
      notes: input.notes,
      fileName: input.file?.name ?? null,
      fileType: input.file?.type ?? null,
      fileSize: input.file?.data.byteLength ?? null,
      fileData: input.file?.data ?? null,
      createdBy: input.createdBy,
    })
    .returning(sourceColumns);
  if (!row) throw new Error('insert into sources returned no row');
  return row;
}

export async function listSources(db: Db, evaluationId: string): Promise<Source[]> {
  return db
    .select(sourceColumns)
    .from(sources)
    .where(eq(sources.evaluationId, evaluationId))
    .orderBy(asc(sources.createdAt), asc(sources.id));
}

/** A source's uploaded file, when it has one. */
export async function getSourceFile(
  db: Db,
  evaluationId: string,
  sourceId: string,
): Promise<{ name: string; type: string; data: Buffer } | undefined> {
  if (!isUuid(sourceId)) return undefined;
  const [row] = await db
    .select({ name: sources.fileName, type: sources.fileType, data: sources.fileData })
    .from(sources)
    .where(and(eq(sources.id, sourceId), eq(sources.evaluationId, evaluationId)));
  if (!row?.name || !row.data) return undefined;
  return {
    name: row.name,
    type: row.type ?? 'application/octet-stream',
    data: Buffer.from(row.data),
  };
}

export interface NewInterview {
  evaluationId: string;
  heldOn: string;
  category: InterviewCategory;
  name: string | null;
  notes: string;
  createdBy: string | null;
}

export interface Interview {
  id: string;
  evaluationId: string;
  heldOn: string;
  category: InterviewCategory;
  name: string | null;
  notes: string;
  createdAt: Date;
}

const interviewColumns = {
  id: interviews.id,
  evaluationId: interviews.evaluationId,
  heldOn: interviews.heldOn,
  category: interviews.category,
  name: interviews.name,
  notes: interviews.notes,
  createdAt: interviews.createdAt,
};

export async function insertInterview(tx: Db, input: NewInterview): Promise<Interview> {
  const [row] = await tx.insert(interviews).values(input).returning(interviewColumns);
  if (!row) throw new Error('insert into interviews returned no row');
  return row;
}

/**
 * An evaluation's interviews with names and notes: personal data. Callers must have checked
 * `can(viewer, 'interview.read', evaluation)`.
 */
export async function listInterviews(db: Db, evaluationId: string): Promise<Interview[]> {
  return db
    .select(interviewColumns)
    .from(interviews)
    .where(eq(interviews.evaluationId, evaluationId))
    .orderBy(asc(interviews.heldOn), asc(interviews.createdAt));
}

export interface Evidence {
  sourceIds: string[];
  interviewIds: string[];
}

/** Evidence per question id. */
export async function listEvidence(db: Db, evaluationId: string): Promise<Map<string, Evidence>> {
  const rows = await db
    .select({
      questionId: questionEvidence.questionId,
      sourceId: questionEvidence.sourceId,
      interviewId: questionEvidence.interviewId,
    })
    .from(questionEvidence)
    .where(eq(questionEvidence.evaluationId, evaluationId));
  const byQuestion = new Map<string, Evidence>();
  for (const row of rows) {
    const evidence = byQuestion.get(row.questionId) ?? { sourceIds: [], interviewIds: [] };
    if (row.sourceId) evidence.sourceIds.push(row.sourceId);
    if (row.interviewId) evidence.interviewIds.push(row.interviewId);
    byQuestion.set(row.questionId, evidence);
  }
  for (const evidence of byQuestion.values()) {
    evidence.sourceIds.sort();
    evidence.interviewIds.sort();
  }
  return byQuestion;
}

/** Replaces the evidence of one question. */
export async function replaceEvidence(
  tx: Db,
  evaluationId: string,
  questionId: string,
  evidence: Evidence,
): Promise<void> {
  await tx
    .delete(questionEvidence)
    .where(
      and(
        eq(questionEvidence.evaluationId, evaluationId),
        eq(questionEvidence.questionId, questionId),
      ),
    );
  const rows = [
    ...evidence.sourceIds.map((sourceId) => ({ evaluationId, questionId, sourceId })),
    ...evidence.interviewIds.map((interviewId) => ({ evaluationId, questionId, interviewId })),
  ];
  if (rows.length > 0) await tx.insert(questionEvidence).values(rows);
}

/** One source of an evaluation (without its file's bytes), or undefined. */
export async function getSource(
  db: Db,
  evaluationId: string,
  sourceId: string,
): Promise<Source | undefined> {
  if (!isUuid(sourceId)) return undefined;
  const [row] = await db
    .select(sourceColumns)
    .from(sources)
    .where(and(eq(sources.id, sourceId), eq(sources.evaluationId, evaluationId)));
  return row;
}

/** What an edit of a source may change; `file` undefined keeps the stored file. */
export interface SourceChanges {
  title: string;
  documentType: DocumentType | null;
  datedOn: string | null;
  url: string | null;
  notes: string | null;
  file?: UploadedFile;
}

/** Updates a source in the caller's transaction; returns the row after the change. */
export async function updateSource(
  tx: Db,
  evaluationId: string,
  sourceId: string,
  changes: SourceChanges,
): Promise<Source | undefined> {
  const { file, ...fields } = changes;
  const [row] = await tx
    .update(sources)
    .set({
      ...fields,
      ...(file
        ? {
            fileName: file.name,
            fileType: file.type,
            fileSize: file.data.byteLength,
            fileData: file.data,
          }
        : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(sources.id, sourceId), eq(sources.evaluationId, evaluationId)))
    .returning(sourceColumns);
  return row;
}

/**
 * One interview with its name and notes (personal data): callers must have checked
 * `can(viewer, 'interview.read', evaluation)`.
 */
export async function getInterview(
  db: Db,
  evaluationId: string,
  interviewId: string,
): Promise<Interview | undefined> {
  if (!isUuid(interviewId)) return undefined;
  const [row] = await db
    .select(interviewColumns)
    .from(interviews)
    .where(and(eq(interviews.id, interviewId), eq(interviews.evaluationId, evaluationId)));
  return row;
}

export interface InterviewChanges {
  heldOn: string;
  category: InterviewCategory;
  name: string | null;
  notes: string;
}

/** Updates an interview in the caller's transaction; returns the row after the change. */
export async function updateInterview(
  tx: Db,
  evaluationId: string,
  interviewId: string,
  changes: InterviewChanges,
): Promise<Interview | undefined> {
  const [row] = await tx
    .update(interviews)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(interviews.id, interviewId), eq(interviews.evaluationId, evaluationId)))
    .returning(interviewColumns);
  return row;
}
