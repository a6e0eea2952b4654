import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useBranding } from '../layout/branding';
import { adminLogin } from './api';
import { useAdminPageTitle } from './usePageTitle';

const schema = z.object({
  email: z.string().trim().min(1, 'admin.login.errors.email').email('admin.login.errors.email'),
  password: z.string().min(1, 'admin.login.errors.password'),
});

type Values = z.infer<typeof schema>;

interface LoginState {
  from?: string;
  reason?: string;
}

/** Email and password. The token is kept in this tab's memory only, which the page says. */
export function AdminLoginPage() {
  const { t } = useTranslation();
  const branding = useBranding().data;
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const [error, setError] = useState<unknown>(null);
  useAdminPageTitle(t('admin.login.title'));
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await adminLogin(values.email.trim(), values.password);
      const target = state.from && state.from !== '/login' ? state.from : '/';
      navigate(target, { replace: true });
    } catch (e) {
      setError(e);
      form.setValue('password', '');
    }
  });

  return (
    <main id="main" className="centered-page">
      <div className="card login-card narrow">
        <div className="login-brand">
          {branding?.logoUrl && <img className="login-logo" src={branding.logoUrl} alt="" />}
          <p className="muted">{branding?.studioName}</p>
          <h1>{t('admin.login.title')}</h1>
        </div>
        {state.reason === 'expired' && (
          <p className="notice" role="status">
            {t('admin.login.expired')}
          </p>
        )}
        <form className="stack" noValidate onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor="admin-email">{t('admin.login.email')}</label>
            <input
              id="admin-email"
              type="email"
              autoComplete="username"
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? 'admin-email-error' : undefined}
              {...form.register('email')}
            />
            {errors.email?.message && (
              <p id="admin-email-error" className="field-error">
                {t(errors.email.message)}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="admin-password">{t('admin.login.password')}</label>
            <input
              id="admin-password"
              type="password"
              autoComplete="current-password"
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? 'admin-password-error' : undefined}
              {...form.register('password')}
            />
            {errors.password?.message && (
              <p id="admin-password-error" className="field-error">
                {t(errors.password.message)}
              </p>
            )}
          </div>
          <ProblemMessage error={error} />
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            {t('admin.login.submit')}
          </button>
        </form>
        <p className="hint">{t('admin.login.memoryOnly')}</p>
      </div>
    </main>
  );
}
