import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { problemText, ProblemMessage } from '../../layout/ProblemMessage';
import { useStatus } from '../../layout/status';
import { PagedTable, useWhen } from '../paging';
import { useAdmin } from '../session';
import type { AdminAccount } from '../types';
import { useAdminPageTitle } from '../usePageTitle';
import { useAddAccount, useChangeAccount, useTeam, type AccountChange } from './queries';

/** As the server checks it: 12 to 128 characters. */
export const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;

const schema = z.object({
  email: z.string().trim().min(1, 'admin.team.errors.email').email('admin.team.errors.email'),
  role: z.enum(['OWNER', 'FRONT_DESK']),
  password: z.string().min(PASSWORD_MIN, 'admin.team.errors.password').max(PASSWORD_MAX, 'admin.team.errors.passwordLong'),
});

type Values = z.infer<typeof schema>;
const FIELDS = ['email', 'role', 'password'] as const;

/** The studio's admin accounts: the owners add them, change their role, and cut them off. */
export function TeamPage() {
  const { t } = useTranslation();
  const admin = useAdmin();
  useAdminPageTitle(t('admin.team.title'));

  return (
    <div className="stack-lg">
      <h1>{t('admin.team.title')}</h1>
      {admin.isOwner ? (
        <>
          <Accounts />
          <AddAccountForm />
        </>
      ) : (
        // The server answers 403 to the front desk, so there is nothing to ask it.
        <p className="notice">{t('admin.team.ownersOnly')}</p>
      )}
    </div>
  );
}

function Accounts() {
  const { t } = useTranslation();
  const admin = useAdmin();
  const when = useWhen();
  const { announce } = useStatus();
  const team = useTeam();
  const change = useChangeAccount();
  const [refusal, setRefusal] = useState<{ email: string; error: unknown } | null>(null);

  const apply = (next: AccountChange, done: string) => {
    // The buttons stay enabled (and focused) while a change is under way; a second click waits for the first.
    if (change.isPending) {
      return;
    }
    setRefusal(null);
    change.mutate(next, {
      onSuccess: () => announce(done),
      onError: (error) => setRefusal({ email: next.account.email, error }),
    });
  };

  const refusalText = (error: unknown) =>
    error instanceof ApiProblem && error.code === 'LAST_OWNER' ? t('admin.team.errors.lastOwner') : problemText(error, t);

  const row = (a: AdminAccount) => {
    const role = a.role === 'OWNER' ? 'FRONT_DESK' : 'OWNER';
    return (
      <tr key={a.id}>
        <td>
          {a.email}
          {a.id === admin.id && <span className="muted"> {t('admin.team.you')}</span>}
        </td>
        <td>{t(`admin.role.${a.role}`, { defaultValue: a.role })}</td>
        <td>{t(a.active ? 'admin.team.active' : 'admin.team.inactive')}</td>
        <td>{a.lastLoginAt ? <time dateTime={a.lastLoginAt}>{when(a.lastLoginAt)}</time> : t('admin.team.never')}</td>
        <td>
          <div className="actions">
            <button
              type="button"
              className="button"
              aria-label={t(`admin.team.makeRoleOf.${role}`, { email: a.email })}
              aria-disabled={change.isPending || undefined}
              onClick={() =>
                apply({ account: a, role, active: a.active }, t(`admin.team.roleChanged.${role}`, { email: a.email }))
              }
            >
              {t(`admin.team.makeRole.${role}`)}
            </button>
            <button
              type="button"
              className="button"
              aria-label={t(a.active ? 'admin.team.deactivateOf' : 'admin.team.reactivateOf', { email: a.email })}
              aria-disabled={change.isPending || undefined}
              onClick={() =>
                apply(
                  { account: a, role: a.role, active: !a.active },
                  t(a.active ? 'admin.team.deactivated' : 'admin.team.reactivated', { email: a.email }),
                )
              }
            >
              {t(a.active ? 'admin.team.deactivate' : 'admin.team.reactivate')}
            </button>
          </div>
        </td>
      </tr>
    );
  };

  return (
    <section className="stack">
      <h2>{t('admin.team.accounts')}</h2>
      {refusal && (
        <p role="alert" className="problem">
          {t('admin.team.refused', { email: refusal.email, reason: refusalText(refusal.error) })}
        </p>
      )}
      <PagedTable
        list={team}
        label={t('admin.team.accounts')}
        empty={t('admin.team.none')}
        headers={[
          t('admin.team.email'),
          t('admin.team.role'),
          t('admin.team.status'),
          t('admin.team.lastLogin'),
          t('admin.team.change'),
        ]}
        row={row}
      />
    </section>
  );
}

function AddAccountForm() {
  const { t } = useTranslation();
  const { announce } = useStatus();
  const add = useAddAccount();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', role: 'FRONT_DESK', password: '' },
  });
  const { errors } = form.formState;

  const serverMessage = (field: (typeof FIELDS)[number]): string | undefined => {
    if (!(add.error instanceof ApiProblem)) {
      return undefined;
    }
    if (field === 'email' && add.error.code === 'ADMIN_EXISTS') {
      return t('admin.team.errors.exists');
    }
    return add.error.fieldMessage(field);
  };
  const message = (field: (typeof FIELDS)[number]): string | undefined => {
    const own = errors[field]?.message;
    return own ? t(own, { min: PASSWORD_MIN, max: PASSWORD_MAX }) : serverMessage(field);
  };
  // Problems no field owns (a network failure, a 403) show under the form.
  const general =
    add.error instanceof ApiProblem && FIELDS.some((f) => serverMessage(f) !== undefined) ? null : add.error;

  const submit = form.handleSubmit((values) => {
    add.mutate(
      { email: values.email.trim(), role: values.role, password: values.password },
      {
        onSuccess: (created) => {
          form.reset();
          announce(t('admin.team.added', { email: created.email }));
          // Ready for the next one.
          document.getElementById('team-email')?.focus();
        },
        onError: (error) => {
          // The server's objection is shown at its field; take the keyboard there.
          const first = FIELDS.find(
            (f) =>
              error instanceof ApiProblem &&
              (error.fieldMessage(f) !== undefined || (f === 'email' && error.code === 'ADMIN_EXISTS')),
          );
          if (first) {
            form.setFocus(first);
          }
        },
      },
    );
  });

  const describedBy = (field: (typeof FIELDS)[number], hint: boolean) =>
    [hint ? `team-${field}-hint` : '', message(field) ? `team-${field}-error` : ''].join(' ').trim() || undefined;

  return (
    <section className="card stack" aria-labelledby="team-add">
      <h2 id="team-add" className="card-title">
        {t('admin.team.add')}
      </h2>
      <form className="stack" noValidate onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="team-email">{t('admin.team.email')}</label>
          <input
            id="team-email"
            type="email"
            autoComplete="off"
            aria-invalid={message('email') ? true : undefined}
            aria-describedby={describedBy('email', false)}
            {...form.register('email')}
          />
          {message('email') && (
            <p id="team-email-error" className="field-error">
              {message('email')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="team-role">{t('admin.team.role')}</label>
          <select
            id="team-role"
            aria-invalid={message('role') ? true : undefined}
            aria-describedby={describedBy('role', true)}
            {...form.register('role')}
          >
            <option value="FRONT_DESK">{t('admin.role.FRONT_DESK')}</option>
            <option value="OWNER">{t('admin.role.OWNER')}</option>
          </select>
          <p id="team-role-hint" className="hint">
            {t('admin.team.roleHint')}
          </p>
          {message('role') && (
            <p id="team-role-error" className="field-error">
              {message('role')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="team-password">{t('admin.team.password')}</label>
          <input
            id="team-password"
            type="password"
            autoComplete="new-password"
            aria-invalid={message('password') ? true : undefined}
            aria-describedby={describedBy('password', true)}
            {...form.register('password')}
          />
          <p id="team-password-hint" className="hint">
            {t('admin.team.passwordHint', { min: PASSWORD_MIN })}
          </p>
          {message('password') && (
            <p id="team-password-error" className="field-error">
              {message('password')}
            </p>
          )}
        </div>
        <ProblemMessage error={general} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {t('admin.team.addSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
