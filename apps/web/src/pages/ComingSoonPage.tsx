import { useTranslation } from 'react-i18next';
import { Badge, EmptyState, LinkButton } from '../components';
import type { NavLabelKey } from '../layout/navItems';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** Placeholder for screens that are not built yet. */
export default function ComingSoonPage({ titleKey }: { titleKey: NavLabelKey }) {
  const { t } = useTranslation();
  const page = t(titleKey);
  useDocumentTitle(page);

  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{page}</h1>
      </header>
      <EmptyState
        icon={<Badge tone="warning">{t('comingSoon.badge')}</Badge>}
        title={t('comingSoon.title')}
        description={t('comingSoon.body', { page })}
        action={
          <LinkButton to="/" variant="secondary">
            {t('comingSoon.backHome')}
          </LinkButton>
        }
      />
    </div>
  );
}
