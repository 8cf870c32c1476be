/**
 * The sign-in and password pages and the account corner of the header. Plain forms that work
 * without JavaScript: labels, `autocomplete` for password managers, each error next to its field
 * and in a summary that links to it.
 */
import type { FieldError } from '../errors.ts';
import { ErrorSummary, FieldErrorMessage, errorFor, fieldErrorId } from '../views/components.tsx';
import { renderPage } from '../views/layout.tsx';
import { PASSWORD_MIN_LENGTH } from '../../domain/access/index.ts';
import { CSRF_FIELD, PASSWORD_PATH, SIGN_IN_PATH, SIGN_OUT_PATH, signInUrl } from './request.tsx';

/** Who is signed in, as the header shows it. */
export interface AccountInfo {
  displayName: string;
}

/**
 * The header's account corner: a sign-in link for the public; for a signed-in user their name,
 * the password page and a sign-out button (a POST form with the CSRF token).
 */
export function AccountNav({
  user,
  csrfToken,
  path,
}: {
  user: AccountInfo | null;
  csrfToken: string | null;
  /** The current page, to come back to after signing in. */
  path?: string;
}) {
  if (!user || csrfToken === null) {
    return <a href={signInUrl(path)}>Logga in</a>;
  }
  return (
    <div class="account-nav">
      <span>
        Inloggad som <strong>{user.displayName}</strong>
      </span>{' '}
      <a href={PASSWORD_PATH}>Byt lösenord</a>{' '}
      <form method="post" action={SIGN_OUT_PATH} class="account-nav__sign-out">
        <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
        <button type="submit">Logga ut</button>
      </form>
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  type: 'email' | 'password';
  autocomplete: string;
  errors: readonly FieldError[];
  value?: string;
  hint?: string;
}

/** A labelled input with its hint and error, described for screen readers. */
function TextField({ id, label, type, autocomplete, errors, value, hint }: TextFieldProps) {
  const error = errorFor(errors, id);
  const hintId = `${id}-tips`;
  const describedBy = [hint ? hintId : '', error ? fieldErrorId(id) : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint muted" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldErrorMessage error={error} />
      <input
        type={type}
        id={id}
        name={id}
        value={value}
        autocomplete={autocomplete}
        required
        spellcheck={false}
        autocapitalize="none"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

export interface SignInPageProps {
  csrfToken: string;
  email: string;
  next: string | null;
  errors: readonly FieldError[];
  /** A notice above the form, e.g. after signing out. */
  notice?: string;
}

export function renderSignInPage(props: SignInPageProps): string {
  const { csrfToken, email, next, errors, notice } = props;
  return renderPage({
    title: errors.length > 0 ? 'Fel – Logga in' : 'Logga in',
    path: SIGN_IN_PATH,
    children: (
      <>
        <h1>Logga in</h1>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <ErrorSummary errors={errors} />
        <p>
          Inloggning behövs bara för utvärderare, administratörer och kommunernas kontaktpersoner.
          Publicerade utvärderingar kan alla läsa utan att logga in.
        </p>
        <form method="post" action={SIGN_IN_PATH} class="form" novalidate>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <TextField
            id="email"
            label="E-postadress"
            type="email"
            autocomplete="username"
            value={email}
            errors={errors}
          />
          <TextField
            id="password"
            label="Lösenord"
            type="password"
            autocomplete="current-password"
            errors={errors}
          />
          <div class="field field--actions">
            <button type="submit">Logga in</button>
          </div>
        </form>
        <p class="muted">
          Har du glömt lösenordet? Be en administratör om ett nytt engångslösenord.
        </p>
      </>
    ),
  });
}

export interface PasswordPageProps {
  csrfToken: string;
  user: AccountInfo & { email: string; mustChangePassword: boolean };
  next: string | null;
  errors: readonly FieldError[];
  /** The password was just changed. */
  changed?: boolean;
}

export function renderPasswordPage(props: PasswordPageProps): string {
  const { csrfToken, user, next, errors, changed } = props;
  return renderPage({
    title: errors.length > 0 ? 'Fel – Byt lösenord' : 'Byt lösenord',
    path: PASSWORD_PATH,
    account: <AccountNav user={user} csrfToken={csrfToken} />,
    children: (
      <>
        <h1>Byt lösenord</h1>
        {changed ? (
          <p class="notice" role="status">
            Ditt lösenord är bytt. Dina andra inloggningar har loggats ut.
          </p>
        ) : null}
        {user.mustChangePassword ? (
          <p class="notice">
            Du har loggat in med ett engångslösenord. Välj ett eget lösenord innan du fortsätter.
          </p>
        ) : null}
        <ErrorSummary errors={errors} />
        <form method="post" action={PASSWORD_PATH} class="form" novalidate>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <TextField
            id="current-password"
            label={user.mustChangePassword ? 'Engångslösenord' : 'Nuvarande lösenord'}
            type="password"
            autocomplete="current-password"
            errors={errors}
          />
          <TextField
            id="new-password"
            label="Nytt lösenord"
            type="password"
            autocomplete="new-password"
            hint={`Minst ${PASSWORD_MIN_LENGTH} tecken. Flera ord i följd är lätta att minnas och svåra att gissa.`}
            errors={errors}
          />
          <TextField
            id="repeat-password"
            label="Nytt lösenord en gång till"
            type="password"
            autocomplete="new-password"
            errors={errors}
          />
          <div class="field field--actions">
            <button type="submit">Byt lösenord</button>
          </div>
        </form>
      </>
    ),
  });
}
