/**
 * An action button that asks first, inline (no browser dialog): the first click shows "Confirm"
 * and "Cancel"; only "Confirm" runs the action. Errors are shown next to the buttons.
 */
import { useState } from 'preact/hooks';

export function ConfirmButton({
  label,
  question,
  onConfirm,
  danger = false,
}: {
  label: string;
  question: string;
  onConfirm: () => Promise<void>;
  danger?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (!asking)
    return (
      <span>
        <button
          type="button"
          class={danger ? 'button-danger button-small' : 'button-secondary button-small'}
          onClick={() => (setAsking(true), setError(''))}
        >
          {label}
        </button>
        {error && (
          <span role="alert" class="notice notice-error">
            {error}
          </span>
        )}
      </span>
    );
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      setAsking(false);
    } catch (err) {
      setError((err as Error).message);
      setAsking(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="actions" role="group" aria-label={question}>
      <span>{question} </span>
      <button type="button" class="button-small" disabled={busy} onClick={() => void confirm()}>
        Confirm
      </button>{' '}
      <button
        type="button"
        class="button-secondary button-small"
        disabled={busy}
        onClick={() => setAsking(false)}
      >
        Cancel
      </button>
    </span>
  );
}
