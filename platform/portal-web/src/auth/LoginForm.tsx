import { useEffect, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import type { LoginChannel } from '../api/types';
import { ProblemMessage } from '../layout/ProblemMessage';
import { channelsFor, classifyAddress, type AddressKind } from './address';
import { inboxBaseline, requestLink } from './links';
import { useCooldown } from './useCooldown';

export interface SentLink {
  kind: AddressKind;
  address: string;
  channel: LoginChannel;
  expiresInSeconds: number;
  /** Only demo-inbox messages newer than this (epoch ms) belong to this request. */
  since: number;
}

const CHANNEL_LABEL: Record<LoginChannel, string> = {
  email: 'login.channel.email',
  sms: 'login.channel.sms',
  whatsapp: 'login.channel.whatsapp',
};

/** Messages are translation keys; the form translates them when it shows them. */
export function loginSchema(offered: readonly LoginChannel[]) {
  return z
    .object({ address: z.string(), channel: z.string().optional() })
    .superRefine((values, ctx) => {
      const address = classifyAddress(values.address);
      const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['address'], message });
      if (!address.value) {
        fail('login.errors.required');
      } else if (address.kind === 'unknown') {
        fail('login.errors.unknown');
      } else if (!address.valid) {
        fail(address.kind === 'email' ? 'login.errors.email' : 'login.errors.phone');
      } else if (channelsFor(address.kind, offered).length === 0) {
        fail(address.kind === 'email' ? 'login.errors.noEmail' : 'login.errors.noPhone');
      }
    });
}

type LoginValues = z.infer<ReturnType<typeof loginSchema>>;

interface LoginFormProps {
  channels: readonly LoginChannel[];
  devInbox: boolean;
  onSent: (sent: SentLink) => void;
}

export function LoginForm({ channels, devInbox, onSent }: LoginFormProps) {
  const { t } = useTranslation();
  const ids = { address: useId(), error: useId(), hint: useId() };
  const [problem, setProblem] = useState<unknown>(null);
  const cooldown = useCooldown();
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({
    resolver: zodResolver(loginSchema(channels)),
    defaultValues: { address: '', channel: undefined },
  });

  const address = classifyAddress(watch('address'));
  const available = address.kind === 'unknown' ? [] : channelsFor(address.kind, channels);
  const chosen = watch('channel');
  const availableKey = available.join(',');

  useEffect(() => {
    const first = available[0];
    if (first && !available.some((c) => c === chosen)) {
      setValue('channel', first);
    }
  }, [availableKey, chosen, setValue]); // available is derived from availableKey

  const offersEmail = channels.includes('email');
  const offersPhone = channels.includes('sms') || channels.includes('whatsapp');
  const label = offersEmail && offersPhone ? t('login.address') : offersEmail ? t('login.emailOnly') : t('login.phoneOnly');

  const submit = async (values: LoginValues) => {
    setProblem(null);
    const parsed = classifyAddress(values.address);
    if (parsed.kind === 'unknown') {
      return;
    }
    const options = channelsFor(parsed.kind, channels);
    const channel = options.find((c) => c === values.channel) ?? options[0];
    if (!channel) {
      return;
    }
    try {
      const since = devInbox ? await inboxBaseline(parsed.value) : Date.now();
      const answer = await requestLink({ kind: parsed.kind, address: parsed.value, channel });
      onSent({ kind: parsed.kind, address: parsed.value, channel, expiresInSeconds: answer.expiresInSeconds, since });
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        for (const field of error.errors) {
          setError(field.field === 'channel' ? 'channel' : 'address', { type: 'server', message: field.message });
        }
        return;
      }
      if (error instanceof ApiProblem && error.status === 429) {
        cooldown.start(error.retryAfterSeconds ?? 30);
      }
      setProblem(error);
    }
  };

  const addressError = errors.address?.message;
  const channelError = errors.channel?.message;
  const translate = (message: string) => (message.startsWith('login.') ? t(message) : message);

  return (
    <form className="stack" noValidate onSubmit={handleSubmit(submit)}>
      <p id={ids.hint} className="muted">
        {t('login.intro')}
      </p>
      <div className="field">
        <label htmlFor={ids.address}>{label}</label>
        <input
          id={ids.address}
          type="text"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          dir="ltr"
          aria-invalid={addressError ? true : undefined}
          aria-describedby={addressError ? `${ids.error} ${ids.hint}` : ids.hint}
          {...register('address')}
        />
        {addressError && (
          <p id={ids.error} className="field-error">
            {translate(addressError)}
          </p>
        )}
      </div>

      {available.length > 1 && (
        <fieldset className="field choice-group">
          <legend>{t('login.sendBy')}</legend>
          {available.map((channel) => (
            <label key={channel} className="choice">
              <input type="radio" value={channel} {...register('channel')} />
              <span>{t(CHANNEL_LABEL[channel])}</span>
            </label>
          ))}
          {channelError && <p className="field-error">{translate(channelError)}</p>}
        </fieldset>
      )}
      {available.length <= 1 && channelError && <p className="field-error">{translate(channelError)}</p>}

      <ProblemMessage error={problem} />
      {cooldown.remaining > 0 && <p className="muted">{t('login.tryAgainIn', { seconds: cooldown.remaining })}</p>}

      <button type="submit" className="button button-primary" disabled={isSubmitting || cooldown.remaining > 0}>
        {t('login.submit')}
      </button>
    </form>
  );
}
