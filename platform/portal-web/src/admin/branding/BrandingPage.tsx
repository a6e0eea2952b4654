import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { useBranding } from '../../layout/branding';
import { ProblemMessage } from '../../layout/ProblemMessage';
import { useStatus } from '../../layout/status';
import { adminApi } from '../api';
import { useAdmin } from '../session';
import type { BrandingUpdate, BrandingView } from '../types';
import { useAdminPageTitle } from '../usePageTitle';
import { BrandingPreview } from './BrandingPreview';
import { effectiveTokens, isColourToken, isHexColour, ownOverrides, packNamed } from './tokens';

export const brandingKey = ['admin', 'branding'] as const;

/** The studio's theme pack, token overrides and logo, with a live preview of the portal. */
export function BrandingPage() {
  const { t } = useTranslation();
  const branding = useQuery({ queryKey: brandingKey, queryFn: () => adminApi<BrandingView>('/api/admin/branding') });
  useAdminPageTitle(t('admin.branding.title'));

  return (
    <div className="stack-lg">
      <h1>{t('admin.branding.title')}</h1>
      {branding.isPending && <p>{t('common.loading')}</p>}
      <ProblemMessage error={branding.error} />
      {/* A new version (after a save or a reload) starts the form again from what the server has. */}
      {branding.data && <BrandingEditor key={branding.data.version} view={branding.data} onReload={() => void branding.refetch()} />}
    </div>
  );
}

function BrandingEditor({ view, onReload }: { view: BrandingView; onReload: () => void }) {
  const { t } = useTranslation();
  const admin = useAdmin();
  const studio = useBranding().data;
  const queryClient = useQueryClient();
  const { announce } = useStatus();
  const [pack, setPack] = useState(view.pack);
  const [overrides, setOverrides] = useState<Record<string, string>>(view.tokens);
  const [logoUrl, setLogoUrl] = useState(view.logoUrl ?? '');

  const selected = packNamed(view, pack);
  const tokens = effectiveTokens(selected, overrides);
  const names = [...new Set([...Object.keys(selected?.tokens ?? {}), ...Object.keys(overrides)])];

  const save = useMutation({
    mutationFn: (update: BrandingUpdate) => adminApi<BrandingView>('/api/admin/branding', { method: 'PUT', body: update }),
    onSuccess: (saved) => {
      if (saved && typeof saved.version === 'number') {
        queryClient.setQueryData(brandingKey, saved);
      } else {
        void queryClient.invalidateQueries({ queryKey: brandingKey });
      }
      // The admin's own header shows the studio's logo too.
      void queryClient.invalidateQueries({ queryKey: ['branding'] });
      announce(t('admin.branding.saved'));
    },
  });

  const fieldError = (field: string): string | undefined =>
    save.error instanceof ApiProblem
      ? save.error.errors.find((e) => e.field === field || e.field === field.replace(/^tokens\.(.*)$/, 'tokens[$1]'))?.message
      : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ pack, tokens: ownOverrides(selected, overrides), logoUrl: logoUrl.trim() || null, version: view.version });
  };

  const setToken = (name: string, value: string) => setOverrides((previous) => ({ ...previous, [name]: value }));
  const resetToken = (name: string) =>
    setOverrides((previous) => Object.fromEntries(Object.entries(previous).filter(([key]) => key !== name)));

  const conflict = save.error instanceof ApiProblem && save.error.code === 'VERSION_CONFLICT';

  return (
    <div className="branding-layout">
      <form className="stack-lg" noValidate onSubmit={submit}>
        {!admin.isOwner && <p className="notice">{t('admin.branding.readOnly')}</p>}
        <fieldset disabled={!admin.isOwner} className="stack-lg">
          <legend className="visually-hidden">{t('admin.branding.title')}</legend>
          <div className="field">
            <label htmlFor="branding-pack">{t('admin.branding.pack')}</label>
            <select
              id="branding-pack"
              value={pack}
              aria-describedby="branding-pack-hint"
              onChange={(e) => setPack(e.target.value)}
            >
              {view.packs.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.label}
                </option>
              ))}
            </select>
            <p id="branding-pack-hint" className="hint">
              {t('admin.branding.packHint')}
            </p>
            <FieldError id="branding-pack-error" message={fieldError('pack')} />
          </div>
          <div className="token-grid">
            {names.map((name) => (
              <TokenField
                key={name}
                name={name}
                value={overrides[name] ?? selected?.tokens[name] ?? ''}
                overridden={overrides[name] !== undefined && overrides[name] !== selected?.tokens[name]}
                error={fieldError(`tokens.${name}`)}
                onChange={(value) => setToken(name, value)}
                onReset={() => resetToken(name)}
              />
            ))}
          </div>
          <div className="field">
            <label htmlFor="branding-logo">{t('admin.branding.logoUrl')}</label>
            <input
              id="branding-logo"
              type="url"
              value={logoUrl}
              aria-describedby="branding-logo-hint"
              onChange={(e) => setLogoUrl(e.target.value)}
            />
            <p id="branding-logo-hint" className="hint">
              {t('admin.branding.logoHint')}
            </p>
            <FieldError id="branding-logo-error" message={fieldError('logoUrl')} />
          </div>
        </fieldset>
        <ProblemMessage error={save.error} />
        {admin.isOwner && (
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('admin.branding.save')}
            </button>
            {conflict && (
              <button type="button" className="button" onClick={onReload}>
                {t('admin.branding.reload')}
              </button>
            )}
          </div>
        )}
      </form>
      <div className="branding-preview-column">
        <h2>{t('admin.branding.preview')}</h2>
        <BrandingPreview tokens={tokens} studioName={studio?.studioName ?? ''} logoUrl={logoUrl.trim() || null} />
      </div>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

interface TokenFieldProps {
  name: string;
  value: string;
  overridden: boolean;
  error?: string;
  onChange: (value: string) => void;
  onReset: () => void;
}

function TokenField({ name, value, overridden, error, onChange, onReset }: TokenFieldProps) {
  const { t } = useTranslation();
  const id = `token-${name}`;
  const label = t(`admin.branding.tokens.${name}`, { defaultValue: name });
  return (
    <div className="field token-field">
      <label htmlFor={id}>{label}</label>
      <div className="token-inputs">
        {isColourToken(name) && (
          <input
            type="color"
            className="colour-swatch"
            aria-label={t('admin.branding.picker', { name: label })}
            value={isHexColour(value) ? value.toLowerCase() : '#000000'}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
        <input
          id={id}
          type="text"
          spellCheck={false}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {overridden && (
          <button type="button" className="button button-quiet" onClick={onReset} aria-label={t('admin.branding.resetToken', { name: label })}>
            {t('admin.branding.reset')}
          </button>
        )}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
