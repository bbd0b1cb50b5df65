// Pages are addressed by the URL fragment (`/#/organizations`), so the platform serves one page at `/` and a
// reload or a bookmark lands on the same page.
import { useEffect, useState } from 'react';

export function currentPageId(hash: string = window.location.hash): string | undefined {
  const match = /^#\/([a-z0-9-]+)/.exec(hash);
  return match?.[1];
}

export function hrefOf(pageId: string): string {
  return `#/${pageId}`;
}

export function useHashPage(): string | undefined {
  const [page, setPage] = useState(currentPageId);
  useEffect(() => {
    const update = () => setPage(currentPageId());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return page;
}
