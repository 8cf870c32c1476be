/**
 * "Kommuner att lära av" on the evaluation page: for each improvement area and low-scoring
 * question, the municipalities that scored highest there (find-role-models), with their
 * strengths and good examples in that area.
 */
import type { RoleModel, RoleModelsResult } from '../../../use-cases/find-role-models.ts';
import { formatNumber } from '../../format.ts';

/** Texts per role model and kind shown here; the report has them all. */
const TEXTS_SHOWN = 3;

function Texts({ title, texts }: { title: string; texts: readonly string[] }) {
  // The same text can be stored once per municipality it names: show it once.
  const unique = [...new Set(texts)];
  if (unique.length === 0) return null;
  return (
    <>
      <p class="finding-heading">{title}</p>
      <ul>
        {unique.slice(0, TEXTS_SHOWN).map((text, index) => (
          <li key={index}>{text}</li>
        ))}
      </ul>
    </>
  );
}

function Model({ model, max }: { model: RoleModel; max: number | null }) {
  return (
    <li>
      <a href={`/utvarderingar/${model.evaluationId}`}>
        {model.municipalityName} {model.year}
      </a>
      : {formatNumber(model.score)}
      {max === null ? '' : ` av ${formatNumber(max)}`} poäng
      {model.sameEdition ? null : <span class="muted"> (en annan utgåva av Kommunkompassen)</span>}
      <Texts title="Styrkor" texts={model.strengths} />
      <Texts title="Goda exempel" texts={model.goodExamples} />
    </li>
  );
}

export function RoleModelsSection({ result }: { result: RoleModelsResult }) {
  if (result.needs.length === 0) return null;
  return (
    <section aria-labelledby="forebilder">
      <h2 id="forebilder">Kommuner att lära av</h2>
      <p>
        För varje område med förbättringsområden eller låg poäng, och för de frågor som fick lägst
        poäng: de kommuner som fått högst poäng där, med deras styrkor och goda exempel.
      </p>
      {result.needs.map((item, index) => {
        const id = `forebild-${index + 1}`;
        const what =
          item.need.type === 'question'
            ? `Fråga ${item.need.questionId}: ${item.title}`
            : `Område ${item.need.area}: ${item.title}`;
        return (
          <section class="role-models" aria-labelledby={id} key={id}>
            <h3 id={id}>{what}</h3>
            <p class="muted">
              {result.evaluation.municipalityName} fick {formatNumber(item.own)}
              {item.max === null ? '' : ` av ${formatNumber(item.max)}`} poäng
              {item.need.type === 'area' && item.need.reason === 'improvement'
                ? ' och har förbättringsområden här.'
                : '.'}
            </p>
            {item.roleModels.length === 0 ? (
              <p>Ingen annan kommun har fått högre poäng här ännu.</p>
            ) : (
              <ul>
                {item.roleModels.map((model) => (
                  <Model key={model.evaluationId} model={model} max={item.max} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </section>
  );
}
