// The rules of a plugin's settings form, generated from its schema. They mirror the server's (SettingsSchema and
// TenantPlugins.configure): a secret comes back masked and is never shown; sending the mask keeps the stored value,
// leaving a key out clears it (a default then applies); required values are needed only to enable the plugin.
import type { PluginView, SettingSchema } from '../types';

/** What the server sends for a secret that is set, and accepts back as "keep it". */
export const MASK = '********';

const ENV_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_.]*\}$/;
const EMAIL = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;
const PHONE = /^\+[1-9][0-9]{6,14}$/;
const INTEGER = /^-?[0-9]{1,9}$/;
const DURATION = /^-?P(?!$)(\d+(?:[.,]\d+)?D)?(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/i;

export type SettingProblem = 'required' | 'integer' | 'boolean' | 'url' | 'email' | 'phone' | 'duration';

/** Whether the studio has stored a value for this secret (it is never sent back, only its mask). */
export function secretIsSet(plugin: PluginView, key: string): boolean {
  return plugin.settings[key] !== undefined;
}

/** The form's starting values: stored values for ordinary settings, always empty for secrets. */
export function initialValues(plugin: PluginView): Record<string, string> {
  return Object.fromEntries(
    plugin.settingsSchema.map((s) => [s.key, s.secret ? '' : (plugin.settings[s.key] ?? '')]),
  );
}

/**
 * The settings to PUT. An empty secret that is set goes back as the mask (kept); a typed one replaces it; an empty
 * ordinary value is left out, so the plugin's default applies.
 */
export function settingsPayload(plugin: PluginView, values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const setting of plugin.settingsSchema) {
    const value = (values[setting.key] ?? '').trim();
    if (value !== '') {
      out[setting.key] = value;
    } else if (setting.secret && secretIsSet(plugin, setting.key)) {
      out[setting.key] = MASK;
    }
  }
  return out;
}

/** The stored settings sent back unchanged (for the on/off switch): secrets stay masked, so they are kept. */
export function storedPayload(plugin: PluginView): Record<string, string> {
  const known = new Set(plugin.settingsSchema.map((s) => s.key));
  return Object.fromEntries(Object.entries(plugin.settings).filter(([key]) => known.has(key)));
}

function typeProblem(type: string, value: string): SettingProblem | null {
  switch (type) {
    case 'INTEGER':
      return INTEGER.test(value) ? null : 'integer';
    case 'BOOLEAN':
      return value === 'true' || value === 'false' ? null : 'boolean';
    case 'URL':
      return isHttpUrl(value) ? null : 'url';
    case 'EMAIL':
      return EMAIL.test(value) ? null : 'email';
    case 'PHONE':
      return PHONE.test(value) ? null : 'phone';
    case 'DURATION':
      return DURATION.test(value) ? null : 'duration';
    default:
      return null;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Problems by key, as the server would find them; required values count only when the plugin is to be enabled. */
export function checkSettings(
  plugin: PluginView,
  values: Record<string, string>,
  enabled: boolean,
): Record<string, SettingProblem> {
  const problems: Record<string, SettingProblem> = {};
  for (const setting of plugin.settingsSchema) {
    const value = (values[setting.key] ?? '').trim();
    if (value === '') {
      const kept = setting.secret && secretIsSet(plugin, setting.key);
      if (enabled && isRequired(setting) && !kept) {
        problems[setting.key] = 'required';
      }
      continue;
    }
    if (ENV_REFERENCE.test(value)) {
      continue;
    }
    const problem = typeProblem(setting.type, value);
    if (problem) {
      problems[setting.key] = problem;
    }
  }
  return problems;
}

/** Required and without a default: the studio must give a value. */
export function isRequired(setting: SettingSchema): boolean {
  return setting.required && (setting.defaultValue === null || setting.defaultValue === undefined);
}

/** "settings.url" from a 400 → "url"; other fields are not the form's. */
export function settingKey(field: string): string | null {
  return field.startsWith('settings.') ? field.slice('settings.'.length) : null;
}
