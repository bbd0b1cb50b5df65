// Topic names are part of the published language (PRODUCT.md §4): one topic per producing service, versioned, with
// a dead-letter companion. Services are named once here so a typo cannot invent a topic.

export const SERVICES = [
  'credit-records',
  'joint-supervision',
  'enforcement-coordination',
  'credit-profiles',
  'audit-ledger',
] as const;

export type ServiceName = (typeof SERVICES)[number];

export function topicOf(service: ServiceName): string {
  return `credit-share.${service}.v1`;
}

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

export const ALL_TOPICS: readonly string[] = SERVICES.map(topicOf);
