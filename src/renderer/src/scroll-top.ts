/** Brings the window back to the top of the page: a new page or wizard step opens at its start, not where the last one was scrolled. */
export function scrollToTop(): void {
  if (typeof window.scrollTo === 'function') window.scrollTo({ top: 0, left: 0 });
}
