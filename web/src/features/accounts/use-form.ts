/** Form state shared by the account pages: values, submitting flag, and errors split by field. */
import { useState } from 'preact/hooks';
import { ApiError, errorMessage, type FieldErrors } from '../../api/errors.js';

export interface FormState<T extends Record<string, string>> {
  values: T;
  set: (field: keyof T) => (value: string) => void;
  submitting: boolean;
  /** Errors for the form as a whole (non_field_errors, detail, network). */
  formError: string | null;
  fieldErrors: FieldErrors;
  /** Runs `action`, catching ApiErrors into field and form errors. Resolves true on success. */
  submit: (action: () => Promise<void>) => Promise<boolean>;
  setErrors: (errors: { form?: string | null; fields?: FieldErrors }) => void;
  /** The props that tie a <Field> to `field`: id, value, input handler and its errors. */
  bind: (field: keyof T & string) => {
    id: string;
    value: string;
    onInput: (value: string) => void;
    errors?: string[];
  };
}

export function useForm<T extends Record<string, string>>(initial: T): FormState<T> {
  const [values, setValues] = useState(initial);
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const fieldNames = new Set(Object.keys(initial));
  const set = (field: keyof T) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const setErrors = ({ form = null, fields = {} }: { form?: string | null; fields?: FieldErrors }) => {
    setFormError(form);
    setFieldErrors(fields);
  };

  return {
    values,
    set,
    bind: (field) => ({
      id: field,
      value: values[field] ?? '',
      onInput: set(field),
      errors: fieldErrors[field],
    }),
    submitting,
    formError,
    fieldErrors,
    setErrors,
    submit: async (action) => {
      setSubmitting(true);
      setErrors({});
      try {
        await action();
        return true;
      } catch (err) {
        if (err instanceof ApiError) {
          // Errors for fields this form shows go next to them; the rest go to the summary.
          const mine: FieldErrors = {};
          const rest: FieldErrors = {};
          for (const [field, messages] of Object.entries(err.fieldErrors)) {
            if (fieldNames.has(field)) mine[field] = messages;
            else rest[field] = messages;
          }
          const hasOwn = Object.keys(mine).length > 0;
          const summary = !hasOwn
            ? err.message
            : Object.keys(rest).length > 0
              ? errorMessage(err.status, rest)
              : 'Please correct the errors below.';
          setErrors({ form: summary, fields: mine });
        } else {
          setErrors({ form: 'Something went wrong. Please try again.' });
          console.error(err);
        }
        return false;
      } finally {
        setSubmitting(false);
      }
    },
  };
}
