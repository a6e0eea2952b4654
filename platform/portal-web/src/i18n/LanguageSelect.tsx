import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from './format';
import { saveLanguage } from './language';

/** The language switcher of the login page: remembered in this browser until the customer logs in. */
export function LanguageSelect({ locales }: { locales: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="field language-select">
      <label htmlFor={id}>{t('common.language')}</label>
      <select
        id={id}
        value={locales.includes(i18n.language) ? i18n.language : locales[0]}
        onChange={(event) => {
          saveLanguage(event.target.value);
          void i18n.changeLanguage(event.target.value);
        }}
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
