// drizzle-kit reads this to write SQL migrations into src/storage/migrations (`npx drizzle-kit generate`).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/schema/index.ts',
  out: './src/storage/migrations',
});
