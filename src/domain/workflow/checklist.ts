/**
 * The publish checklist: what an evaluation still lacks before it may be published. Every question
 * of the edition needs points (an area without questions, as in area-level editions, needs an
 * area score instead), and every area needs at least one strength and one improvement area.
 * Pure: the caller hands in the edition and what is stored.
 */

export interface ChecklistEdition {
  areas: readonly {
    number: number;
    name: string;
    questions: readonly { id: string; text: string }[];
  }[];
}

export interface ChecklistEvaluation {
  /** "area-level" evaluations are scored per area even when the edition has questions. */
  kind: 'full' | 'area-level' | 'self-assessment';
  questions: readonly { id: string; points: number | null }[];
  areas: readonly { number: number; score: number | null }[];
  findings: readonly { area: number; kind: 'strength' | 'improvement' | 'good-example' }[];
}

/** One thing that blocks publishing, with where to fix it. */
export type MissingItem =
  | { kind: 'question-unscored'; area: number; questionId: string; questionText: string }
  | { kind: 'area-unscored'; area: number; areaName: string }
  | { kind: 'strength-missing'; area: number; areaName: string }
  | { kind: 'improvement-missing'; area: number; areaName: string };

/**
 * Everything that blocks publishing, in the edition's order (area by area: scores, then
 * findings). Empty when the evaluation may be published.
 *
 * @example
 * publishChecklist(edition, evaluation).length === 0; // ready to publish
 */
export function publishChecklist(
  edition: ChecklistEdition,
  evaluation: ChecklistEvaluation,
): MissingItem[] {
  const scored = new Set(
    evaluation.questions.filter((question) => question.points !== null).map((q) => q.id),
  );
  const scoredAreas = new Set(
    evaluation.areas.filter((area) => area.score !== null).map((area) => area.number),
  );
  const missing: MissingItem[] = [];
  for (const area of edition.areas) {
    if (area.questions.length === 0 || evaluation.kind === 'area-level') {
      if (!scoredAreas.has(area.number)) {
        missing.push({ kind: 'area-unscored', area: area.number, areaName: area.name });
      }
    } else {
      for (const question of area.questions) {
        if (!scored.has(question.id)) {
          missing.push({
            kind: 'question-unscored',
            area: area.number,
            questionId: question.id,
            questionText: question.text,
          });
        }
      }
    }
    const kinds = new Set(
      evaluation.findings.filter((finding) => finding.area === area.number).map((f) => f.kind),
    );
    if (!kinds.has('strength')) {
      missing.push({ kind: 'strength-missing', area: area.number, areaName: area.name });
    }
    if (!kinds.has('improvement')) {
      missing.push({ kind: 'improvement-missing', area: area.number, areaName: area.name });
    }
  }
  return missing;
}

/** The item in plain Swedish, as the refusal lists it. */
export function describeMissing(item: MissingItem): string {
  switch (item.kind) {
    case 'question-unscored':
      return `Fråga ${item.questionId} (${item.questionText}) saknar poäng.`;
    case 'area-unscored':
      return `Område ${item.area} (${item.areaName}) saknar poäng.`;
    case 'strength-missing':
      return `Område ${item.area} (${item.areaName}) saknar en styrka.`;
    case 'improvement-missing':
      return `Område ${item.area} (${item.areaName}) saknar ett förbättringsområde.`;
  }
}
