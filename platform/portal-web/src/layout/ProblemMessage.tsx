import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';

/** The server's problem detail (already in the customer's language), or a sentence of ours when it sent none. */
export function problemText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiProblem) {
    if (error.status === 0) {
      return t('errors.network');
    }
    return error.detail || error.title || t('errors.generic');
  }
  return t('errors.generic');
}

export function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  return (
    <p role="alert" className="problem">
      {problemText(error, t)}
    </p>
  );
}
