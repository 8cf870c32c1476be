/**
 * Accounts on the web. Routes import from here: the plugin (registered by `buildApp`), the
 * preHandlers, the CSRF field, the account corner for the layout, and `can` re-exported.
 */
export { authPlugin, DEFAULT_AUTH_SETTINGS, type AuthOptions } from './plugin.ts';
export {
  CSRF_FIELD,
  CSRF_HEADER,
  PASSWORD_PATH,
  SESSION_COOKIE,
  SIGN_IN_PATH,
  SIGN_OUT_PATH,
  assertCan,
  csrfField,
  csrfToken,
  currentUserOf,
  requirePermission,
  requireRole,
  requireUser,
  safeNext,
  signInUrl,
  type CurrentUser,
} from './request.tsx';
export { accountSlot } from './account.tsx';
export { can, evaluationScope, type Action, type Viewer } from '../../domain/access/index.ts';
