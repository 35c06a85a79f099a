/** Page paths of the accounts module (Wiperino's paths). */
import type { RouteDef } from '../../router/router.js';
import { ForgotPasswordPage } from './ForgotPasswordPage.js';
import { LoginPage } from './LoginPage.js';
import { RegisterPage } from './RegisterPage.js';
import { ResetPasswordPage } from './ResetPasswordPage.js';

export const accountsRoutes: RouteDef[] = [
  { path: '/login/', component: LoginPage },
  { path: '/register/', component: RegisterPage },
  { path: '/forgot-password/', component: ForgotPasswordPage },
  { path: '/reset-password/:uid/:token/', component: ResetPasswordPage },
];
