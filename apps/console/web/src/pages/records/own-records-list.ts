// The provider's own records (GET /api/v1/records): without a subject filter, the organisation's own records newest
// first, a page at a time (`limit`, `offset`); with one, every record about that subject (the filter stays an option).
import { query } from '../../api/client';

/** Records per page of the unfiltered list (the platform's default; at most 200). */
export const OWN_RECORDS_PAGE = 50;

/** The request for a page of own records: `offset` pages on the unfiltered list; a subject filter is one answer. */
export function ownRecordsPath(subject: string, offset = 0): string {
  const uscc = subject.replace(/\s+/g, '').toUpperCase();
  return `/api/v1/records${uscc ? query({ subject: uscc }) : query({ limit: OWN_RECORDS_PAGE, offset: offset || undefined })}`;
}

/** Whether a further page may follow: only on the unfiltered list, and only after a full page. */
export function mayHaveMore(subject: string, lastPageLength: number): boolean {
  return subject.trim() === '' && lastPageLength === OWN_RECORDS_PAGE;
}
