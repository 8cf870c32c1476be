/**
 * The accessibility statement, `GET /tillganglighet`: public, linked from every page's footer.
 * The contact address comes from `KOMPASS_ACCESSIBILITY_CONTACT` (read when the app is built)
 * unless the caller passes one.
 */
import type { FastifyInstance } from 'fastify';
import { pageChrome, sendHtml } from '../../html.ts';
import { ACCESSIBILITY_PATH, accessibilityContactFromEnv } from './statement.ts';
import { renderAccessibilityPage } from './views.tsx';

export interface AccessibilityRoutesOptions {
  /** Where people report problems; defaults to `KOMPASS_ACCESSIBILITY_CONTACT` or a placeholder. */
  contact?: string;
}

export async function accessibilityRoutes(
  app: FastifyInstance,
  options: AccessibilityRoutesOptions = {},
): Promise<void> {
  const contact = options.contact ?? accessibilityContactFromEnv(process.env);
  app.get(ACCESSIBILITY_PATH, async (request, reply) =>
    sendHtml(reply, renderAccessibilityPage({ contact }, pageChrome(request))),
  );
}
