// Architecture rules (ARCHITECTURE.md: "A service never imports another service", "The domain is pure functions",
// "contracts ... the only code services share"). Checked by test/arch/dependency-rules.arch-spec.ts, which also cruises
// one fixture per rule under test/arch/fixtures/<rule-name>/ to prove that the rule fails when broken. Every path below
// is relative to the cruise's base directory: the repository root for the real run, the fixture root for a fixture.

/** The five services. Composition apps (standalone, cli, console) are deliberately not in this list. */
const SERVICE = '(credit-records|joint-supervision|enforcement-coordination|credit-profiles|audit-ledger)';

/** Tests are not production code: they may use test helpers and local infrastructure. */
const TEST_FILE = '[.](spec|int-spec|e2e-spec|fixture)[.]ts$';

/** Plumbing around the domain: entry points, adapters, Nest wiring. Everything else under a service's src is domain. */
const PLUMBING = [
  '(^|/)(main|publish)[.]ts$',
  '[.](controller|handlers|module|dto|projection|config|bootstrap|consumer|scheduler|repository|process|service|queries|reader|publish|transaction)[.]ts$',
  TEST_FILE,
];

/**
 * Frameworks and infrastructure clients, matched on the resolved path so that `import type` is caught too (the
 * `@types/*` packages carry the types of pg and express). Not anchored: a fixture resolves them from the repository's
 * node_modules as `../../../../node_modules/...`.
 */
const INFRASTRUCTURE_PACKAGES = '(^|/)node_modules/(@types/)?(@nestjs/|typeorm/|kafkajs/|pg/|pg-[^/]+/|express/)';

/** Our libs that carry infrastructure or wiring; a domain file may only use @credit-share/contracts. */
const INFRASTRUCTURE_LIBS = '^libs/(messaging|event-store|auth|observability|bootstrap|local-infra|testing)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-service-imports',
      severity: 'error',
      comment:
        'A service never imports another service or a composition app (ARCHITECTURE.md): services integrate only ' +
        'through published contract events (libs/contracts), so each can be deployed, versioned and replayed on its ' +
        'own. Only the composition apps (standalone, cli) may import service modules.',
      from: { path: `^apps/${SERVICE}/` },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      comment:
        'Libraries are reusable building blocks below the apps; a lib that reaches into an app couples every other ' +
        'app to that one and turns the lib into a back door between services.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'pure-domain',
      severity: 'error',
      comment:
        'The domain is pure functions (ARCHITECTURE.md): aggregates, events and helpers import nothing from Nest, ' +
        'TypeORM, Kafka, PostgreSQL or Express, and of our libs only @credit-share/contracts. Time and looked-up ' +
        'facts are arguments, so the domain is tested with plain Given/When/Then specs. Plumbing (main, publish, ' +
        'controllers, handlers, modules, DTOs, projections, config, bootstrap, consumers, schedulers, repositories, ' +
        'processes, services, queries, readers, publishers, transactions) is recognised by its role suffix; name an ' +
        'injectable *.bootstrap.ts (or its role) to mark it.',
      from: { path: `^apps/${SERVICE}/src/.+[.]ts$`, pathNot: PLUMBING },
      to: { path: [INFRASTRUCTURE_PACKAGES, INFRASTRUCTURE_LIBS] },
    },
    {
      name: 'contracts-are-pure',
      severity: 'error',
      comment:
        'libs/contracts is the published language, the only code services share (ARCHITECTURE.md). It must stay ' +
        'plain types, schemas and topic names so any consumer (including non-Nest and non-Node ones generated from ' +
        'the JSON Schemas) can use it: no other lib, no Nest, no database or broker client.',
      from: { path: '^libs/contracts/', pathNot: TEST_FILE },
      to: { path: ['^libs/', INFRASTRUCTURE_PACKAGES], pathNot: '^libs/contracts/' },
    },
    {
      name: 'services-do-not-use-test-or-local-infra',
      severity: 'error',
      comment:
        'Production service code never depends on test helpers (libs/testing) or on local infrastructure launchers ' +
        '(libs/local-infra: embedded PostgreSQL, Kafka from Maven jars): a deployed service gets its database and ' +
        'broker from configuration. Only the composition apps (standalone, cli) start local infrastructure. Specs ' +
        'are exempt.',
      from: { path: `^apps/${SERVICE}/`, pathNot: TEST_FILE },
      to: { path: '^libs/(testing|local-infra)/' },
    },
    {
      name: 'libs-do-not-use-testing',
      severity: 'error',
      comment:
        'libs/testing (given/when/then, fixed clock, infra helpers) is for tests only; a production lib that imports ' +
        'it would ship test code and its dependencies. Specs are exempt.',
      from: { path: '^libs/', pathNot: ['^libs/testing/', TEST_FILE] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'console-web-is-browser-code',
      severity: 'error',
      comment:
        'The web console (apps/console/web) is bundled for the browser (ADR 0011): it talks to the platform only over ' +
        'HTTP, so it may use React, its own modules, the settings the server hands it (console-settings.ts), the ' +
        'published language (libs/contracts), the role names ' +
        '(libs/auth principal.ts) and the one pure function it shares with a service, the GB 32100 USCC check ' +
        '(credit-records subject/uscc.ts and identifier.ts) so the form and the platform never disagree. Anything ' +
        'else (Node built-ins, service plumbing, infrastructure libs or packages) would not run in a browser or would ' +
        'ship server code and its secrets to every visitor. Specs are exempt.',
      from: { path: '^apps/console/web/', pathNot: TEST_FILE },
      to: {
        pathNot: [
          '^apps/console/web/',
          '^apps/console/src/console-settings[.]ts$',
          '^libs/contracts/src/',
          '^libs/auth/src/principal[.]ts$',
          '^apps/credit-records/src/subject/(uscc|identifier)[.]ts$',
          '(^|/)node_modules/(@types/)?(react|react-dom|vite)/',
        ],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Circular dependencies make load order matter (undefined imports at start-up under CommonJS) and hide ' +
        'which module owns a concept. Cycles that contain an `import type` edge are ignored: they vanish at compile ' +
        'time and are the usual way for a data table to declare its type next to its consumer.',
      from: { path: '^(apps|libs)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'Every import must resolve, including the @credit-share/* path aliases: an import dependency-cruiser cannot ' +
        'resolve is invisible to every rule above, so a broken alias would silently switch the rules off.',
      from: { path: '^(apps|libs)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Record imports of npm packages (pure-domain needs to see them) but never cruise their internals. Excluding
    // node_modules instead would drop those imports altogether and blind pure-domain and contracts-are-pure.
    doNotFollow: { path: '(^|/)node_modules/' },
    // Built output and the deliberately broken fixtures are not part of the real tree.
    exclude: { path: ['(^|/)dist/', '^test/arch/fixtures/'] },
    // `import type` counts: a domain file that only borrows Nest's or pg's types is still coupled to them.
    tsPreCompilationDeps: true,
    // Resolves the @credit-share/* path aliases; relative to the cruise's base directory.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
