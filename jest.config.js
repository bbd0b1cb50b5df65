// Three levels of tests (ARCHITECTURE.md): pure unit specs next to the code, integration specs against a real
// PostgreSQL, and cross-service end-to-end specs against real PostgreSQL and Kafka. Architecture rules run as their
// own project, and the web console's browser tests theirs. `npm test` (scripts/test.js) runs them in that order.
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
        // Rewrites the @credit-share/* aliases at transform time, so global setup files resolve them too.
        baseUrl: __dirname,
        paths: compilerOptions.paths,
      },
      module: { type: 'commonjs', ignoreDynamic: true },
    },
  ],
};

const common = { rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/deploy'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'architecture',
      roots: ['<rootDir>/test/arch'],
      testMatch: ['**/*.arch-spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/deploy'],
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/integration/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/integration/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/integration/timeouts.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/e2e/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/e2e/timeouts.ts'],
    },
    {
      // The web console in Debian's Chromium (playwright-core) against the standalone platform built into dist/.
      ...common,
      displayName: 'browser',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/browser/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/e2e/timeouts.ts'],
    },
  ],
};
