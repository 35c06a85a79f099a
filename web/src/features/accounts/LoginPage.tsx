/** Sign in with a username or an email address, then go back where the user came from. */
import { auth, useAuth } from '../../api/session.js';
import { Field, FormError } from '../../components/Field.js';
import { safeNextPath } from '../../router/match.js';
import { Link, navigate, useQueryParam, useTitle } from '../../router/router.js';
import { useForm } from './use-form.js';

export function LoginPage() {
  useTitle('Sign in');
  const { user } = useAuth();
  const next = safeNextPath(useQueryParam('next'));
  const form = useForm({ login: '', password: '' });

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const ok = await form.submit(async () => {
      await auth.login(form.values.login, form.values.password);
    });
    if (ok) navigate(next, { replace: true });
  };

  return (
    <section class="page page-narrow auth-page" aria-labelledby="page-title">
      <h1 id="page-title">Sign in</h1>
      {user ? (
        <p class="notice" role="status">
          You are signed in as <strong>{user.display_name || user.username}</strong>.{' '}
          <Link href={next}>Continue</Link>
        </p>
      ) : null}
      <form class="card form" onSubmit={onSubmit} noValidate>
        <FormError message={form.formError} />
        <Field
          id="login"
          label="Username or email"
          value={form.values.login}
          onInput={form.set('login')}
          autoComplete="username"
          required
          autoFocus
          errors={form.fieldErrors.login ?? form.fieldErrors.username ?? form.fieldErrors.email}
        />
        <Field
          {...form.bind('password')}
          label="Password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" class="button button-block" disabled={form.submitting}>
          {form.submitting ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="form-links">
          <Link href="/forgot-password/">Forgot your password?</Link>
        </p>
      </form>
      <p class="below-card">
        New here?{' '}
        <Link href={`/register/${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>
          Create an account
        </Link>
      </p>
    </section>
  );
}
