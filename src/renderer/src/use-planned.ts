/** A removal plan asked of main, asked again on demand: the one plan-loading effect of both removal flows. */
import { useEffect, useState } from 'react';
import type { Message } from '../../shared/finding';
import type { IpcResult } from '../../shared/ipc-contract';

/** The plan (null until main answers), the flow's error (the plan's refusal, or one the flow sets) and a way to plan afresh. */
export interface Planned<T> {
  readonly plan: T | null;
  readonly error: Message | null;
  readonly setError: (error: Message | null) => void;
  /** Drops the plan and the error and asks main again (a plan token runs once; pids and installs may have changed). */
  readonly replan: () => void;
}

/** Asks main for a plan through `ask` (keep it stable, e.g. with useCallback) and again after each `replan`; a late answer is dropped. */
export function usePlanned<T>(ask: () => Promise<IpcResult<T>>): Planned<T> {
  const [plan, setPlan] = useState<T | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void ask().then((r) => {
      if (!live) return;
      if (r.ok) setPlan(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [ask, attempt]);
  const replan = (): void => {
    setPlan(null);
    setError(null);
    setAttempt((a) => a + 1);
  };
  return { plan, error, setError, replan };
}
