import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../layout/ProblemMessage';
import { useStatus } from '../../layout/status';
import { useAdmin } from '../session';
import { useAdminPageTitle } from '../usePageTitle';
import { useUpdatePlugin, usePlugins } from './queries';
import { SettingsForm } from './SettingsForm';

/** One plugin's switch and settings form; front desk sees it read-only. */
export function PluginSettingsPage() {
  const { t } = useTranslation();
  const { pluginId = '' } = useParams();
  const admin = useAdmin();
  const plugins = usePlugins();
  const update = useUpdatePlugin();
  const { announce } = useStatus();
  const [saves, setSaves] = useState(0);
  const plugin = plugins.data?.items.find((p) => p.id === pluginId);
  useAdminPageTitle(pluginId);

  return (
    <div className="stack-lg">
      <p>
        <Link to="/plugins">{t('admin.plugins.back')}</Link>
      </p>
      <h1>{pluginId}</h1>
      {plugins.isPending && <p>{t('common.loading')}</p>}
      <ProblemMessage error={plugins.error} />
      {plugins.isSuccess && !plugin && <p>{t('admin.plugins.notFound')}</p>}
      {plugin && (
        <>
          <p className="hint">
            {t('admin.plugins.facts', { version: plugin.version, provider: plugin.provider, kinds: plugin.kinds.join(', ') })}
          </p>
          {!admin.isOwner && <p className="notice">{t('admin.plugins.readOnly')}</p>}
          <div className="card">
            <SettingsForm
              // A fresh form after each save: secrets empty again, stored values as the server has them.
              key={saves}
              plugin={plugin}
              readOnly={!admin.isOwner}
              saving={update.isPending}
              error={update.error}
              onSave={({ enabled, settings }) =>
                update.mutate(
                  { id: plugin.id, enabled, settings },
                  {
                    onSuccess: () => {
                      setSaves((n) => n + 1);
                      announce(t('admin.plugins.saved', { id: plugin.id }));
                    },
                  },
                )
              }
            />
          </div>
        </>
      )}
    </div>
  );
}
