/** Choose a new password from the link in the reset email (`/reset-password/<uid>/<token>/`). */
import { useState } from 'preact/hooks';
import { confirmPasswordReset } from '../../api/accounts.js';
import { Field, FormError, FormStatus } from '../../components/Field.js';
import type { PageProps } from '../../router/router.js';
import { Link, useTitle } from '../../router/router.js';
import { useForm } from './use-form.js';

export function ResetPasswordPage({ params }: PageProps) {
  useTitle('Choose a new password');
  const form = useForm({ password: '', password2: '' });
  const [done, setDone] = useState<string | null>(null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const { password, password2 } = form.values;
    if (!password) {
      form.setErrors({ fields: { password: ['Choose a password.'] } });
      return;
    }
    if (password !== password2) {
      form.setErrors({ fields: { password2: ["Passwords don't match."] } });
      return;
    }
    await form.submit(async () => {
      setDone(
        await confirmPasswordReset({ uid: params.uid ?? '', token: params.token ?? '', password, password2 }),
      );
    });
  };

  return (
    <section class="page page-narrow auth-page" aria-labelledby="page-title">
      <h1 id="page-title">Choose a new password</h1>
      {done ? (
        <div class="card">
          <FormStatus>{done}</FormStatus>
          <p>
            <Link href="/login/" class="button">
              Sign in
            </Link>
          </p>
        </div>
      ) : (
        <form class="card form" onSubmit={onSubmit} noValidate>
          <FormError message={form.formError} />
          <Field
            {...form.bind('password')}
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            autoFocus
          />
          <Field
            {...form.bind('password2')}
            label="Confirm new password"
            type="password"
            autoComplete="new-password"
            required
          />
          <button type="submit" class="button button-block" disabled={form.submitting}>
            {form.submitting ? 'Saving…' : 'Set new password'}
          </button>
          {form.formError ? (
            <p class="form-links">
              Link expired? <Link href="/forgot-password/">Ask for a new one</Link>
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
