import { describe, expect, it } from 'vitest';
import { parseInput } from '../../validation.ts';
import { formValuesOf, reportOptionsFormSchema } from './schema.ts';

const parse = (fields: Record<string, string>) =>
  parseInput(reportOptionsFormSchema, { version: '3', ...fields });

describe('the report options form', () => {
  it('reads a computed basis with years and län, and the comparisons in field order', () => {
    const result = parse({
      medelvarde: 'beraknat',
      fran: '2010',
      till: ' 2016 ',
      lan: '04',
      'jamfor-1': '',
      'jamfor-2': '1384:2011',
      'jamfor-3': '1880:2006',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        version: 3,
        options: {
          average: { kind: 'computed', yearFrom: 2010, yearTo: 2016, lanCode: '04' },
          compare: [
            { municipalityCode: '1384', year: 2011 },
            { municipalityCode: '1880', year: 2006 },
          ],
        },
        compareFields: ['jamfor-2', 'jamfor-3'],
      },
    });
  });

  it('ignores the years when the published average is chosen', () => {
    const result = parse({ medelvarde: 'publicerat', fran: 'abc' });
    expect(result.ok && result.value.options.average).toEqual({ kind: 'published' });
  });

  it('names a bad year on its own field, saying how to write it', () => {
    const result = parse({ medelvarde: 'beraknat', fran: '10', till: '2016' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        field: 'fran',
        message:
          'Från och med: skriv ett år med fyra siffror mellan 1990 och 2100, till exempel 2010, ' +
          'eller lämna fältet tomt för alla år.',
      },
    ]);
  });

  it('puts a range that ends before it starts on "till"', () => {
    const result = parse({ medelvarde: 'beraknat', fran: '2016', till: '2010' });
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['till']);
  });

  it('refuses the same evaluation twice, on the second field', () => {
    const result = parse({
      medelvarde: 'publicerat',
      'jamfor-1': '1384:2011',
      'jamfor-4': '1384:2011',
    });
    expect(!result.ok && result.errors).toEqual([
      {
        field: 'jamfor-4',
        message:
          'Samma utvärdering är redan vald i jämförelse 1. Välj en annan eller ”Ingen jämförelse”.',
      },
    ]);
  });

  it('asks for a choice of average when none is sent', () => {
    const result = parse({});
    expect(!result.ok && result.errors).toEqual([
      { field: 'medelvarde', message: 'Välj vilket medelvärde sammanfattningen ska visa.' },
    ]);
  });

  it('shows stored options as the form values they came from', () => {
    const values = formValuesOf({
      average: { kind: 'computed', yearFrom: 2010 },
      compare: [{ municipalityCode: '1384', year: 2011 }],
    });
    expect(values.medelvarde).toBe('beraknat');
    expect(values.fran).toBe('2010');
    expect(values.till).toBe('');
    expect(values.jamfor).toEqual(['1384:2011', '', '', '', '', '', '']);
  });
});
