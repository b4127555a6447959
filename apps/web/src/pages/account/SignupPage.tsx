import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useAuth } from '../../auth';
import { Button, Card, Field } from '../../components';
import { currentLanguage } from '../../i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { safeNext } from './safeNext';
import { FormAlert, apiFieldErrors } from './ui';
import './account.css';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
type FieldName = 'email' | 'displayName' | 'password';

export default function SignupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('acctAuth.signupTitle'));
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'), '/credits');
  const [form, setForm] = useState({ email: '', displayName: '', password: '' });
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});

  const signup = useMutation({
    mutationFn: auth.signup,
    onSuccess: () => navigate(next, { replace: true }),
  });

  if (auth.status === 'authenticated' && !signup.isPending && !signup.isSuccess)
    return <Navigate to={next} replace />;

  const set = (field: FieldName) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const email = form.email.trim();
    const displayName = form.displayName.trim();
    const problems: Partial<Record<FieldName, string>> = {
      email: !email
        ? t('acctAuth.emailRequired')
        : !EMAIL.test(email)
          ? t('acctAuth.emailInvalid')
          : undefined,
      displayName: displayName && displayName.length < 2 ? t('acctAuth.displayNameShort') : undefined,
      password: form.password.length < 8 ? t('acctAuth.passwordShort') : undefined,
    };
    setLocal(problems);
    if (Object.values(problems).some(Boolean)) return;
    signup.mutate({
      email,
      password: form.password,
      locale: currentLanguage(),
      ...(displayName ? { displayName } : {}),
    });
  };

  const fieldErrors = (field: FieldName) => {
    if (local[field]) return [local[field]];
    if (field === 'email' && isApiError(signup.error) && signup.error.code === 'EMAIL_TAKEN')
      return [t('acctAuth.emailTaken')];
    return apiFieldErrors(signup.error, field);
  };
  const emailTaken = isApiError(signup.error) && signup.error.code === 'EMAIL_TAKEN';

  return (
    <div className="page auth-page">
      <div className="page__header">
        <h1 className="page__title">{t('acctAuth.signupTitle')}</h1>
        <p className="page__lead">{t('acctAuth.signupLead')}</p>
      </div>
      <Card>
        <form className="form" onSubmit={submit} noValidate aria-label={t('acctAuth.signupTitle')}>
          <Field
            label={t('acctAuth.email')}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={set('email')}
            errors={fieldErrors('email')}
          />
          <Field
            label={t('acctAuth.displayName')}
            name="displayName"
            autoComplete="nickname"
            maxLength={50}
            hint={t('acctAuth.displayNameHint')}
            value={form.displayName}
            onChange={set('displayName')}
            errors={fieldErrors('displayName')}
          />
          <Field
            label={t('acctAuth.password')}
            type="password"
            name="password"
            autoComplete="new-password"
            required
            maxLength={128}
            hint={t('acctAuth.passwordHint')}
            value={form.password}
            onChange={set('password')}
            errors={fieldErrors('password')}
          />
          {!emailTaken && <FormAlert error={signup.error} fields={['email', 'displayName', 'password']} />}
          <Button type="submit" size="lg" loading={signup.isPending} className="form__submit">
            {t('acctAuth.signupSubmit')}
          </Button>
          <p className="form__note">{t('acctAuth.signupBonus')}</p>
        </form>
      </Card>
      <p className="auth-page__switch">
        {t('acctAuth.haveAccount')} <Link to="/login">{t('acctAuth.loginLink')}</Link>
      </p>
    </div>
  );
}
