import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { ProblemMessage } from '../../layout/ProblemMessage';
import type { PluginView, SettingSchema } from '../types';
import { checkSettings, initialValues, isRequired, secretIsSet, settingKey, settingsPayload } from './settings';

export interface SettingsSubmit {
  enabled: boolean;
  settings: Record<string, string>;
}

interface SettingsFormProps {
  plugin: PluginView;
  readOnly: boolean;
  saving: boolean;
  /** The last save's error: a 400's field errors are shown under their fields, anything else above the button. */
  error: unknown;
  onSave: (update: SettingsSubmit) => void;
}

const INPUT_TYPES: Record<string, string> = { URL: 'url', EMAIL: 'email', PHONE: 'tel', INTEGER: 'text' };
const ACRONYMS: Record<string, string> = { url: 'URL', api: 'API', sid: 'SID', id: 'ID', sms: 'SMS' };

/** "apiBaseUrl" → "API base URL". */
export function settingLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ');
  return words
    .map((word, i) => ACRONYMS[word] ?? (i === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word))
    .join(' ');
}

/** A plugin's settings as a form generated from its schema; secrets are write-only. */
export function SettingsForm({ plugin, readOnly, saving, error, onSave }: SettingsFormProps) {
  const { t } = useTranslation();
  const formId = useId();
  const [enabled, setEnabled] = useState(plugin.enabled);
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(plugin));
  const [checked, setChecked] = useState(false);

  const problems = checked ? checkSettings(plugin, values, enabled) : {};
  const serverErrors = new Map<string, string>();
  const otherErrors: string[] = [];
  if (error instanceof ApiProblem) {
    for (const e of error.errors) {
      const key = settingKey(e.field);
      if (key !== null && plugin.settingsSchema.some((s) => s.key === key)) {
        serverErrors.set(key, e.message);
      } else {
        otherErrors.push(e.field ? `${e.field} ${e.message}` : e.message);
      }
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(checkSettings(plugin, values, enabled)).length > 0) {
      const first = plugin.settingsSchema.find((s) => checkSettings(plugin, values, enabled)[s.key]);
      if (first) {
        document.getElementById(`${formId}-${first.key}`)?.focus();
      }
      return;
    }
    onSave({ enabled, settings: settingsPayload(plugin, values) });
  };

  const messageFor = (setting: SettingSchema): string | undefined => {
    const problem = problems[setting.key];
    if (problem) {
      return t(`admin.settings.errors.${problem}`);
    }
    return serverErrors.get(setting.key);
  };

  return (
    <form className="stack-lg" noValidate onSubmit={submit} aria-label={t('admin.plugins.settingsOf', { id: plugin.id })}>
      <fieldset disabled={readOnly} className="stack-lg">
        <legend className="visually-hidden">{t('admin.plugins.settingsOf', { id: plugin.id })}</legend>
        <label className="choice switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
          />
          {t('admin.plugins.enabledLabel')}
        </label>
        {plugin.settingsSchema.length === 0 && <p className="muted">{t('admin.plugins.noSettings')}</p>}
        {plugin.settingsSchema.map((setting) => {
          const id = `${formId}-${setting.key}`;
          const message = messageFor(setting);
          const set = setting.secret && secretIsSet(plugin, setting.key);
          const hintId = `${id}-hint`;
          const errorId = `${id}-error`;
          const describedBy = [hintId, message ? errorId : null].filter(Boolean).join(' ');
          const value = values[setting.key] ?? '';
          const update = (next: string) => setValues((previous) => ({ ...previous, [setting.key]: next }));
          return (
            <div className="field" key={setting.key}>
              <label htmlFor={id}>
                {settingLabel(setting.key)}
                {isRequired(setting) && <span className="muted"> {t('admin.settings.required')}</span>}
                {setting.secret && (
                  <span className={`badge ${set ? 'badge-positive' : 'badge-neutral'} secret-state`}>
                    {t(set ? 'admin.settings.secretSet' : 'admin.settings.secretNotSet')}
                  </span>
                )}
              </label>
              {setting.type === 'BOOLEAN' ? (
                <select
                  id={id}
                  value={value}
                  aria-describedby={describedBy}
                  aria-invalid={message ? true : undefined}
                  onChange={(e) => update(e.target.value)}
                >
                  <option value="">
                    {setting.defaultValue
                      ? t('admin.settings.defaultOption', { value: t(`admin.settings.bool.${setting.defaultValue}`) })
                      : t('admin.settings.unset')}
                  </option>
                  <option value="true">{t('admin.settings.bool.true')}</option>
                  <option value="false">{t('admin.settings.bool.false')}</option>
                </select>
              ) : (
                <input
                  id={id}
                  type={setting.secret ? 'password' : (INPUT_TYPES[setting.type] ?? 'text')}
                  autoComplete={setting.secret ? 'new-password' : 'off'}
                  spellCheck={false}
                  value={value}
                  placeholder={setting.defaultValue ? t('admin.settings.defaultPlaceholder', { value: setting.defaultValue }) : undefined}
                  aria-describedby={describedBy}
                  aria-invalid={message ? true : undefined}
                  onChange={(e) => update(e.target.value)}
                />
              )}
              <p id={hintId} className="hint">
                {setting.description}
                {setting.secret && ` ${t(set ? 'admin.settings.secretKeep' : 'admin.settings.secretWriteOnly')}`}
              </p>
              {message && (
                <p id={errorId} className="field-error">
                  {message}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
      <ProblemMessage error={error} />
      {otherErrors.length > 0 && (
        <ul className="problem-list">
          {otherErrors.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <button type="submit" className="button button-primary" disabled={saving}>
          {t('admin.plugins.save')}
        </button>
      )}
    </form>
  );
}
