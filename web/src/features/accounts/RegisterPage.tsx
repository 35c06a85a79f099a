/** Create an account, then sign in with it straight away. */
import { auth } from '../../api/session.js';
import { Field, FormError } from '../../components/Field.js';
import { safeNextPath } from '../../router/match.js';
import { Link, navigate, useQueryParam, useTitle } from '../../router/router.js';
import { useForm } from './use-form.js';

export function RegisterPage() {
  useTitle('Create an account');
  const next = safeNextPath(useQueryParam('next'));
  const form = useForm({ username: '', email: '', password: '', password2: '' });

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const { username, email, password, password2 } = form.values;
    const missing: Record<string, string[]> = {};
    if (!username.trim()) missing.username = ['Choose a username.'];
    if (!email.trim()) missing.email = ['Enter your email address.'];
    if (!password) missing.password = ['Choose a password.'];
    if (password && password !== password2) missing.password2 = ["Passwords don't match."];
    if (Object.keys(missing).length > 0) {
      form.setErrors({ form: 'Please correct the errors below.', fields: missing });
      return;
    }
    const ok = await form.submit(async () => {
      await auth.register({ username: username.trim(), email: email.trim(), password, password2 });
    });
    if (ok) navigate(next, { replace: true });
  };

  return (
    <section class="page page-narrow auth-page" aria-labelledby="page-title">
      <h1 id="page-title">Create an account</h1>
      <form class="card form" onSubmit={onSubmit} noValidate>
        <FormError message={form.formError} />
        <Field
          {...form.bind('username')}
          label="Username"
          autoComplete="username"
          required
          autoFocus
          maxLength={150}
        />
        <Field {...form.bind('email')} label="Email" type="email" autoComplete="email" required />
        <Field
          {...form.bind('password')}
          label="Password"
          type="password"
          autoComplete="new-password"
          required
        />
        <Field
          {...form.bind('password2')}
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          required
        />
        <button type="submit" class="button button-block" disabled={form.submitting}>
          {form.submitting ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p class="below-card">
        Already have an account? <Link href="/login/">Sign in</Link>
      </p>
    </section>
  );
}
