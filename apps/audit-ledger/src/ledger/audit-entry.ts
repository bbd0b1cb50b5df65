// What one leaf of the audit ledger says (PRODUCT.md §3.8, ADR 0007). Every integration event of every service, and
// every access-log entry (published by credit-profiles as integration events), becomes one entry:
//
//   {"event": <the envelope exactly as published>, "format": "credit-share.audit-entry.v1", "topic": "<topic>"}
//
// and the leaf bytes are its RFC 8785 canonical JSON. The entry depends on the message alone — not on when or where
// it was recorded — so the leaf of a message can be recomputed from the message by anyone who has it, and a message
// redelivered by the broker yields the same bytes. The envelope carries the message id (`event.id`), the subject,
// the producer and the times; the topic says which stream it came from.
import type { IntegrationEvent } from '@credit-share/contracts';
import { canonicalJson, canonicalJsonBytes } from './canonical-json';

export const AUDIT_ENTRY_FORMAT = 'credit-share.audit-entry.v1';

export interface AuditEntry {
  readonly format: typeof AUDIT_ENTRY_FORMAT;
  readonly topic: string;
  readonly event: IntegrationEvent;
}

export function auditEntryOf(topic: string, event: IntegrationEvent): AuditEntry {
  return { format: AUDIT_ENTRY_FORMAT, topic, event };
}

/** The leaf bytes: RFC 8785 canonical JSON. Throws TypeError for values JSON cannot carry (e.g. lone surrogates). */
export function leafBytesOf(entry: AuditEntry): Buffer {
  return canonicalJsonBytes(entry);
}

export type ParsedLeaf = { ok: true; entry: AuditEntry } | { ok: false; problem: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads leaf bytes back as an entry, accepting only what `leafBytesOf` can produce: UTF-8, JSON, canonical (the
 * bytes are exactly the canonical form of what they parse to), and an entry's shape. Never throws.
 */
export function parseLeaf(bytes: Uint8Array): ParsedLeaf {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'leaf is not UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'leaf is not JSON' };
  }
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch (error) {
    return { ok: false, problem: `leaf is not I-JSON: ${(error as Error).message}` };
  }
  if (canonical !== text) return { ok: false, problem: 'leaf is not in RFC 8785 canonical form' };
  const problem = entryShapeProblem(value);
  return problem ? { ok: false, problem } : { ok: true, entry: value as AuditEntry };
}

function entryShapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'leaf is not a JSON object';
  if (value['format'] !== AUDIT_ENTRY_FORMAT) return `leaf format is not ${AUDIT_ENTRY_FORMAT}`;
  if (typeof value['topic'] !== 'string' || value['topic'] === '') return 'leaf has no topic';
  const event = value['event'];
  if (!isObject(event)) return 'leaf has no event';
  if (typeof event['id'] !== 'string' || !UUID.test(event['id'])) return 'leaf event has no message id';
  for (const field of ['type', 'subject', 'producer', 'occurredAt', 'recordedAt']) {
    if (typeof event[field] !== 'string') return `leaf event has no ${field}`;
  }
  if (typeof event['version'] !== 'number') return 'leaf event has no version';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
