// The page's heading, which receives focus when the user moves to the page (so screen readers announce where they
// are, and keyboard users continue from the top of the new content).
import { useEffect, useRef, type ReactNode } from 'react';

let firstPageShown = false;

export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The first page after loading keeps the browser's own focus order; later pages take the focus.
    if (firstPageShown) ref.current?.focus();
    firstPageShown = true;
  }, []);
  return (
    <h1 id="page-title" ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
