/** Ask for a reset link. The answer is the same whether or not the address has an account. */
import { useState } from 'preact/hooks';
import { requestPasswordReset } from '../../api/accounts.js';
import { Field, FormError, FormStatus } from '../../components/Field.js';
import { Link, useTitle } from '../../router/router.js';
import { useForm } from './use-form.js';

export function ForgotPasswordPage() {
  useTitle('Reset your password');
  const form = useForm({ email: '' });
  const [sent, setSent] = useState<string | null>(null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!form.values.email.trim()) {
      form.setErrors({ fields: { email: ['Enter the email address of your account.'] } });
      return;
    }
    await form.submit(async () => {
      setSent(await requestPasswordReset(form.values.email));
    });
  };

  return (
    <section class="page page-narrow auth-page" aria-labelledby="page-title">
      <h1 id="page-title">Reset your password</h1>
      {sent ? (
        <div class="card">
          <FormStatus>{sent}</FormStatus>
          <p>The link in the email lets you choose a new password. It expires after a while.</p>
          <p>
            <Link href="/login/">Back to sign in</Link>
          </p>
        </div>
      ) : (
        <form class="card form" onSubmit={onSubmit} noValidate>
          <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
          <FormError message={form.formError} />
          <Field {...form.bind('email')} label="Email" type="email" autoComplete="email" required autoFocus />
          <button type="submit" class="button button-block" disabled={form.submitting}>
            {form.submitting ? 'Sending…' : 'Send reset link'}
          </button>
          <p class="form-links">
            <Link href="/login/">Back to sign in</Link>
          </p>
        </form>
      )}
    </section>
  );
}
