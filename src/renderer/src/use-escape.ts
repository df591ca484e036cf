/** Escape as a way back: the wizard's plan and result go back to the list, as their «Hủy»/«Quay lại» buttons do. */
import { useEffect } from 'react';

/** Calls `action` when Escape is pressed in the window, while `active` (never while a removal runs). */
export function useEscape(active: boolean, action: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, action]);
}
