import { mayHaveMore, OWN_RECORDS_PAGE, ownRecordsPath } from './own-records-list';

describe("a provider's own records list", () => {
  it('asks for the newest page of own records without a subject, and for the next pages by offset', () => {
    expect(ownRecordsPath('')).toBe(`/api/v1/records?limit=${OWN_RECORDS_PAGE}`);
    expect(ownRecordsPath('  ', 50)).toBe(`/api/v1/records?limit=${OWN_RECORDS_PAGE}&offset=50`);
  });

  it('keeps the subject filter as an option: every record about that USCC, normalised', () => {
    expect(ownRecordsPath(' 91440300ma5fxt4k8n ')).toBe('/api/v1/records?subject=91440300MA5FXT4K8N');
    expect(ownRecordsPath('91440300MA5FXT4K8N', 50)).toBe('/api/v1/records?subject=91440300MA5FXT4K8N');
  });

  it('offers another page only after a full page of the unfiltered list', () => {
    expect(mayHaveMore('', OWN_RECORDS_PAGE)).toBe(true);
    expect(mayHaveMore('', OWN_RECORDS_PAGE - 1)).toBe(false);
    expect(mayHaveMore('91440300MA5FXT4K8N', OWN_RECORDS_PAGE)).toBe(false);
  });
});
