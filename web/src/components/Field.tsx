/**
 * A labelled form input with its error messages tied to it (aria-invalid, aria-describedby), and
 * a form-level error summary that screen readers announce.
 */
import type { ComponentChildren, TargetedEvent } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  required?: boolean;
  errors?: string[] | undefined;
  hint?: ComponentChildren;
  autoFocus?: boolean;
  minLength?: number;
  maxLength?: number;
}

export function Field(props: FieldProps) {
  const { id, label, errors = [], hint } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value: props.value,
    onInput: (event: TargetedEvent<HTMLInputElement>) => props.onInput(event.currentTarget.value),
    autocomplete: props.autoComplete,
    required: props.required,
    minLength: props.minLength,
    maxLength: props.maxLength,
    autoFocus: props.autoFocus,
    'aria-invalid': errors.length > 0 ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    spellcheck: false,
    autoCapitalize: 'none' as const,
  };
  return (
    <div class={errors.length > 0 ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {props.type === 'password' ? (
        <input type="password" {...common} />
      ) : props.type === 'email' ? (
        <input type="email" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      {errorId ? (
        <ul class="field-errors" id={errorId}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The form's general error (role="alert" so it is announced when it appears). */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div class="notice notice-error" role="alert">
      {message}
    </div>
  );
}

/** A success or information message (role="status": announced politely). */
export function FormStatus({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice notice-success" role="status">
      {children}
    </div>
  );
}
