import { useEffect, useId, useMemo, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem } from '../api/client';
import type { Profile } from '../api/types';
import { useCustomer, useSession } from '../auth/session';
import { languageName } from '../i18n/format';
import { saveLanguage } from '../i18n/language';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useStatus } from '../layout/status';
import { profileKey } from './queries';
import { isTimeZone, timeZones } from './timeZones';

const E164 = /^\+[1-9][0-9]{6,14}$/;

/** Messages are translation keys. */
export const contactSchema = z.object({
  firstName: z.string().trim().min(1, 'profile.errors.firstName').max(100, 'profile.errors.tooLong'),
  lastName: z.string().trim().max(100, 'profile.errors.tooLong'),
  phone: z
    .string()
    .trim()
    .transform((value) => value.replace(/[\s().-]/g, ''))
    .refine((value) => value === '' || E164.test(value), 'profile.errors.phone'),
  timezone: z.string().trim().refine(isTimeZone, 'profile.errors.timezone'),
  locale: z.string().min(1),
});

type ContactInput = z.input<typeof contactSchema>;
type ContactOutput = z.output<typeof contactSchema>;
const FIELDS: readonly Path<ContactInput>[] = ['firstName', 'lastName', 'phone', 'timezone', 'locale'];

function toForm(profile: Profile): ContactInput {
  return {
    firstName: profile.firstName,
    lastName: profile.lastName ?? '',
    phone: profile.phone ?? '',
    timezone: profile.timezone,
    locale: profile.locale,
  };
}

interface ContactFormProps {
  profile: Profile;
  locales: readonly string[];
  onReload: () => Promise<Profile | undefined>;
}

export function ContactForm({ profile, locales, onReload }: ContactFormProps) {
  const { t } = useTranslation();
  const { announce } = useStatus();
  const { updateCustomer } = useSession();
  const customer = useCustomer();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<unknown>(null);
  const zones = useMemo(timeZones, []);
  const languages = locales.includes(profile.locale) ? locales : [profile.locale, ...locales];
  const ids = {
    firstName: useId(),
    lastName: useId(),
    email: useId(),
    emailHint: useId(),
    phone: useId(),
    phoneHint: useId(),
    timezone: useId(),
    zones: useId(),
    locale: useId(),
  };
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ContactInput, unknown, ContactOutput>({
    resolver: zodResolver(contactSchema),
    defaultValues: toForm(profile),
  });

  useEffect(() => {
    reset(toForm(profile));
  }, [profile, reset]);

  const submit = async (values: ContactOutput) => {
    setProblem(null);
    try {
      const saved = await api<Profile>('/api/client-portal/profile', {
        method: 'PUT',
        body: {
          firstName: values.firstName,
          lastName: values.lastName,
          email: profile.email ?? null,
          phone: values.phone === '' ? null : values.phone,
          timezone: values.timezone,
          locale: values.locale,
        },
      });
      queryClient.setQueryData(profileKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      announce(t('common.saved'));
      saveLanguage(saved.locale);
      updateCustomer({
        ...customer,
        firstName: saved.firstName,
        lastName: saved.lastName,
        phone: saved.phone ?? null,
        timezone: saved.timezone,
        locale: saved.locale,
      });
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'VALIDATION_FAILED' && error.errors.length > 0) {
        let unplaced = false;
        for (const field of error.errors) {
          const name = FIELDS.find((f) => f === field.field);
          if (name) {
            setError(name, { type: 'server', message: field.message });
          } else {
            unplaced = true;
          }
        }
        if (unplaced) {
          setProblem(error);
        }
        return;
      }
      if (error instanceof ApiProblem && error.code === 'PHONE_TAKEN') {
        setError('phone', { type: 'server', message: error.detail });
        return;
      }
      setProblem(error);
      if (error instanceof ApiProblem && error.code === 'PROFILE_CHANGED') {
        const fresh = await onReload();
        if (fresh) {
          reset(toForm(fresh));
        }
      }
    }
  };

  const message = (text: string | undefined) => (text && text.startsWith('profile.') ? t(text) : text);
  const fieldError = (name: Path<ContactInput>, id: string) => {
    const text = message(errors[name]?.message);
    return text ? (
      <p id={`${id}-error`} className="field-error">
        {text}
      </p>
    ) : null;
  };
  const describedBy = (name: Path<ContactInput>, id: string, hint?: string) =>
    [errors[name] ? `${id}-error` : null, hint].filter(Boolean).join(' ') || undefined;

  return (
    <form className="stack" noValidate onSubmit={handleSubmit(submit)}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.firstName}>{t('profile.firstName')}</label>
          <input
            id={ids.firstName}
            autoComplete="given-name"
            aria-invalid={errors.firstName ? true : undefined}
            aria-describedby={describedBy('firstName', ids.firstName)}
            {...register('firstName')}
          />
          {fieldError('firstName', ids.firstName)}
        </div>
        <div className="field">
          <label htmlFor={ids.lastName}>{t('profile.lastName')}</label>
          <input
            id={ids.lastName}
            autoComplete="family-name"
            aria-invalid={errors.lastName ? true : undefined}
            aria-describedby={describedBy('lastName', ids.lastName)}
            {...register('lastName')}
          />
          {fieldError('lastName', ids.lastName)}
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.email}>{t('profile.email')}</label>
        <input
          id={ids.email}
          type="email"
          dir="ltr"
          readOnly
          value={profile.email ?? ''}
          aria-describedby={ids.emailHint}
        />
        <p id={ids.emailHint} className="hint">
          {t('profile.emailHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.phone}>{t('profile.phone')}</label>
        <input
          id={ids.phone}
          type="tel"
          dir="ltr"
          autoComplete="tel"
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={describedBy('phone', ids.phone, ids.phoneHint)}
          {...register('phone')}
        />
        <p id={ids.phoneHint} className="hint">
          {t('profile.phoneHint')}
        </p>
        {fieldError('phone', ids.phone)}
      </div>
      <div className="field">
        <label htmlFor={ids.timezone}>{t('profile.timezone')}</label>
        <input
          id={ids.timezone}
          list={ids.zones}
          dir="ltr"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errors.timezone ? true : undefined}
          aria-describedby={describedBy('timezone', ids.timezone)}
          {...register('timezone')}
        />
        <datalist id={ids.zones}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        {fieldError('timezone', ids.timezone)}
      </div>
      <div className="field">
        <label htmlFor={ids.locale}>{t('profile.language')}</label>
        <select
          id={ids.locale}
          aria-invalid={errors.locale ? true : undefined}
          aria-describedby={describedBy('locale', ids.locale)}
          {...register('locale')}
        >
          {languages.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageName(code)}
            </option>
          ))}
        </select>
        {fieldError('locale', ids.locale)}
      </div>
      <ProblemMessage error={problem} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {t('profile.save')}
        </button>
      </div>
    </form>
  );
}
