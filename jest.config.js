/** Every test runs against real Postgres and Redis (see scripts/ensure-infra.mjs). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@leifeng/kit$': '<rootDir>/packages/kit/src/index.ts',
    '^@leifeng/kit/testing$': '<rootDir>/packages/kit/src/testing/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 2,
  testTimeout: 60000,
};
