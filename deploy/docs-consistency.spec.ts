// The published language is documented twice — docs/events/asyncapi.yaml for tools, docs/event-catalog.md for people —
// and defined once, in libs/contracts (schemas, topics, headers) and the services' `consumes` lists. This spec holds
// the documents to the definitions: a schema file added without documentation, a topic without its channel, or a
// consumer without its operation fails here. Each check returns the problems it finds; the last block proves they
// fail on typical omissions.
import {
  ContractRegistry,
  DLQ_HEADERS,
  HEADERS,
  SCHEMA_DIR,
  SERVICES,
  deadLetterTopicOf,
  topicOf,
  type ServiceName,
} from '@credit-share/contracts';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML is untyped by nature */
type Yaml = any;

const ROOT = resolve(__dirname, '..');
const ASYNCAPI = join(ROOT, 'docs', 'events', 'asyncapi.yaml');
const CATALOG = join(ROOT, 'docs', 'event-catalog.md');

const ENVELOPE_FILE = 'envelope.v1.schema.json';

/** Event schema files: `<Type>.v<version>.schema.json`, everything in the schema directory but the envelope. */
function eventSchemaFiles(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.schema.json') && f !== ENVELOPE_FILE)
    .sort();
}

function typeAndVersionOf(file: string): { type: string; version: number } | undefined {
  const match = /^([A-Z][A-Za-z]+)\.v([1-9][0-9]*)\.schema\.json$/.exec(file);
  return match ? { type: match[1]!, version: Number(match[2]) } : undefined;
}

/** Each service's `consumes` list, from its ServiceDefinition in apps/<service>/src/<service>.module.ts. */
function consumesOf(service: ServiceName): ServiceName[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(join(ROOT, 'apps', service, 'src', `${service}.module.ts`)) as Record<string, unknown>;
  const definition = Object.values(exports).find(
    (v): v is { name: string; consumes?: ServiceName[] } =>
      typeof v === 'object' && v !== null && (v as { name?: unknown }).name === service && 'schema' in v,
  );
  if (!definition) throw new Error(`apps/${service}/src/${service}.module.ts exports no ServiceDefinition`);
  return definition.consumes ?? [];
}

// ---- references ---------------------------------------------------------------------------------------------------

function pointer(doc: Yaml, ref: string): Yaml {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node: Yaml, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), doc);
}

function* refsIn(node: Yaml): Generator<string> {
  if (Array.isArray(node)) for (const item of node) yield* refsIn(item);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') yield value;
      else yield* refsIn(value);
    }
  }
}

/** The files a node refers to, following references inside the document transitively (absolute paths). */
function filesReferencedBy(doc: Yaml, node: Yaml, base: string, seen = new Set<string>()): Set<string> {
  const files = new Set<string>();
  for (const ref of refsIn(node)) {
    if (ref.startsWith('#')) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      for (const f of filesReferencedBy(doc, pointer(doc, ref), base, seen)) files.add(f);
    } else if (!/^[a-z]+:/i.test(ref)) files.add(resolve(base, ref.split('#')[0]!));
  }
  return files;
}

/** A schema with `$ref`s inside the document followed (one level at a time, as far as needed for property names). */
function deref(doc: Yaml, node: Yaml): Yaml {
  let current = node;
  for (let i = 0; i < 10 && current && typeof current.$ref === 'string' && current.$ref.startsWith('#'); i++) {
    current = pointer(doc, current.$ref);
  }
  return current;
}

function propertyNames(doc: Yaml, schema: Yaml): Set<string> {
  const s = deref(doc, schema);
  const names = new Set<string>(Object.keys(s?.properties ?? {}));
  for (const part of [...(s?.allOf ?? []), ...(s?.anyOf ?? []), ...(s?.oneOf ?? [])]) {
    for (const n of propertyNames(doc, part)) names.add(n);
  }
  return names;
}

/** `enum`/`const` values of a Kafka binding's groupId or clientId schema. */
function bindingValues(doc: Yaml, schema: Yaml): string[] {
  const s = deref(doc, schema);
  if (!s) return [];
  return s.const !== undefined ? [String(s.const)] : (s.enum ?? []).map(String);
}

// ---- AsyncAPI -----------------------------------------------------------------------------------------------------

interface EventMessage {
  id: string;
  message: Yaml;
  type?: string;
  version?: number;
  producer?: string;
  dataFile?: string;
}

/** What an event message's payload pins: `allOf: [envelope, {properties: {type, version, producer, data}}]`. */
function describeEventMessage(doc: Yaml, base: string, id: string, message: Yaml): EventMessage {
  const parts: Yaml[] = deref(doc, message.payload)?.allOf ?? [];
  const pinned = parts.map((p) => deref(doc, p)).find((p) => p?.properties?.data);
  const dataRef = pinned?.properties?.data?.$ref;
  return {
    id,
    message,
    type: pinned?.properties?.type?.const,
    version: pinned?.properties?.version?.const,
    producer: pinned?.properties?.producer?.const,
    dataFile: typeof dataRef === 'string' && !dataRef.startsWith('#') ? resolve(base, dataRef.split('#')[0]!) : undefined,
  };
}

export function asyncapiProblems(doc: Yaml, schemaFiles: string[], consumes: Record<ServiceName, ServiceName[]>): string[] {
  const problems: string[] = [];
  const base = dirname(ASYNCAPI);
  if (doc?.asyncapi !== '3.0.0') problems.push(`asyncapi.yaml: asyncapi should be 3.0.0, is ${doc?.asyncapi}`);

  for (const ref of new Set(refsIn(doc))) {
    if (ref.startsWith('#')) {
      if (pointer(doc, ref) === undefined) problems.push(`asyncapi.yaml: $ref ${ref} does not resolve`);
    } else if (!/^[a-z]+:/i.test(ref) && !existsSync(resolve(base, ref.split('#')[0]!))) {
      problems.push(`asyncapi.yaml: $ref ${ref} names a file that does not exist`);
    }
  }

  // Messages: the components' and any written inline in a channel.
  const messages = new Map<string, Yaml>(Object.entries(doc?.components?.messages ?? {}));
  for (const [channelId, channel] of Object.entries<Yaml>(doc?.channels ?? {})) {
    for (const [key, message] of Object.entries<Yaml>(channel?.messages ?? {})) {
      if (!message?.$ref) messages.set(`#/channels/${channelId}/messages/${key}`, message);
    }
  }
  const schemaPath = (file: string) => join(SCHEMA_DIR, file);
  const referencing = new Map<string, string[]>();
  for (const [id, message] of messages) {
    for (const file of filesReferencedBy(doc, message, base)) referencing.set(file, [...(referencing.get(file) ?? []), id]);
  }
  const contracts = new ContractRegistry();
  const channelsWith = (id: string) =>
    Object.entries<Yaml>(doc?.channels ?? {}).filter(([, channel]) =>
      Object.values<Yaml>(channel?.messages ?? {}).some((m) => m?.$ref === `#/components/messages/${id}`),
    );

  for (const file of schemaFiles) {
    const owners = referencing.get(schemaPath(file)) ?? [];
    if (owners.length !== 1) {
      problems.push(
        `asyncapi.yaml: ${file} should be referenced by exactly one message, is by ${owners.length} (${owners.join(', ')})`,
      );
      continue;
    }
    const event = describeEventMessage(doc, base, owners[0]!, messages.get(owners[0]!));
    const expected = typeAndVersionOf(file);
    const where = `asyncapi.yaml message ${event.id}`;
    if (!expected || event.type !== expected.type || event.version !== expected.version || event.dataFile !== schemaPath(file)) {
      problems.push(`${where}: payload should pin type ${expected?.type}, version ${expected?.version} and data: $ref ${file}`);
      continue;
    }
    if (!contracts.has(expected.type, expected.version)) problems.push(`${where}: the contract registry does not know ${file}`);
    if (!(SERVICES as readonly string[]).includes(event.producer ?? '')) {
      problems.push(`${where}: payload should pin producer to a service, is ${event.producer}`);
    } else {
      const addresses = channelsWith(event.id).map(([, channel]) => channel.address);
      const topic = topicOf(event.producer as ServiceName);
      if (addresses.length !== 1 || addresses[0] !== topic) {
        problems.push(`${where}: should be on the producer's channel ${topic} only, is on ${addresses.join(', ') || 'none'}`);
      }
    }
    const headers = propertyNames(doc, event.message.headers);
    for (const header of Object.values(HEADERS)) {
      if (!headers.has(header)) problems.push(`${where}: headers do not describe ${header}`);
    }
    const key = deref(doc, event.message.bindings?.kafka?.key);
    if (!key) problems.push(`${where}: no Kafka key (the subject's USCC)`);
    const examples: Yaml[] = event.message.examples ?? [];
    if (examples.length === 0) problems.push(`${where}: no example`);
    for (const example of examples) {
      const violations = contracts.validate(example.payload);
      if (violations.length > 0)
        problems.push(`${where}: example ${example.name} breaks its contract: ${JSON.stringify(violations)}`);
      const h = example.headers ?? {};
      const p = example.payload ?? {};
      if (h[HEADERS.messageId] !== p.id || h[HEADERS.type] !== p.type || h[HEADERS.schemaVersion] !== String(p.version)) {
        problems.push(`${where}: example ${example.name} headers do not repeat the envelope's id, type and version`);
      }
      if (p.type !== expected.type || p.version !== expected.version || p.producer !== event.producer) {
        problems.push(`${where}: example ${example.name} is not a ${expected.type} v${expected.version} of ${event.producer}`);
      }
    }
  }
  for (const [file, owners] of referencing) {
    const name = relative(SCHEMA_DIR, file);
    if (!name.startsWith('..') && name !== ENVELOPE_FILE && !schemaFiles.includes(name)) {
      problems.push(`asyncapi.yaml: ${owners.join(', ')} refer to ${name}, which is not a schema of libs/contracts`);
    }
  }

  // Channels: every topic and its dead-letter companion.
  const channelIdOf = (address: string) =>
    Object.entries<Yaml>(doc?.channels ?? {}).find(([, channel]) => channel?.address === address)?.[0];
  for (const service of SERVICES) {
    const topic = topicOf(service);
    const dlq = deadLetterTopicOf(topic);
    if (!channelIdOf(topic)) problems.push(`asyncapi.yaml: no channel for ${topic}`);
    const dlqId = channelIdOf(dlq);
    if (!dlqId) {
      problems.push(`asyncapi.yaml: no channel for ${dlq}`);
      continue;
    }
    const dlqMessages = Object.values<Yaml>(doc.channels[dlqId].messages ?? {}).map((m) => (m?.$ref ? pointer(doc, m.$ref) : m));
    if (dlqMessages.length === 0) problems.push(`asyncapi.yaml: channel ${dlq} has no message`);
    for (const message of dlqMessages) {
      const headers = propertyNames(doc, message?.headers);
      for (const header of Object.values(DLQ_HEADERS)) {
        if (!headers.has(header)) problems.push(`asyncapi.yaml: messages of ${dlq} do not describe header ${header}`);
      }
    }
  }

  // Operations: the owner sends on its topic; each consumer receives (group credit-share.<service>) and parks on the DLQ.
  const operations = Object.entries<Yaml>(doc?.operations ?? {}).map(([id, op]) => {
    const channelRef: string = op?.channel?.$ref ?? '';
    const channelId = channelRef.replace(/^#\/channels\//, '');
    return {
      id,
      op,
      channelId,
      address: doc?.channels?.[channelId]?.address as string | undefined,
      clientIds: bindingValues(doc, op?.bindings?.kafka?.clientId),
      groupIds: bindingValues(doc, op?.bindings?.kafka?.groupId),
    };
  });
  for (const { id, op, channelId } of operations) {
    for (const message of op?.messages ?? []) {
      if (!String(message?.$ref ?? '').startsWith(`#/channels/${channelId}/messages/`)) {
        problems.push(`asyncapi.yaml operation ${id}: message ${message?.$ref} is not one of its channel's`);
      }
    }
  }
  const find = (action: string, address: string, predicate: (o: (typeof operations)[number]) => boolean) =>
    operations.some((o) => o.op?.action === action && o.address === address && predicate(o));
  for (const producer of SERVICES) {
    if (!find('send', topicOf(producer), (o) => o.clientIds.includes(`credit-share-${producer}`))) {
      problems.push(`asyncapi.yaml: no send operation of ${producer} on ${topicOf(producer)}`);
    }
  }
  for (const consumer of SERVICES) {
    for (const producer of consumes[consumer]) {
      const topic = topicOf(producer);
      if (!find('receive', topic, (o) => o.groupIds.includes(`credit-share.${consumer}`))) {
        problems.push(`asyncapi.yaml: no receive operation of group credit-share.${consumer} on ${topic}`);
      }
      if (!find('send', deadLetterTopicOf(topic), (o) => o.clientIds.includes(`credit-share-${consumer}`))) {
        problems.push(`asyncapi.yaml: no send operation of ${consumer} on ${deadLetterTopicOf(topic)}`);
      }
    }
  }
  for (const { id, op, address, groupIds } of operations) {
    if (op?.action !== 'receive') continue;
    const allowed = groupIds.some((g) =>
      SERVICES.some((s) => g === `credit-share.${s}` && consumes[s].some((p) => topicOf(p) === address)),
    );
    if (!allowed)
      problems.push(`asyncapi.yaml operation ${id}: no service's consumes list makes ${groupIds.join(', ')} read ${address}`);
  }
  return problems;
}

// ---- event catalogue ----------------------------------------------------------------------------------------------

export function catalogProblems(markdown: string, schemaFiles: string[]): string[] {
  const problems: string[] = [];
  const headings = markdown
    .split(/\r?\n/)
    .filter((l) => /^#{2,6}\s/.test(l))
    .map((l) => l.replace(/^#+\s*/, ''));
  const types = new Set(schemaFiles.map((f) => typeAndVersionOf(f)?.type ?? f));
  for (const type of types) {
    if (!headings.some((h) => new RegExp(`\\b${type}\\b`).test(h))) problems.push(`event-catalog.md: no heading for ${type}`);
  }
  for (const file of schemaFiles) {
    if (!markdown.includes(`libs/contracts/schemas/${file}`)) problems.push(`event-catalog.md: no link to ${file}`);
  }
  for (const header of [...Object.values(HEADERS), ...Object.values(DLQ_HEADERS)]) {
    if (!markdown.includes(`\`${header}\``)) problems.push(`event-catalog.md: header ${header} is not described`);
  }
  for (const field of ['id', 'type', 'version', 'occurredAt', 'recordedAt', 'subject', 'producer', 'data']) {
    if (!new RegExp(`^\\|\\s*\`${field}\`\\s*\\|`, 'm').test(markdown))
      problems.push(`event-catalog.md: envelope field ${field} is not described`);
  }
  for (const service of SERVICES) {
    if (!markdown.includes(`\`${topicOf(service)}\``)) problems.push(`event-catalog.md: topic ${topicOf(service)} is not listed`);
  }
  return problems;
}

// ---- the documents as they are ------------------------------------------------------------------------------------

function readAsyncapi(): Yaml {
  const [document, ...rest] = parseAllDocuments(readFileSync(ASYNCAPI, 'utf8'));
  const errors = document ? [...document.errors, ...document.warnings].map((e) => e.message) : ['empty'];
  if (errors.length > 0 || rest.length > 0) throw new Error(`docs/events/asyncapi.yaml does not parse: ${errors.join('; ')}`);
  return document!.toJS();
}

const readCatalog = () => readFileSync(CATALOG, 'utf8');
const allConsumes = () => Object.fromEntries(SERVICES.map((s) => [s, consumesOf(s)])) as Record<ServiceName, ServiceName[]>;

describe('documentation of the published language', () => {
  it('has event schemas to document', () => {
    expect(eventSchemaFiles().length).toBeGreaterThan(0);
    for (const file of eventSchemaFiles()) expect(typeAndVersionOf(file)).toBeDefined();
  });

  it('docs/events/asyncapi.yaml describes every topic, event schema, producer and consumer', () => {
    expect(asyncapiProblems(readAsyncapi(), eventSchemaFiles(), allConsumes())).toEqual([]);
  });

  it('docs/event-catalog.md has an entry for every event type', () => {
    expect(catalogProblems(readCatalog(), eventSchemaFiles())).toEqual([]);
  });
});

describe('the documentation checks catch omissions', () => {
  const clone = <T>(value: T): T => structuredClone(value);

  it('a new schema file without documentation', () => {
    const files = [...eventSchemaFiles(), 'InspectionOutcomeAppealed.v1.schema.json'];
    expect(asyncapiProblems(readAsyncapi(), files, allConsumes())).toEqual([
      'asyncapi.yaml: InspectionOutcomeAppealed.v1.schema.json should be referenced by exactly one message, is by 0 ()',
    ]);
    expect(catalogProblems(readCatalog(), files)).toEqual([
      'event-catalog.md: no heading for InspectionOutcomeAppealed',
      'event-catalog.md: no link to InspectionOutcomeAppealed.v1.schema.json',
    ]);
  });

  it('a schema referenced by two messages, a message on the wrong channel', () => {
    const doc = clone(readAsyncapi());
    const [first] = eventSchemaFiles();
    const id = Object.keys(doc.components.messages).find((k) => k.startsWith(first!.replace('.schema.json', '')))!;
    doc.components.messages['Copy'] = clone(doc.components.messages[id]);
    doc.channels.auditLedger.messages = { [id]: { $ref: `#/components/messages/${id}` } };
    expect(asyncapiProblems(doc, eventSchemaFiles(), allConsumes())).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`asyncapi.yaml: ${first} should be referenced by exactly one message, is by 2`),
      ]),
    );
    delete doc.components.messages['Copy'];
    expect(asyncapiProblems(doc, eventSchemaFiles(), allConsumes())).toEqual(
      expect.arrayContaining([expect.stringContaining(`asyncapi.yaml message ${id}: should be on the producer's channel`)]),
    );
  });

  it('a missing dead-letter channel, a missing consumer, a dangling reference', () => {
    const doc = clone(readAsyncapi());
    delete doc.channels.creditProfilesDlq;
    delete doc.operations['auditLedger.receiveCreditRecords'];
    doc.components.messages['OrganizationRegistered.v1'].headers = { $ref: '#/components/schemas/Nothing' };
    expect(asyncapiProblems(doc, eventSchemaFiles(), allConsumes())).toEqual(
      expect.arrayContaining([
        'asyncapi.yaml: no channel for credit-share.credit-profiles.v1.dlq',
        'asyncapi.yaml: no receive operation of group credit-share.audit-ledger on credit-share.credit-records.v1',
        'asyncapi.yaml: $ref #/components/schemas/Nothing does not resolve',
        'asyncapi.yaml: $ref #/channels/creditProfilesDlq does not resolve',
      ]),
    );
  });

  it('an example that breaks its contract', () => {
    const doc = clone(readAsyncapi());
    doc.components.messages['OrganizationRegistered.v1'].examples[0].payload.data.uscc = 'short';
    expect(asyncapiProblems(doc, eventSchemaFiles(), allConsumes())).toEqual([
      expect.stringContaining('asyncapi.yaml message OrganizationRegistered.v1: example department breaks its contract'),
    ]);
  });
});
