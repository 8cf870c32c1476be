/**
 * The short facts an evaluation stores (`facts` jsonb, in the shape the report parser gives:
 * population, tax rate, ruling parties, interviews, evaluators), read defensively: a fact that is
 * missing or has another shape is left out rather than shown wrong.
 */

export interface EvaluationFacts {
  population?: { value: number; approximate: boolean };
  taxRate?: { rate: number; year?: number; national?: number };
  rulingParties?: { parties: string[]; electionYear?: number };
  interviews?: { count: number; approximate: boolean };
  evaluators: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOf = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const stringsOf = (value: unknown) =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The facts Kompass knows how to show, from an evaluation's stored `facts`. */
export function readFacts(facts: Record<string, unknown>): EvaluationFacts {
  const result: EvaluationFacts = { evaluators: [] };
  const { population, taxRate, rulingParties, interviews, evaluators } = facts;
  if (isObject(population)) {
    const value = numberOf(population.value);
    if (value !== undefined)
      result.population = { value, approximate: population.approximate === true };
  }
  if (isObject(taxRate)) {
    const rate = numberOf(taxRate.rate);
    if (rate !== undefined) {
      result.taxRate = { rate };
      const year = numberOf(taxRate.year);
      const national = numberOf(taxRate.national);
      if (year !== undefined) result.taxRate.year = year;
      if (national !== undefined) result.taxRate.national = national;
    }
  }
  if (isObject(rulingParties)) {
    const parties = stringsOf(rulingParties.parties);
    if (parties.length > 0) {
      result.rulingParties = { parties };
      const year = numberOf(rulingParties.electionYear);
      if (year !== undefined) result.rulingParties.electionYear = year;
    }
  }
  if (isObject(interviews)) {
    const count = numberOf(interviews.count);
    if (count !== undefined)
      result.interviews = { count, approximate: interviews.approximate === true };
  }
  if (Array.isArray(evaluators)) {
    for (const evaluator of evaluators) {
      if (!isObject(evaluator)) continue;
      const name = typeof evaluator.name === 'string' ? evaluator.name : evaluator.text;
      if (typeof name !== 'string' || name.trim() === '') continue;
      const affiliation =
        typeof evaluator.affiliation === 'string' && evaluator.affiliation.trim() !== ''
          ? `, ${evaluator.affiliation}`
          : '';
      result.evaluators.push(`${name}${typeof evaluator.name === 'string' ? affiliation : ''}`);
    }
  }
  return result;
}
