/**
 * The links the municipality page shows a signed-in reader beside the värdegrund: edit it
 * (`values.edit`), the gap analysis (`gap.read`) and the overdue actions (`plan.read`).
 */
import { can, type Viewer } from '../../../domain/access/index.ts';
import { gapPath } from '../gap/views.tsx';
import { OVERDUE_PATH } from '../plans/views.tsx';
import { valuesPath } from './views.tsx';

export function municipalityLinks(
  viewer: Viewer,
  code: string,
): Array<{ href: string; label: string }> {
  const resource = { municipalityCode: code };
  const links: Array<{ href: string; label: string }> = [];
  if (can(viewer, 'values.edit', resource)) {
    links.push({ href: valuesPath(code), label: 'Redigera värdegrunden' });
  }
  if (can(viewer, 'gap.read', resource)) {
    links.push({ href: gapPath(code), label: 'Gapanalys: självvärdering mot utvärdering' });
  }
  if (can(viewer, 'plan.read', resource)) {
    links.push({ href: OVERDUE_PATH, label: 'Försenade åtgärder' });
  }
  return links;
}
