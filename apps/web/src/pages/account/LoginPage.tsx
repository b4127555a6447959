import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { Button, Card, Field } from '../../components';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { safeNext } from './safeNext';
import { FormAlert, apiFieldErrors } from './ui';
import './account.css';

const DEMO = { email: 'trader@stratbench.dev', password: 'trader-demo-pass' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export default function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('acctAuth.loginTitle'));
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<{ email?: string; password?: string }>({});

  const login = useMutation({
    mutationFn: auth.login,
    onSuccess: () => navigate(next, { replace: true }),
  });

  if (auth.status === 'authenticated' && !login.isPending && !login.isSuccess)
    return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      email: !email.trim()
        ? t('acctAuth.emailRequired')
        : !EMAIL.test(email.trim())
          ? t('acctAuth.emailInvalid')
          : undefined,
      password: !password ? t('acctAuth.passwordRequired') : undefined,
    };
    setLocal(problems);
    if (problems.email || problems.password) return;
    login.mutate({ email: email.trim(), password });
  };

  const fieldErrors = (field: 'email' | 'password') => {
    const own = local[field];
    return own ? [own] : apiFieldErrors(login.error, field);
  };

  return (
    <div className="page auth-page">
      <div className="page__header">
        <h1 className="page__title">{t('acctAuth.loginTitle')}</h1>
        <p className="page__lead">{t('acctAuth.loginLead')}</p>
      </div>
      {params.get('expired') && (
        <p className="form-notice" role="status">
          {t('acctAuth.sessionExpired')}
        </p>
      )}
      <Card>
        <form className="form" onSubmit={submit} noValidate aria-label={t('acctAuth.loginTitle')}>
          <Field
            label={t('acctAuth.email')}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={fieldErrors('email')}
          />
          <Field
            label={t('acctAuth.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            errors={fieldErrors('password')}
          />
          <FormAlert
            error={login.error}
            fields={['email', 'password']}
            messages={{ INVALID_CREDENTIALS: t('acctAuth.invalidCredentials') }}
          />
          <Button type="submit" size="lg" loading={login.isPending} className="form__submit">
            {t('acctAuth.loginSubmit')}
          </Button>
        </form>
      </Card>
      <aside className="demo-hint" aria-label={t('acctAuth.demoTitle')}>
        <p>
          <strong>{t('acctAuth.demoTitle')}</strong> {t('acctAuth.demoBody')}
        </p>
        <p className="demo-hint__creds">
          <code>{DEMO.email}</code> / <code>{DEMO.password}</code>
        </p>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setEmail(DEMO.email);
            setPassword(DEMO.password);
            setLocal({});
          }}
        >
          {t('acctAuth.demoFill')}
        </Button>
      </aside>
      <p className="auth-page__switch">
        {t('acctAuth.noAccount')}{' '}
        <Link to={`/signup${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}>
          {t('acctAuth.signupLink')}
        </Link>
      </p>
    </div>
  );
}
