import { describe, expect, it } from 'vitest';
import { formatValue, subjectOf } from './views.tsx';

describe('history values', () => {
  const cases: Array<[string, unknown, string | null, string]> = [
    ['a missing value shows as a dash', null, 'points', '–'],
    ['a status in Swedish', 'review', 'status', 'granskning'],
    ['a team role in Swedish', 'lead', 'role', 'ansvarig'],
    ['points with a decimal comma', 17.5, 'points', '17,5'],
    ['a yes/no in Swedish', true, 'sharedWithMunicipality', 'ja'],
    [
      'findings as kind and text',
      [
        { kind: 'strength', text: 'Tydliga mål' },
        { kind: 'improvement', text: 'Följ upp' },
      ],
      'findings',
      'Styrka: Tydliga mål; Förbättringsområde: Följ upp',
    ],
    ['an empty list as a dash', [], 'findings', '–'],
  ];
  for (const [rule, value, field, shown] of cases) {
    it(rule, () => {
      expect(formatValue(value, field)).toBe(shown);
    });
  }

  it('names the question or area an entry is about', () => {
    expect(subjectOf({ entityType: 'question_score', entityId: 'e/2.4' })).toBe('fråga 2.4');
    expect(subjectOf({ entityType: 'area', entityId: 'e/3' })).toBe('område 3');
    expect(subjectOf({ entityType: 'evaluation', entityId: 'e' })).toBeNull();
  });
});
