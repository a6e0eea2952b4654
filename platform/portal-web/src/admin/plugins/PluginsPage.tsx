import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { ProblemMessage } from '../../layout/ProblemMessage';
import { useStatus } from '../../layout/status';
import { useAdmin } from '../session';
import type { PluginView } from '../types';
import { useAdminPageTitle } from '../usePageTitle';
import { useUpdatePlugin, usePlugins } from './queries';
import { settingKey, storedPayload } from './settings';
import { settingLabel } from './SettingsForm';

/** Every installed plugin with an on/off switch for this studio; settings on each plugin's own page. */
export function PluginsPage() {
  const { t } = useTranslation();
  const admin = useAdmin();
  const plugins = usePlugins();
  useAdminPageTitle(t('admin.plugins.title'));

  return (
    <div className="stack-lg">
      <h1>{t('admin.plugins.title')}</h1>
      {!admin.isOwner && <p className="notice">{t('admin.plugins.readOnly')}</p>}
      {plugins.isPending && <p>{t('common.loading')}</p>}
      <ProblemMessage error={plugins.error} />
      <ul className="plugin-list">
        {plugins.data?.items.map((plugin) => (
          <li key={plugin.id}>
            <PluginCard plugin={plugin} canChange={admin.isOwner} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function PluginCard({ plugin, canChange }: { plugin: PluginView; canChange: boolean }) {
  const { t } = useTranslation();
  const { announce } = useStatus();
  const update = useUpdatePlugin();
  const [error, setError] = useState<unknown>(null);
  const headingId = `plugin-${plugin.id}`;

  const toggle = (enabled: boolean) => {
    setError(null);
    update.mutate(
      { id: plugin.id, enabled, settings: storedPayload(plugin) },
      {
        onSuccess: (saved) =>
          announce(t(saved.enabled ? 'admin.plugins.nowEnabled' : 'admin.plugins.nowDisabled', { id: saved.id })),
        onError: setError,
      },
    );
  };

  const missing =
    error instanceof ApiProblem
      ? error.errors.map((e) => `${settingLabel(settingKey(e.field) ?? e.field)}: ${e.message}`)
      : [];

  return (
    <article className="card stack plugin-card" aria-labelledby={headingId}>
      <div className="plugin-head">
        <h2 id={headingId} className="card-title">
          {plugin.id}
        </h2>
        <label className="choice switch">
          <input
            type="checkbox"
            role="switch"
            checked={plugin.enabled}
            disabled={!canChange || update.isPending}
            aria-describedby={`${headingId}-facts`}
            onChange={(e) => toggle(e.target.checked)}
          />
          {t('admin.plugins.enabled')}
        </label>
      </div>
      <p id={`${headingId}-facts`} className="hint">
        {t('admin.plugins.facts', { version: plugin.version, provider: plugin.provider, kinds: plugin.kinds.join(', ') })}
        {!plugin.available && ` ${t('admin.plugins.unavailable')}`}
      </p>
      <ProblemMessage error={error} />
      {missing.length > 0 && (
        <ul className="problem-list">
          {missing.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      <Link to={`/plugins/${encodeURIComponent(plugin.id)}`} aria-label={t('admin.plugins.settingsOf', { id: plugin.id })}>
        {t(canChange ? 'admin.plugins.configure' : 'admin.plugins.view')}
      </Link>
    </article>
  );
}
