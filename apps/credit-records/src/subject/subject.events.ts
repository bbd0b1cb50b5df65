import type { SubjectAliasV1 } from '@credit-share/contracts';

/** An enterprise or organisation, registered by its first accepted record (published as SubjectRegistered). */
export interface SubjectRegistered {
  type: 'SubjectRegistered';
  data: {
    uscc: string;
    name: string;
    category: 'legal_person' | 'individual_business';
    aliases: SubjectAliasV1[];
    nonConformingIdentifier: boolean;
  };
}

/**
 * Legacy identifiers seen on later records of a registered subject: `aliases` are the new ones; `subject`, for a
 * subject with a USCC, is the registration with the union of its aliases, published again as SubjectRegistered.
 */
export interface SubjectAliasesAdded {
  type: 'SubjectAliasesAdded';
  data: {
    subjectKey: string;
    aliases: SubjectAliasV1[];
    subject?: { uscc: string; name: string; aliases: SubjectAliasV1[]; nonConformingIdentifier: boolean };
  };
}

/**
 * A natural person, registered by the first accepted record about them. Never published: the stream is keyed by a
 * keyed lookup token, the identifier is stored only encrypted (AES-256-GCM) and shown masked (PRODUCT.md §3.1).
 */
export interface PersonRegistered {
  type: 'PersonRegistered';
  data: { personToken: string; encryptedId: string; maskedId: string; name: string };
}

/** The operator allow-listed a legitimately issued USCC that fails GB 32100 (accepted, flagged). */
export interface UsccExceptionAllowed {
  type: 'UsccExceptionAllowed';
  data: { uscc: string; reason: string; source: string; addedBy: string; addedAt: string };
}

export type SubjectEvent = SubjectRegistered | SubjectAliasesAdded | PersonRegistered;

export function subjectStreamOf(subjectKey: string): string {
  return `subject-${subjectKey}`;
}

export function personSubjectKey(personToken: string): string {
  return `person:${personToken}`;
}

export const IDENTIFIER_EXCEPTIONS_STREAM = 'identifier-exceptions';
