import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useStatus } from '../layout/status';
import { devInbox, sameOriginLink } from './links';

const POLL_EVERY_MS = 1_000;
const POLL_ATTEMPTS = 20;

type InboxState = { status: 'waiting' } | { status: 'found'; link: string } | { status: 'timeout' };

/**
 * Demo studios keep messages instead of sending them: this polls the demo inbox until the link just requested
 * shows up, and offers it. "Open link" stays on this origin, whatever base URL the studio is configured with.
 */
export function DemoInbox({ address, since }: { address: string; since: number }) {
  const { t } = useTranslation();
  const { announce } = useStatus();
  const headingId = useId();
  const [state, setState] = useState<InboxState>({ status: 'waiting' });

  useEffect(() => {
    let cancelled = false;
    let attempts = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ status: 'waiting' });
    const poll = async () => {
      attempts += 1;
      try {
        const { items } = await devInbox(address);
        const message = items.find((m) => m.link && Date.parse(m.sentAt) > since);
        if (message?.link) {
          if (!cancelled) {
            setState({ status: 'found', link: message.link });
          }
          return;
        }
      } catch {
        // The message may simply not be there yet; keep polling.
      }
      if (cancelled) {
        return;
      }
      if (attempts >= POLL_ATTEMPTS) {
        setState({ status: 'timeout' });
        return;
      }
      timer = setTimeout(() => void poll(), POLL_EVERY_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [address, since]);

  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      announce(t('demo.copied'));
    } catch {
      announce(t('demo.copyFailed'));
    }
  };

  return (
    <section className="demo-inbox" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('demo.heading')}</h2>
      <p className="muted">{t('demo.explanation')}</p>
      {state.status === 'waiting' && <p aria-busy="true">{t('demo.waiting')}</p>}
      {state.status === 'found' && (
        <>
          <p className="demo-link" dir="ltr">
            <code>{state.link}</code>
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={() => void copy(state.link)}>
              {t('demo.copy')}
            </button>
            <a className="button button-primary" href={sameOriginLink(state.link)}>
              {t('demo.open')}
            </a>
          </div>
        </>
      )}
      {state.status === 'timeout' && (
        <p>
          {t('demo.timeout')} <Link to={`/dev/inbox?to=${encodeURIComponent(address)}`}>{t('demo.openInbox')}</Link>
        </p>
      )}
    </section>
  );
}
