import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { Dialog } from '../../layout/Dialog';
import { ProblemMessage } from '../../layout/ProblemMessage';
import { adminApi } from '../api';
import type { CustomerPackageRow } from '../types';

const schema = z.object({
  delta: z
    .string()
    .trim()
    .regex(/^[+-]?\d{1,4}$/, 'admin.adjust.errors.delta')
    .refine((v) => Number(v) !== 0, 'admin.adjust.errors.delta'),
  reason: z.string().trim().min(1, 'admin.adjust.errors.reason').max(500, 'admin.adjust.errors.reasonLong'),
});

type Values = z.infer<typeof schema>;

interface AdjustCreditsDialogProps {
  customerId: string;
  pkg: CustomerPackageRow;
  onClose: () => void;
  onAdjusted: () => void;
}

/** Adds or removes credits with a reason; the server refuses to go below zero (409) and says so here. */
export function AdjustCreditsDialog({ customerId, pkg, onClose, onAdjusted }: AdjustCreditsDialogProps) {
  const { t } = useTranslation();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { delta: '', reason: '' } });
  const adjust = useMutation({
    mutationFn: (values: Values) =>
      adminApi<unknown>(
        `/api/admin/customers/${encodeURIComponent(customerId)}/packages/${encodeURIComponent(pkg.id)}/adjust`,
        { method: 'POST', body: { delta: Number(values.delta), reason: values.reason.trim() } },
      ),
    onSuccess: () => onAdjusted(),
  });
  const { errors } = form.formState;
  const message = (field: keyof Values) => {
    const own = errors[field]?.message;
    if (own) {
      return t(own);
    }
    return adjust.error instanceof ApiProblem ? adjust.error.fieldMessage(field) : undefined;
  };

  return (
    <Dialog title={t('admin.adjust.title', { name: pkg.name })} onClose={onClose}>
      <p>{t('admin.customers.creditsOf', { left: pkg.creditsRemaining, total: pkg.creditsTotal })}</p>
      <form className="stack" noValidate onSubmit={(e) => void form.handleSubmit((values) => adjust.mutate(values))(e)}>
        {(['delta', 'reason'] as const).map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`adjust-${field}`}>{t(`admin.adjust.${field}`)}</label>
            <input
              id={`adjust-${field}`}
              type="text"
              inputMode={field === 'delta' ? 'numeric' : undefined}
              aria-invalid={message(field) ? true : undefined}
              aria-describedby={[`adjust-${field}-hint`, message(field) ? `adjust-${field}-error` : ''].join(' ').trim()}
              {...form.register(field)}
            />
            <p id={`adjust-${field}-hint`} className="hint">
              {t(`admin.adjust.${field}Hint`)}
            </p>
            {message(field) && (
              <p id={`adjust-${field}-error`} className="field-error">
                {message(field)}
              </p>
            )}
          </div>
        ))}
        <ProblemMessage error={adjust.error} />
        <div className="actions dialog-actions">
          <button type="submit" className="button button-primary" disabled={adjust.isPending}>
            {t('admin.adjust.confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
