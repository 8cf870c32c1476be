/**
 * The facts the accessibility statement (tillgänglighetsredogörelse) states, kept apart from the
 * page so a change of status, a new shortcoming or a new assessment date is one edit here.
 * Required by the Swedish law on accessibility of digital public services (lag 2018:1937, DOS)
 * and written after the model statement of Myndigheten för digital förvaltning (DIGG).
 */

/** The path of the statement; every page's footer links to it. */
export const ACCESSIBILITY_PATH = '/tillganglighet';

/**
 * Where people report accessibility problems when `KOMPASS_ACCESSIBILITY_CONTACT` is not set: a
 * placeholder that each installation replaces with its own address (see the README).
 */
export const DEFAULT_ACCESSIBILITY_CONTACT = 'tillganglighet@example.se';

/** The date the statement was last reviewed (ISO); bump it whenever the facts below change. */
export const STATEMENT_DATE = '2026-11-22';

/** The date of the last assessment (the automatic and keyboard tests listed below were run). */
export const ASSESSMENT_DATE = '2026-11-22';

/** DIGG's form for reporting a public body's lacking accessibility (supervision under DOS). */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

/** How far the service complies: "delvis förenlig" as long as any shortcoming is listed. */
export type Compliance = 'full' | 'partial' | 'none';

export interface Shortcoming {
  /** What does not work, in plain Swedish. */
  text: string;
  /** The WCAG 2.1 success criteria it fails, or may fail (e.g. "1.1.1"). */
  criteria: readonly string[];
}

/**
 * Known shortcomings. Each one is honest about what has not been checked as well as what is
 * known to fail: automatic tests find only part of the problems WCAG describes.
 */
export const SHORTCOMINGS: readonly Shortcoming[] = [
  {
    text:
      'Rapporterna som PDF skapas som taggade PDF-filer med rubrikstruktur och bokmärken, men de har ' +
      'inte granskats mot PDF/UA. Läsordningen i tabeller och diagram kan bli fel i vissa ' +
      'skärmläsare. Samma rapport finns alltid som webbsida.',
    criteria: ['1.3.1', '1.3.2'],
  },
  {
    text:
      'Spindeldiagrammet i rapporterna är en bild. Dess siffror finns i en tabell direkt under ' +
      'diagrammet, men färgerna i diagrammet har inte kontrastgranskats mot varandra.',
    criteria: ['1.4.1', '1.4.11'],
  },
  {
    text:
      'Texter i äldre utvärderingar är inlästa från tidigare publicerade rapporter. De kan ' +
      'innehålla förkortningar och avstavningar från originalet som inte förklaras.',
    criteria: ['3.1.4'],
  },
  {
    text:
      'Webbplatsen har inte testats med skärmläsare (till exempel NVDA, JAWS eller VoiceOver) ' +
      'eller tillsammans med användare med funktionsnedsättning. Sådana tester kan hitta brister ' +
      'som de automatiska testerna inte hittar.',
    criteria: [],
  },
];

/** Tests that assess the pages, named so anyone can run them again (`npx vitest run <file>`). */
export const ASSESSMENT_TESTS: readonly { file: string; what: string }[] = [
  {
    file: 'test/browser/public-pages.test.ts',
    what:
      'axe (WCAG 2.1 A och AA) på startsidan, kommunlistan, sökningen med och utan fel, ' +
      'kommunsidorna, utvärderingssidorna och sidan som inte finns; tangentbordstester av ' +
      'hopplänken och sökningen; sökning med JavaScript avstängt',
  },
  {
    file: 'src/web/routes/accessibility/browser.test.ts',
    what: 'axe på den här sidan; länken hit i sidfoten nås med tangentbordet',
  },
  {
    file: 'src/web/routes/workspace/browser.test.ts',
    what:
      'axe på arbetsytan (listan, formuläret för ny utvärdering, översikten och en områdessida); ' +
      'poängsättning med och utan JavaScript',
  },
  {
    file: 'test/e2e/workflow-pages.test.ts',
    what: 'axe på arbetsflödet och historiken; felmeddelanden vid publicering nås med tangentbordet',
  },
  {
    file: 'test/e2e/evaluation-flow.test.ts',
    what: 'en hel utvärdering från första inloggningen till den publicerade sidan, med axe',
  },
];

/** The compliance status that follows from the list of shortcomings. */
export function complianceOf(shortcomings: readonly Shortcoming[]): Compliance {
  return shortcomings.length === 0 ? 'full' : 'partial';
}

/**
 * The contact address from the environment (`KOMPASS_ACCESSIBILITY_CONTACT`), or the documented
 * placeholder when it is unset or blank.
 *
 * @example
 * accessibilityContactFromEnv({ KOMPASS_ACCESSIBILITY_CONTACT: 'webb@kommun.se' }); // 'webb@kommun.se'
 */
export function accessibilityContactFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): string {
  return env.KOMPASS_ACCESSIBILITY_CONTACT?.trim() || DEFAULT_ACCESSIBILITY_CONTACT;
}
