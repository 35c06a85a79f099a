/** Entry point: start the auth store (reads localStorage tokens) and render the app. */
import { render } from 'preact';
import { auth } from './api/session.js';
import { App } from './app.js';

void auth.start();

const root = document.getElementById('app');
if (root) render(<App />, root);
