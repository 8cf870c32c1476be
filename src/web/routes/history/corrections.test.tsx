import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CorrectionNotice } from './corrections.tsx';

describe('CorrectionNotice', () => {
  it('says when, by whom and why a published evaluation was corrected', () => {
    const html = renderToString(
      <CorrectionNotice
        corrections={[
          {
            at: new Date('2026-03-02T09:00:00Z'),
            by: 'Lea Lead',
            reason: 'Fel poäng på fråga 2.4',
            fromRevision: 1,
            toRevision: 2,
          },
        ]}
      />,
    );
    expect(html).toContain('<h2 id="rattelser-rubrik">Rättelser</h2>');
    expect(html.replace(/<[^>]+>/g, '')).toContain(
      'Revision 2 rättar revision 1: påbörjad 2 mars 2026 av Lea Lead. Anledning: Fel poäng på fråga 2.4',
    );
  });

  it('shows nothing for an evaluation that was never corrected', () => {
    expect(renderToString(<CorrectionNotice corrections={[]} />)).toBe('');
  });
});
