import { useTranslation } from 'react-i18next';
import { LinkButton } from '../components';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));

  return (
    <div className="page page--centered">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 className="page__title">{t('notFound.title')}</h1>
      <p className="page__lead">{t('notFound.body')}</p>
      <LinkButton to="/">{t('notFound.backHome')}</LinkButton>
    </div>
  );
}
