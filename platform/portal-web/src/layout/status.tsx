import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

interface StatusValue {
  /** Says a success out loud (polite live region) and shows it for a while. */
  announce: (message: string) => void;
}

const StatusContext = createContext<StatusValue>({ announce: () => undefined });

const SHOWN_FOR_MS = 10_000;

/** One polite live region for the whole app: "Saved", "Booking cancelled", "Booking moved". */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const announce = useCallback((text: string) => {
    if (timer.current) {
      clearTimeout(timer.current);
    }
    // Emptied first so the same sentence twice in a row is read again.
    setMessage('');
    requestAnimationFrame(() => setMessage(text));
    timer.current = setTimeout(() => setMessage(''), SHOWN_FOR_MS);
  }, []);

  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
      }
    },
    [],
  );

  const value = useMemo(() => ({ announce }), [announce]);
  return (
    <StatusContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className={message ? 'toast toast-visible' : 'toast'}>
        {message}
      </div>
    </StatusContext.Provider>
  );
}

export function useStatus(): StatusValue {
  return useContext(StatusContext);
}
