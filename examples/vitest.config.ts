import { defineConfig } from 'vitest/config';

// The examples: screens drawn with the fixture course (see examples/README.md).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['examples/**/*.example.{ts,tsx}'],
    environment: 'node',
  },
});
