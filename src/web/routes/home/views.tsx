import type { Lan } from '../../../db/repositories/municipalities.ts';
import { formatCount, formatNumber } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import type { PublishedEvaluationItem } from '../../queries/public.ts';
import { renderPage } from '../../views/layout.tsx';
import { evaluationTitle, MunicipalitySearchForm } from '../municipalities/views.tsx';

export interface HomePageProps {
  lans: readonly Lan[];
  latest: readonly PublishedEvaluationItem[];
  counts: { evaluations: number; municipalities: number };
}

export function renderHomePage(
  { lans, latest, counts }: HomePageProps,
  chrome: PageChrome = {},
): string {
  return renderPage({
    ...chrome,
    title: 'Start',
    children: (
      <>
        <h1>Kompass – Kommunkompassen öppet och jämförbart</h1>
        <p class="lead">
          Kommunkompassen är en metod för att granska hur en kommun styrs och leds. Utvärderare går
          igenom kommunens dokument och webbplats och intervjuar politiker, chefer och fackliga
          företrädare. Resultatet blir poäng i åtta områden, högst 100 per område och 800 totalt,
          och en beskrivning av kommunens styrkor och förbättringsområden.
        </p>
        <p>
          Kompass samlar de publicerade utvärderingarna på ett ställe, så att kommuner och invånare
          kan se resultaten, följa utvecklingen över tid och lära av varandra.
        </p>
        <h2>Hitta en kommun</h2>
        <MunicipalitySearchForm form={{ q: '', lan: '' }} lans={lans} errors={[]} />
        <p>
          <a href="/kommuner">Visa alla 290 kommuner</a>
        </p>
        <h2>Senast publicerade utvärderingar</h2>
        {latest.length === 0 ? (
          <p>Inga utvärderingar är publicerade ännu.</p>
        ) : (
          <>
            <p>
              Kompass har{' '}
              {formatCount(
                counts.evaluations,
                'publicerad utvärdering',
                'publicerade utvärderingar',
              )}{' '}
              av {formatCount(counts.municipalities, 'kommun', 'kommuner')}.
            </p>
            <table class="data-table">
              <caption>De senaste publicerade utvärderingarna</caption>
              <thead>
                <tr>
                  <th scope="col">Kommun</th>
                  <th scope="col">Utvärdering</th>
                  <th scope="col">Utgåva</th>
                  <th scope="col" class="number">
                    Totalt (av 800)
                  </th>
                </tr>
              </thead>
              <tbody>
                {latest.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <a href={`/kommuner/${item.municipalityCode}`}>{item.municipalityName}</a>
                    </th>
                    <td>
                      <a href={`/utvarderingar/${item.id}`}>{evaluationTitle(item)}</a>
                    </td>
                    <td>{item.editionName}</td>
                    <td class="number">{formatNumber(item.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </>
    ),
  });
}
