/** Account calls that need no session: password reset request and confirm. */
import { httpRequest } from './http.js';

export interface MessageResponse {
  message?: string;
  detail?: string;
}

/** The server answers the same whether or not the address is known (no account probing). */
export const RESET_REQUESTED_MESSAGE =
  'If this email is registered, you will receive a reset link in your email.';

export async function requestPasswordReset(email: string): Promise<string> {
  const response = await httpRequest<MessageResponse | null>('/api/password-reset-request/', {
    body: { email: email.trim() },
  });
  return response?.message ?? RESET_REQUESTED_MESSAGE;
}

export interface ResetConfirmFields {
  uid: string;
  token: string;
  password: string;
  password2: string;
}

export async function confirmPasswordReset(fields: ResetConfirmFields): Promise<string> {
  const response = await httpRequest<MessageResponse | null>('/api/password-reset-confirm/', {
    body: fields,
  });
  return response?.message ?? 'Password reset successful.';
}
