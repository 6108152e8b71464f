import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The real-browser suite (`npm run test:browser`): Debian's Chromium through playwright-core,
// against the built demo page. Separate from `npm test`, which needs no browser.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
