// The deployment files (Dockerfile, deploy/compose, deploy/k8s) cannot run here, so this spec holds them to the code
// statically: every service of the published language is deployed with the command that starts it, gets its
// database and brokers, sets only variables its configuration class declares (and passes that class's validation),
// is probed on /health, and the gateway points at the services' actual names and ports. Each check returns the
// problems it finds; the last block proves the checks fail on typical mistakes.
import { SERVICES, type ServiceName } from '@credit-share/contracts';
import { getMetadataStorage } from 'class-validator';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML is untyped by nature */
type Yaml = any;

const ROOT = resolve(__dirname, '..');
const COMPOSE_DIR = join(__dirname, 'compose');
const K8S_DIR = join(__dirname, 'k8s');
const IMAGE_REPOSITORY = 'credit-share';

type App = ServiceName | 'gateway';
const APPS: readonly App[] = [...SERVICES, 'gateway'];

/** Variables a container may carry besides its configuration class's: OpenTelemetry's own and Node's. */
const isStandardVariable = (name: string) => name.startsWith('OTEL_') || name === 'NODE_ENV';

/** The gateway's variable for a service's base URL: credit-records → CREDIT_RECORDS_URL. */
const urlVariableOf = (service: ServiceName) => `${service.toUpperCase().replace(/-/g, '_')}_URL`;

const entryOf = (app: App) => `dist/apps/${app}/src/main.js`;

// ---- reading files ------------------------------------------------------------------------------------------------

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? yamlFilesUnder(path) : /\.ya?ml$/.test(name) ? [path] : [];
    })
    .sort();
}

function parseYamlFile(path: string): Yaml[] {
  const documents = parseAllDocuments(readFileSync(path, 'utf8'), { merge: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const errors = list.flatMap((d) => [...d.errors, ...d.warnings]).map((e) => e.message);
  if (errors.length > 0) throw new Error(`${relative(ROOT, path)} does not parse:\n${errors.join('\n')}`);
  return list.map((d) => d.toJS()).filter((d) => d !== null && d !== undefined);
}

// ---- configuration classes ----------------------------------------------------------------------------------------

/** The app's `read…Config()` from apps/<app>/src/<app>.config.ts: the one reader of its environment. */
function configReaderOf(app: App): () => object {
  const file = join(ROOT, 'apps', app, 'src', `${app}.config.ts`);
  if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is missing`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(file) as Record<string, unknown>;
  const readers = Object.entries(exports).filter(([name, value]) => /^read\w*Config$/.test(name) && typeof value === 'function');
  if (readers.length !== 1) throw new Error(`${relative(ROOT, file)} should export exactly one read…Config()`);
  return readers[0]![1] as () => object;
}

/** Runs `read` with exactly `env` as the process environment. */
function withEnvironment<T>(env: Record<string, string>, read: () => T): T {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
  try {
    return read();
  } finally {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** The smallest environment each kind of process starts with. */
const MINIMAL_ENV: Record<string, string> = { DATABASE_URL: 'postgres://localhost/x', KAFKA_BROKERS: 'localhost:9092' };

const declaredCache = new Map<App, Set<string>>();

/** The variables the app's configuration class declares: what `loadConfig` reads (class-validator metadata). */
function declaredVariables(app: App): Set<string> {
  let declared = declaredCache.get(app);
  if (!declared) {
    const config = withEnvironment(app === 'gateway' ? {} : MINIMAL_ENV, configReaderOf(app));
    declared = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(config.constructor, '', true, false)
        .map((m) => m.propertyName),
    );
    declaredCache.set(app, declared);
  }
  return declared;
}

/** Runs the app's configuration reader against exactly `env`: its problems, and the variables its class declares. */
function loadConfig(app: App, env: Record<string, string>): { declared: Set<string>; error?: string } {
  const read = configReaderOf(app);
  try {
    withEnvironment(env, read);
    return { declared: declaredVariables(app) };
  } catch (e) {
    return { declared: declaredVariables(app), error: (e as Error).message };
  }
}

/** Common checks of one container's environment against its app's configuration class. */
function environmentProblems(where: string, app: App, env: Record<string, string>): string[] {
  const problems: string[] = [];
  const { declared, error } = loadConfig(app, env);
  for (const name of Object.keys(env).sort()) {
    if (!declared.has(name) && !isStandardVariable(name)) {
      problems.push(
        `${where}: ${name} is not a setting of ${app} (its configuration class declares ${[...declared].sort().join(', ')})`,
      );
    }
  }
  if (error) problems.push(`${where}: ${app} would refuse to start: ${error.replace(/\n\s*/g, ' ')}`);
  if (app !== 'gateway') {
    for (const required of ['DATABASE_URL', 'KAFKA_BROKERS']) {
      if (!env[required]) problems.push(`${where}: ${required} is not set`);
    }
  }
  if (!env['PORT']) problems.push(`${where}: PORT is not set`);
  return problems;
}

function commandProblems(where: string, app: App, command: unknown): string[] {
  const argv = Array.isArray(command) ? command.map(String) : typeof command === 'string' ? command.split(/\s+/) : [];
  const problems: string[] = [];
  if (argv[0] !== 'node' || argv[1] !== entryOf(app)) {
    problems.push(`${where}: command should be ["node", "${entryOf(app)}"], is ${JSON.stringify(command)}`);
  }
  if (!existsSync(join(ROOT, 'apps', app, 'src', 'main.ts'))) problems.push(`${where}: apps/${app}/src/main.ts does not exist`);
  return problems;
}

function hostAndPort(url: string): { host: string; port: string } | undefined {
  try {
    const u = new URL(url);
    return { host: u.hostname, port: u.port || (u.protocol === 'https:' ? '443' : '80') };
  } catch {
    return undefined;
  }
}

// ---- Docker Compose -----------------------------------------------------------------------------------------------

/** Compose's variable interpolation, with `vars` as the shell environment (empty: every default applies). */
export function interpolate(value: string, vars: Record<string, string> = {}): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name?: string, op?: string, arg?: string, bare?: string) => {
      if (match === '$$') return '$';
      const key = (name ?? bare)!;
      const set = key in vars;
      const nonEmpty = set && vars[key] !== '';
      switch (op) {
        case ':-':
          return nonEmpty ? vars[key]! : (arg ?? '');
        case '-':
          return set ? vars[key]! : (arg ?? '');
        case ':+':
          return nonEmpty ? (arg ?? '') : '';
        case '+':
          return set ? (arg ?? '') : '';
        default:
          return vars[key] ?? '';
      }
    },
  );
}

function composeEnvironment(service: Yaml): Record<string, string> {
  const raw = service?.environment ?? {};
  const entries: Array<[string, unknown]> = Array.isArray(raw)
    ? raw.map((line: string) => {
        const i = String(line).indexOf('=');
        return i < 0 ? [String(line), null] : [String(line).slice(0, i), String(line).slice(i + 1)];
      })
    : Object.entries(raw);
  // A variable without a value is passed through from the shell: unset here.
  return Object.fromEntries(
    entries.filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, interpolate(String(v))]),
  );
}

function dependsOn(service: Yaml): Record<string, string> {
  const raw = service?.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name: string) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([name, v]: [string, Yaml]) => [name, v?.condition ?? 'service_started']));
}

function healthcheckProblems(where: string, service: Yaml): string[] {
  const test = service?.healthcheck?.test;
  const text = Array.isArray(test) ? test.join(' ') : String(test ?? '');
  if (!service?.healthcheck || service.healthcheck.disable === true || text === '' || text === 'NONE') {
    return [`${where}: no healthcheck`];
  }
  return [];
}

export function composeProblems(compose: Yaml, collector: Yaml): string[] {
  const problems: string[] = [];
  const services: Record<string, Yaml> = compose?.services ?? {};
  const appImages = new Set<string>();
  const ports: Partial<Record<ServiceName, string>> = {};
  const imageOf = (name: string) => String(services[name]?.image ?? '');

  for (const app of APPS) {
    const where = `compose service ${app}`;
    const service = services[app];
    if (!service) {
      problems.push(`compose: no service "${app}"`);
      continue;
    }
    appImages.add(imageOf(app));
    const context = service.build?.context;
    if (!context || resolve(COMPOSE_DIR, String(context)) !== ROOT) {
      problems.push(`${where}: build.context should be the repository root`);
    } else if (!existsSync(join(ROOT, String(service.build.dockerfile ?? 'Dockerfile')))) {
      problems.push(`${where}: build.dockerfile does not exist`);
    }
    if (service.env_file) problems.push(`${where}: env_file hides variables from this check; set them in environment`);
    problems.push(...commandProblems(where, app, service.command));
    const env = composeEnvironment(service);
    problems.push(...environmentProblems(where, app, env));
    problems.push(...healthcheckProblems(where, service));
    const healthTest = JSON.stringify(service.healthcheck?.test ?? '');
    if (service.healthcheck && !healthTest.includes('/health')) problems.push(`${where}: healthcheck does not ask /health`);
    if (app === 'gateway') continue;
    ports[app] = env['PORT'];

    const database = hostAndPort(env['DATABASE_URL'] ?? '');
    if (!database || !imageOf(database.host).startsWith('postgres:')) {
      problems.push(`${where}: DATABASE_URL should point at the compose PostgreSQL service, is ${env['DATABASE_URL']}`);
    }
    for (const broker of (env['KAFKA_BROKERS'] ?? '').split(',').filter(Boolean)) {
      const host = broker.split(':')[0]!;
      if (!imageOf(host).startsWith('apache/kafka:'))
        problems.push(`${where}: broker ${broker} is not the compose Kafka service`);
    }
    const otlp = hostAndPort(env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? '');
    if (env['OTEL_EXPORTER_OTLP_ENDPOINT'] && (!otlp || !services[otlp.host])) {
      problems.push(`${where}: OTEL_EXPORTER_OTLP_ENDPOINT does not name a compose service`);
    }
    const deps = dependsOn(service);
    for (const dependency of [database?.host, 'kafka']) {
      if (dependency && deps[dependency] !== 'service_healthy') {
        problems.push(`${where}: should depend on ${dependency} with condition service_healthy`);
      }
    }
  }
  if (appImages.size > 1) problems.push(`compose: the platform's containers use several images: ${[...appImages].join(', ')}`);

  // Whatever is waited for as healthy must have a healthcheck.
  for (const [name, service] of Object.entries(services)) {
    for (const [dependency, condition] of Object.entries(dependsOn(service))) {
      if (!services[dependency]) problems.push(`compose service ${name}: depends on unknown service ${dependency}`);
      else if (condition === 'service_healthy')
        problems.push(...healthcheckProblems(`compose service ${dependency}`, services[dependency]));
    }
  }

  const gateway = services['gateway'];
  if (gateway) {
    const env = composeEnvironment(gateway);
    const deps = dependsOn(gateway);
    for (const service of SERVICES) {
      const variable = urlVariableOf(service);
      const target = hostAndPort(env[variable] ?? '');
      if (!target || target.host !== service || target.port !== ports[service]) {
        problems.push(`compose gateway: ${variable} should be http://${service}:${ports[service]}, is ${env[variable]}`);
      }
      if (deps[service] !== 'service_healthy') problems.push(`compose gateway: should depend on ${service} being healthy`);
    }
    const published = (gateway.ports ?? []).map((p: Yaml) =>
      typeof p === 'object'
        ? { host: String(p.published), container: String(p.target) }
        : parsePortMapping(interpolate(String(p))),
    );
    if (!published.some((p: { host: string; container: string }) => p.host === '3000' && p.container === env['PORT'])) {
      problems.push(`compose gateway: should publish host port 3000 to its PORT (${env['PORT']})`);
    }
  }

  // The collector scrapes every service's /metrics at the port the service listens on.
  const collectorService = Object.entries(services).find(([, s]) =>
    String(s.image ?? '').startsWith('otel/opentelemetry-collector'),
  );
  if (!collectorService) problems.push('compose: no OpenTelemetry collector service');
  const mounted = (collectorService?.[1].volumes ?? []).map((v: Yaml) =>
    String(typeof v === 'object' ? v.source : v.split(':')[0]),
  );
  if (
    collectorService &&
    !mounted.some((source: string) => source.endsWith('.yaml') && existsSync(resolve(COMPOSE_DIR, source)))
  ) {
    problems.push('compose: the collector does not mount a configuration file of deploy/compose');
  }
  const scrapeConfigs: Yaml[] = collector?.receivers?.prometheus?.config?.scrape_configs ?? [];
  const scraped = new Set(
    scrapeConfigs
      .filter((c) => (c.metrics_path ?? '/metrics') === '/metrics')
      .flatMap((c) => (c.static_configs ?? []).flatMap((s: Yaml) => s.targets ?? [])),
  );
  for (const service of SERVICES) {
    if (ports[service] && !scraped.has(`${service}:${ports[service]}`)) {
      problems.push(`otel-collector.yaml: does not scrape ${service}:${ports[service]}/metrics`);
    }
  }
  for (const [name, pipeline] of Object.entries<Yaml>(collector?.service?.pipelines ?? {})) {
    for (const kind of ['receivers', 'processors', 'exporters'] as const) {
      for (const component of pipeline[kind] ?? []) {
        if (!(component in (collector[kind] ?? {})))
          problems.push(`otel-collector.yaml: pipeline ${name} uses undefined ${component}`);
      }
    }
  }
  return problems;
}

function parsePortMapping(mapping: string): { host: string; container: string } {
  const parts = mapping.split('/')[0]!.split(':');
  return { container: parts[parts.length - 1]!, host: parts.length > 1 ? parts[parts.length - 2]! : '' };
}

// ---- Kubernetes ---------------------------------------------------------------------------------------------------

interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: Yaml;
}

function findObject(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

function secretValues(secret: K8sObject): Record<string, string> {
  const data = Object.fromEntries(
    Object.entries<string>(secret['data'] ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
  return { ...data, ...(secret['stringData'] ?? {}) };
}

/** A container's environment as the kubelet would build it: envFrom first, then env (which wins). */
function containerEnvironment(where: string, container: Yaml, objects: K8sObject[], problems: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  const source = (kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> | undefined => {
    const object = findObject(objects, kind, name);
    if (!object) problems.push(`${where}: refers to ${kind} ${name}, which no manifest defines`);
    return object && (kind === 'Secret' ? secretValues(object) : (object['data'] ?? {}));
  };
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, source('ConfigMap', from.configMapRef.name) ?? {});
    if (from.secretRef) Object.assign(env, source('Secret', from.secretRef.name) ?? {});
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.configMapKeyRef ?? variable.valueFrom?.secretKeyRef;
    if (!variable.valueFrom) env[variable.name] = String(variable.value ?? '');
    else if (ref) {
      const values = source(variable.valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret', ref.name);
      if (values && !(ref.key in values))
        problems.push(`${where}: ${variable.name} refers to missing key ${ref.name}/${ref.key}`);
      env[variable.name] = values?.[ref.key] ?? '';
    } else env[variable.name] = '';
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

function containerPortOf(container: Yaml, port: unknown): number | undefined {
  const ports: Yaml[] = container.ports ?? [];
  const match = ports.find((p) => p.name === port || p.containerPort === port || String(p.containerPort) === String(port));
  return match?.containerPort;
}

export function k8sProblems(objects: K8sObject[], kustomization: Yaml, files: string[]): string[] {
  const problems: string[] = [];
  const namespace = kustomization?.namespace;
  if (!namespace || !findObject(objects, 'Namespace', namespace)) problems.push(`k8s: no Namespace ${namespace}`);
  for (const object of objects) {
    if (object.kind !== 'Namespace' && object.metadata?.namespace !== namespace) {
      problems.push(`k8s: ${object.kind} ${object.metadata?.name} is not in namespace ${namespace}`);
    }
  }
  const listed = new Set<string>(kustomization?.resources ?? []);
  for (const resource of listed) if (!files.includes(resource)) problems.push(`kustomization.yaml: ${resource} does not exist`);
  for (const file of files) {
    if (file !== 'kustomization.yaml' && !file.includes('template') && !listed.has(file)) {
      problems.push(`kustomization.yaml: ${file} is not listed`);
    }
  }
  if (!(kustomization?.images ?? []).some((i: Yaml) => i.name === IMAGE_REPOSITORY)) {
    problems.push(`kustomization.yaml: no images entry for ${IMAGE_REPOSITORY}`);
  }

  const servicePorts: Partial<Record<ServiceName, number>> = {};
  for (const app of APPS) {
    const where = `k8s Deployment ${app}`;
    const deployment = findObject(objects, 'Deployment', app);
    if (!deployment) {
      problems.push(`k8s: no Deployment ${app}`);
      continue;
    }
    const template = deployment['spec']?.template;
    const labels = template?.metadata?.labels;
    if (!selects(deployment['spec']?.selector?.matchLabels, labels)) problems.push(`${where}: selector does not match its pods`);
    if (!(deployment['spec']?.replicas >= 2)) problems.push(`${where}: fewer than 2 replicas`);
    const pod = template?.spec ?? {};
    const containers: Yaml[] = pod.containers ?? [];
    if (containers.length !== 1) {
      problems.push(`${where}: expected one container, found ${containers.length}`);
      continue;
    }
    const container = containers[0];
    if (String(container.image).split(/[:@]/)[0] !== IMAGE_REPOSITORY)
      problems.push(`${where}: image should be ${IMAGE_REPOSITORY}`);
    problems.push(...commandProblems(where, app, [...(container.command ?? []), ...(container.args ?? [])]));
    const env = containerEnvironment(where, container, objects, problems);
    problems.push(...environmentProblems(where, app, env));
    const port = Number(env['PORT']);
    if (!(container.ports ?? []).some((p: Yaml) => p.containerPort === port))
      problems.push(`${where}: PORT ${port} is not a containerPort`);

    for (const probe of ['readinessProbe', 'livenessProbe'] as const) {
      const spec = container[probe];
      if (!spec) {
        problems.push(`${where}: no ${probe}`);
        continue;
      }
      const target = spec.httpGet ?? spec.tcpSocket;
      if (containerPortOf(container, target?.port) !== port) problems.push(`${where}: ${probe} does not probe port ${port}`);
      // Readiness is /health (the service's database and Kafka answer); liveness is /health/live (the process
      // answers), so an outage of a dependency takes pods out of rotation without restarting them. The gateway's
      // /health is every service's, so it is probed on /health/live only.
      const expected = probe === 'livenessProbe' || app === 'gateway' ? '/health/live' : '/health';
      if (spec.httpGet?.path !== expected) problems.push(`${where}: ${probe} should GET ${expected}`);
    }

    const podSecurity = pod.securityContext ?? {};
    const security = container.securityContext ?? {};
    if (security.runAsNonRoot !== true && podSecurity.runAsNonRoot !== true) problems.push(`${where}: not runAsNonRoot`);
    if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: root file system is writable`);
    if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
    const tmp = (container.volumeMounts ?? []).find((m: Yaml) => m.mountPath === '/tmp');
    const tmpVolume = tmp && (pod.volumes ?? []).find((v: Yaml) => v.name === tmp.name);
    if (!tmpVolume?.emptyDir) problems.push(`${where}: /tmp is not an emptyDir`);
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) {
        if (!container.resources?.[kind]?.[resource]) problems.push(`${where}: no ${resource} ${kind}`);
      }
    }

    const service = findObject(objects, 'Service', app);
    const servicePort = (service?.['spec']?.ports ?? []).find(
      (p: Yaml) => containerPortOf(container, p.targetPort ?? p.port) === port,
    );
    if (!service || !selects(service['spec']?.selector, labels) || !servicePort) {
      problems.push(`k8s Service ${app}: missing, or not selecting the pods' port ${port}`);
    } else if (app !== 'gateway') servicePorts[app] = servicePort.port;
    const budget = objects.find((o) => o.kind === 'PodDisruptionBudget' && selects(o['spec']?.selector?.matchLabels, labels));
    if (!budget) problems.push(`k8s: no PodDisruptionBudget for ${app}`);
  }

  const gateway = findObject(objects, 'Deployment', 'gateway');
  const gatewayContainer = gateway?.['spec']?.template?.spec?.containers?.[0];
  if (gatewayContainer) {
    const env = containerEnvironment('k8s Deployment gateway', gatewayContainer, objects, []);
    for (const service of SERVICES) {
      const variable = urlVariableOf(service);
      const target = hostAndPort(env[variable] ?? '');
      if (!target || target.host !== service || Number(target.port) !== servicePorts[service]) {
        problems.push(`k8s gateway: ${variable} should be http://${service}:${servicePorts[service]}, is ${env[variable]}`);
      }
    }
  }
  const ingresses = objects.filter((o) => o.kind === 'Ingress');
  const gatewayService = findObject(objects, 'Service', 'gateway');
  const reachesGateway = ingresses.some((ingress) =>
    (ingress['spec']?.rules ?? []).some((rule: Yaml) =>
      (rule.http?.paths ?? []).some((p: Yaml) => {
        const backend = p.backend?.service;
        return (
          backend?.name === 'gateway' &&
          (gatewayService?.['spec']?.ports ?? []).some(
            (sp: Yaml) => sp.name === backend.port?.name || sp.port === backend.port?.number,
          )
        );
      }),
    ),
  );
  if (!reachesGateway) problems.push('k8s: no Ingress routes to a port of the gateway Service');
  return problems;
}

// ---- Dockerfile ---------------------------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

function parseDockerfile(text: string): Instruction[][] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const args: Record<string, string> = {};
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    const keyword = match[1]!.toUpperCase();
    let rest = match[2]!.trim();
    if (keyword === 'ARG' && stages.length === 0) {
      const [name, value] = rest.split('=');
      if (name && value !== undefined) args[name] = value;
    }
    if (keyword === 'FROM') {
      rest = rest.replace(/\$\{?(\w+)\}?/g, (_, name: string) => args[name] ?? '');
      stages.push([]);
    }
    stages[stages.length - 1]?.push({ keyword, args: rest });
  }
  return stages;
}

export function dockerfileProblems(dockerfile: string, dockerignore: string): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(dockerfile);
  if (stages.length < 2) return ['Dockerfile: expected a build stage and a runtime stage'];
  const build = stages[0]!;
  const runtime = stages[stages.length - 1]!;
  for (const [name, stage] of [
    ['build', build],
    ['runtime', runtime],
  ] as const) {
    if (!/^node:20-bookworm-slim\b/.test(stage[0]!.args))
      problems.push(`Dockerfile: the ${name} stage should start FROM node:20-bookworm-slim`);
  }
  const runs = build.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  const step = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));
  const ci = step(/\bnpm ci\b/);
  const compile = step(/\bnpm run build\b/);
  const prune = step(/\bnpm prune\b.*--omit=dev/);
  if (ci < 0) problems.push('Dockerfile: the build stage does not run npm ci');
  if (compile < 0) problems.push('Dockerfile: the build stage does not run npm run build');
  if (prune < 0) problems.push('Dockerfile: the build stage does not run npm prune --omit=dev');
  if (ci >= 0 && compile >= 0 && prune >= 0 && !(ci < compile && compile < prune)) {
    problems.push('Dockerfile: expected npm ci, then npm run build, then npm prune');
  }

  const user = runtime
    .filter((i) => i.keyword === 'USER')
    .pop()
    ?.args.split(':')[0];
  if (!user || user === 'root' || user === '0') problems.push('Dockerfile: the runtime stage does not switch to a non-root USER');
  const envText = runtime
    .filter((i) => i.keyword === 'ENV')
    .map((i) => i.args)
    .join(' ');
  for (const setting of ['NODE_ENV=production', 'HOST=0.0.0.0']) {
    if (!envText.split(/\s+/).includes(setting)) problems.push(`Dockerfile: the runtime stage does not set ${setting}`);
  }
  const copied = runtime.filter((i) => i.keyword === 'COPY' && i.args.includes('--from=')).map((i) => i.args);
  for (const path of ['dist', 'node_modules', 'package.json', 'bin']) {
    if (!copied.some((c) => new RegExp(`\\s/app/${path.replace('.', '\\.')}\\s`).test(`${c} `))) {
      problems.push(`Dockerfile: the runtime stage does not copy ${path} from the build stage`);
    }
  }
  const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
  if (!/fetch\(.*\/health/.test(healthcheck)) problems.push("Dockerfile: no HEALTHCHECK fetching /health with node's fetch");
  const cmd = runtime.filter((i) => i.keyword === 'CMD').pop()?.args;
  let argv: unknown;
  try {
    argv = cmd && JSON.parse(cmd);
  } catch {
    argv = undefined;
  }
  if (JSON.stringify(argv) !== JSON.stringify(['node', entryOf('standalone' as App)])) {
    problems.push(`Dockerfile: CMD should be ["node", "${entryOf('standalone' as App)}"] (the standalone platform)`);
  }
  if (!existsSync(join(ROOT, 'apps/standalone/src/main.ts')))
    problems.push('Dockerfile: apps/standalone/src/main.ts does not exist');

  const ignored = dockerignore
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\/+|\/+$/g, ''))
    .filter((l) => l && !l.startsWith('#'));
  for (const entry of ['node_modules', 'dist', '.data', '.git']) {
    if (!ignored.includes(entry)) problems.push(`.dockerignore: ${entry} is not excluded`);
  }
  // The build needs these (scripts/build.js reads tsconfig.json; deploy/local is compiled too).
  for (const needed of [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'scripts',
    'apps',
    'libs',
    'bin',
    'deploy',
    'deploy/local',
  ]) {
    if (ignored.includes(needed) || ignored.includes(`${needed}/**`))
      problems.push(`.dockerignore: excludes ${needed}, which the build needs`);
  }
  return problems;
}

// ---- the files as they are ----------------------------------------------------------------------------------------

const readCompose = () => parseYamlFile(join(COMPOSE_DIR, 'compose.yaml'))[0];
const readCollector = () => parseYamlFile(join(COMPOSE_DIR, 'otel-collector.yaml'))[0];
const k8sFiles = () => yamlFilesUnder(K8S_DIR).map((f) => relative(K8S_DIR, f));
const readK8s = () => {
  const files = k8sFiles();
  const kustomization = parseYamlFile(join(K8S_DIR, 'kustomization.yaml'))[0];
  const objects = files.filter((f) => f !== 'kustomization.yaml').flatMap((f) => parseYamlFile(join(K8S_DIR, f)) as K8sObject[]);
  return { files, kustomization, objects };
};
const readDockerfile = () => readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const readDockerignore = () => readFileSync(join(ROOT, '.dockerignore'), 'utf8');
const clone = <T>(value: T): T => structuredClone(value);

describe('deployment files', () => {
  it('parse: every YAML file under deploy/compose and deploy/k8s', () => {
    const files = [...yamlFilesUnder(COMPOSE_DIR), ...yamlFilesUnder(K8S_DIR)];
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(() => parseYamlFile(file)).not.toThrow();
  });

  it('compose.yaml and otel-collector.yaml match the code', () => {
    expect(composeProblems(readCompose(), readCollector())).toEqual([]);
  });

  it('the Kubernetes manifests match the code', () => {
    const { objects, kustomization, files } = readK8s();
    expect(k8sProblems(objects, kustomization, files)).toEqual([]);
  });

  it('the Dockerfile builds with npm ci and npm run build and runs unprivileged', () => {
    expect(dockerfileProblems(readDockerfile(), readDockerignore())).toEqual([]);
  });
});

describe('the deployment checks catch mistakes', () => {
  it('a service missing from compose', () => {
    const compose = clone(readCompose());
    delete compose.services['joint-supervision'];
    expect(composeProblems(compose, readCollector())).toEqual(
      expect.arrayContaining([
        'compose: no service "joint-supervision"',
        expect.stringContaining('compose gateway: JOINT_SUPERVISION_URL'),
        expect.stringContaining('compose service gateway: depends on unknown service joint-supervision'),
      ]),
    );
  });

  it('a misspelled variable in compose', () => {
    const compose = clone(readCompose());
    const env = compose.services['audit-ledger'].environment;
    env.KAFKA_BROKER = env.KAFKA_BROKERS;
    delete env.KAFKA_BROKERS;
    expect(composeProblems(compose, readCollector())).toEqual(
      expect.arrayContaining([
        expect.stringContaining('compose service audit-ledger: KAFKA_BROKER is not a setting of audit-ledger'),
        'compose service audit-ledger: KAFKA_BROKERS is not set',
      ]),
    );
  });

  it('a value the configuration class refuses', () => {
    const compose = clone(readCompose());
    compose.services['credit-records'].environment.KAFKA_BROKERS = 'kafka';
    expect(composeProblems(compose, readCollector())).toEqual([
      expect.stringContaining(
        'compose service credit-records: credit-records would refuse to start: invalid configuration: KAFKA_BROKERS',
      ),
    ]);
  });

  it('a wrong command, an unscraped port, a gateway URL to the wrong port', () => {
    const compose = clone(readCompose());
    compose.services['credit-profiles'].command = ['node', 'dist/apps/credit-profile/src/main.js'];
    compose.services['credit-profiles'].environment.PORT = '3199';
    expect(composeProblems(compose, readCollector())).toEqual(
      expect.arrayContaining([
        expect.stringContaining('compose service credit-profiles: command should be'),
        'otel-collector.yaml: does not scrape credit-profiles:3199/metrics',
        expect.stringContaining('compose gateway: CREDIT_PROFILES_URL should be http://credit-profiles:3199'),
      ]),
    );
  });

  it('a Deployment missing, a misspelled variable in the ConfigMap, a probe elsewhere than /health/live', () => {
    const { objects, kustomization, files } = readK8s();
    const changed = clone(objects).filter((o) => !(o.kind === 'Deployment' && o.metadata.name === 'credit-profiles'));
    const config = changed.find((o) => o.kind === 'ConfigMap')!;
    config['data'].AUTH_MOD = config['data'].AUTH_MODE;
    delete config['data'].AUTH_MODE;
    const ledger = changed.find((o) => o.kind === 'Deployment' && o.metadata.name === 'audit-ledger')!;
    ledger['spec'].template.spec.containers[0].livenessProbe.httpGet.path = '/healthz';
    expect(k8sProblems(changed, kustomization, files)).toEqual(
      expect.arrayContaining([
        'k8s: no Deployment credit-profiles',
        expect.stringContaining('k8s Deployment credit-records: AUTH_MOD is not a setting of credit-records'),
        'k8s Deployment audit-ledger: livenessProbe should GET /health/live',
      ]),
    );
  });

  it('a gateway URL naming a Service that does not listen there, a Secret key that does not exist', () => {
    const { objects, kustomization, files } = readK8s();
    const changed = clone(objects);
    const service = changed.find((o) => o.kind === 'Service' && o.metadata.name === 'credit-records')!;
    service['spec'].ports[0].port = 80;
    const records = changed.find((o) => o.kind === 'Deployment' && o.metadata.name === 'credit-records')!;
    const databaseUrl = records['spec'].template.spec.containers[0].env.find((e: Yaml) => e.name === 'DATABASE_URL');
    databaseUrl.valueFrom.secretKeyRef.key = 'credit_records';
    expect(k8sProblems(changed, kustomization, files)).toEqual(
      expect.arrayContaining([
        'k8s gateway: CREDIT_RECORDS_URL should be http://credit-records:80, is http://credit-records:3101',
        'k8s Deployment credit-records: DATABASE_URL refers to missing key credit-share-database/credit_records',
        'k8s Deployment credit-records: DATABASE_URL is not set',
      ]),
    );
  });

  it('a Dockerfile that skips npm ci or runs as root', () => {
    const dockerfile = readDockerfile()
      .replace(/npm ci/g, 'npm install')
      .replace(/^USER .*$/m, 'USER root');
    expect(dockerfileProblems(dockerfile, readDockerignore())).toEqual(
      expect.arrayContaining([
        'Dockerfile: the build stage does not run npm ci',
        'Dockerfile: the runtime stage does not switch to a non-root USER',
      ]),
    );
  });

  it('reads compose interpolation the way Compose does', () => {
    expect(interpolate('${A:-x}/${B-y}/${C}/$$D', { B: '' })).toBe('x///$D');
    expect(interpolate('${A:-x}', { A: 'a' })).toBe('a');
    expect(interpolate('${A:-x}', { A: '' })).toBe('x');
    expect(interpolate('${A-x}', { A: '' })).toBe('');
  });
});
