import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

/**
 * Suites: unit (pure logic, main-process guards with a mocked `electron`, components),
 * integration (the core against real files), e2e (the built renderer in Chromium via the bridge),
 * scripts (every package.json script from a fresh clone) and electron (the real app).
 */
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        // Property tests run thousands of cases: on a busy CI machine 5 s is not enough, and a
        // timeout would say nothing about the code.
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', testTimeout: 60_000 }
      },
      {
        extends: true,
        // Some tests run several CLI commands, each a new Node process deriving Argon2 keys: about
        // 20 s on a quiet 2-core machine, three times that on a busy one. The limit only stops a hang.
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 240_000 }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // A busy machine can take seconds to derive a key or build a page: poll for the
          // condition far longer than vitest's 1 s default before calling it a failure.
          expect: { poll: { timeout: 20_000 } },
          // One browser at a time: the machines that run this have two cores.
          fileParallelism: false
        }
      },
      {
        extends: true,
        test: {
          // Every package.json script from a fresh clone: minutes of typechecking and building.
          name: 'scripts',
          include: ['tests/scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 900_000,
          hookTimeout: 120_000,
          fileParallelism: false
        }
      },
      {
        extends: true,
        test: {
          name: 'electron',
          include: ['tests/electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false
        }
      }
    ]
  }
})
