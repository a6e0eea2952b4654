import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { devInbox, sameOriginLink } from '../auth/links';
import { useFormat } from '../i18n/useFormat';
import { useBranding } from '../layout/branding';
import { ProblemMessage } from '../layout/ProblemMessage';
import { usePageTitle } from '../layout/usePageTitle';

/** The demo studio's mailbox: what it would have sent to one address. */
export function DevInboxPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const branding = useBranding().data;
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? '';
  const [draft, setDraft] = useState(to);
  const inputId = useId();
  usePageTitle(t('demo.heading'));
  const messages = useQuery({
    queryKey: ['dev-inbox', to],
    enabled: to !== '',
    queryFn: () => devInbox(to),
    refetchInterval: 5_000,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(draft.trim() ? { to: draft.trim() } : {});
  };

  return (
    <main id="main" className="page page-standalone stack-lg">
      <h1>{t('demo.heading')}</h1>
      {branding && branding.devInbox !== true && <p className="notice">{t('demo.notDemo')}</p>}
      <form className="inline-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={inputId}>{t('login.address')}</label>
          <input id={inputId} dir="ltr" value={draft} onChange={(event) => setDraft(event.target.value)} />
        </div>
        <button type="submit" className="button button-primary">
          {t('demo.show')}
        </button>
      </form>
      {messages.isError && <ProblemMessage error={messages.error} />}
      {messages.isSuccess &&
        (messages.data.items.length === 0 ? (
          <p>{t('demo.empty')}</p>
        ) : (
          <div className="list">
            {messages.data.items.map((message) => (
              <article key={`${message.sentAt}-${message.subject}`} className="card stack" aria-label={message.subject}>
                <h2>{message.subject}</h2>
                <p className="muted" data-volatile>
                  {message.channel} · {fmt.dateTime(message.sentAt)}
                </p>
                <pre className="message-body">{message.body}</pre>
                {message.link && (
                  <p>
                    <a href={sameOriginLink(message.link)}>{t('demo.open')}</a>
                  </p>
                )}
              </article>
            ))}
          </div>
        ))}
    </main>
  );
}
