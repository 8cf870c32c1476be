import { formatDate } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import { renderPage } from '../../views/layout.tsx';
import {
  ASSESSMENT_DATE,
  ASSESSMENT_TESTS,
  complianceOf,
  DIGG_REPORT_URL,
  SHORTCOMINGS,
  STATEMENT_DATE,
  type Shortcoming,
} from './statement.ts';

export interface AccessibilityPageProps {
  /** Where to report problems (`KOMPASS_ACCESSIBILITY_CONTACT`). */
  contact: string;
  shortcomings?: readonly Shortcoming[];
}

/** "22 november 2026" for an ISO date (noon UTC is the same day in Sweden). */
const swedishDate = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));

const COMPLIANCE_TEXT = {
  full: 'Den här webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.',
  partial:
    'Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.',
  none: 'Den här webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service.',
} as const;

/**
 * The accessibility statement (tillgänglighetsredogörelse), in the order of DIGG's model: who is
 * behind the site, how accessible it is, what to do and whom to tell, supervision, the technical
 * status with the known shortcomings, and how the site was tested.
 */
export function renderAccessibilityPage(
  { contact, shortcomings = SHORTCOMINGS }: AccessibilityPageProps,
  chrome: PageChrome = {},
): string {
  const compliance = complianceOf(shortcomings);
  return renderPage({
    ...chrome,
    title: 'Tillgänglighet',
    children: (
      <>
        <h1>Tillgänglighet för Kompass</h1>
        <p class="lead">
          Den organisation som driver den här installationen av Kompass står bakom webbplatsen. Vi
          vill att så många som möjligt ska kunna använda den. Den här redogörelsen beskriver hur
          Kompass uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service,
          vilka tillgänglighetsproblem vi känner till och hur du kan rapportera brister till oss så
          att vi kan åtgärda dem.
        </p>
        <p>
          Redogörelsen gäller hela webbplatsen: de öppna sidorna om kommuner och utvärderingar,
          rapporterna som webbsida och PDF, inloggningen och arbetsytan för utvärderare.
        </p>

        <h2>Hur tillgänglig är webbplatsen?</h2>
        <p>
          {compliance === 'full'
            ? 'Vi känner inte till några brister i webbplatsens tillgänglighet.'
            : 'Vi är medvetna om att delar av webbplatsen inte är helt tillgängliga. Se avsnittet om innehåll som inte är tillgängligt nedan.'}{' '}
          Alla sidor fungerar utan JavaScript, kan användas med enbart tangentbord och har en länk
          för att hoppa direkt till innehållet.
        </p>

        <h2>Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>
        <p>
          Om du behöver innehåll från webbplatsen i ett annat format, till exempel en rapport som
          vanlig text, kan du kontakta oss på <a href={`mailto:${contact}`}>{contact}</a>. Varje
          publicerad rapport finns också som webbsida, som CSV-fil och som kalkylblad.
        </p>

        <h2>Rapportera brister i webbplatsens tillgänglighet</h2>
        <p>
          Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker
          problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens
          krav, meddela oss på <a href={`mailto:${contact}`}>{contact}</a> så att vi får veta att
          problemet finns. Berätta gärna vilken sida det gäller och vad som hände.
        </p>

        <h2>Tillsyn</h2>
        <p>
          Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om
          tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina
          synpunkter kan du kontakta Digg och påtala det:{' '}
          <a href={DIGG_REPORT_URL}>anmäl bristande tillgänglighet till Digg</a>.
        </p>

        <h2>Teknisk information om webbplatsens tillgänglighet</h2>
        <p>{COMPLIANCE_TEXT[compliance]}</p>

        <h3>Innehåll som inte är tillgängligt</h3>
        {shortcomings.length === 0 ? (
          <p>Vi känner inte till något innehåll som inte är tillgängligt.</p>
        ) : (
          <>
            <p>
              Det innehåll som beskrivs nedan är på ett eller annat sätt inte helt tillgängligt.
            </p>
            <h4>Bristande förenlighet med lagkraven</h4>
            <ul class="shortcomings">
              {shortcomings.map((item) => (
                <li key={item.text}>
                  {item.text}
                  {item.criteria.length > 0 &&
                    ` (WCAG 2.1, framgångskriterium ${item.criteria.join(', ')}.)`}
                </li>
              ))}
            </ul>
          </>
        )}

        <h4>Oskäligt betungande anpassning</h4>
        <p>
          Vi åberopar inte undantaget för oskäligt betungande anpassning för något innehåll på
          webbplatsen.
        </p>

        <h4>Innehåll som inte omfattas av lagstiftningen</h4>
        <p>
          Filer som kommuner och utvärderare laddar upp som underlag till en utvärdering visas bara
          för utvärderingens team och publiceras inte. Vi ansvarar inte för deras tillgänglighet.
        </p>

        <h2>Hur vi testat webbplatsen</h2>
        <p>
          Vi har gjort en självskattning (intern testning) av webbplatsen. Varje sida kontrolleras
          automatiskt med verktyget axe mot kraven i WCAG 2.1 nivå A och AA i webbläsaren Chromium,
          och viktiga flöden testas med enbart tangentbord och med JavaScript avstängt. Testerna
          körs vid varje ändring av programmet. De finns i programmets källkod:
        </p>
        <ul>
          {ASSESSMENT_TESTS.map((test) => (
            <li key={test.file}>
              <code>{test.file}</code>: {test.what}
            </li>
          ))}
        </ul>
        <p>
          Senaste bedömningen gjordes den{' '}
          <time dateTime={ASSESSMENT_DATE}>{swedishDate(ASSESSMENT_DATE)}</time>.
        </p>
        <p>
          Redogörelsen uppdaterades senast den{' '}
          <time dateTime={STATEMENT_DATE}>{swedishDate(STATEMENT_DATE)}</time>.
        </p>
      </>
    ),
  });
}
