import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useStatus } from '../layout/status';
import { DemoInbox } from './DemoInbox';
import { inboxBaseline, requestLink } from './links';
import type { SentLink } from './LoginForm';
import { useCooldown } from './useCooldown';

export const RESEND_COOLDOWN_SECONDS = 30;

interface LinkSentPanelProps {
  sent: SentLink;
  devInbox: boolean;
  onResent: (sent: SentLink) => void;
  onChangeAddress: () => void;
}

/** "Check your email": where the link went, a resend after a cooldown, and in demo studios the link itself. */
export function LinkSentPanel({ sent, devInbox, onResent, onChangeAddress }: LinkSentPanelProps) {
  const { t } = useTranslation();
  const { announce } = useStatus();
  const cooldown = useCooldown(RESEND_COOLDOWN_SECONDS);
  const [problem, setProblem] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The form that had focus is gone; the news is here.
    heading.current?.focus();
  }, []);

  const resend = async () => {
    setProblem(null);
    setSending(true);
    try {
      const since = devInbox ? await inboxBaseline(sent.address) : Date.now();
      const answer = await requestLink({ kind: sent.kind, address: sent.address, channel: sent.channel });
      cooldown.start(RESEND_COOLDOWN_SECONDS);
      announce(t('login.resent'));
      onResent({ ...sent, expiresInSeconds: answer.expiresInSeconds, since });
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 429) {
        cooldown.start(error.retryAfterSeconds ?? RESEND_COOLDOWN_SECONDS);
      }
      setProblem(error);
    } finally {
      setSending(false);
    }
  };

  const minutes = Math.max(1, Math.round(sent.expiresInSeconds / 60));
  return (
    <div className="stack">
      <h2 ref={heading} tabIndex={-1}>
        {sent.kind === 'email' ? t('login.checkEmail') : t('login.checkPhone')}
      </h2>
      <p>
        {t(`login.sentBy.${sent.channel}`, { address: sent.address })}{' '}
        {t('login.expiresIn', { count: minutes })}
      </p>
      <ProblemMessage error={problem} />
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={cooldown.remaining > 0 || sending}
          onClick={() => void resend()}
          data-volatile
        >
          {cooldown.remaining > 0 ? t('login.resendIn', { seconds: cooldown.remaining }) : t('login.resend')}
        </button>
        <button type="button" className="button button-quiet" onClick={onChangeAddress}>
          {t('login.changeAddress')}
        </button>
      </div>
      {devInbox && <DemoInbox address={sent.address} since={sent.since} />}
    </div>
  );
}
