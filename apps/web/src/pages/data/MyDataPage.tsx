import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { DatasetCatalogue } from './DatasetCatalogue';
import { UploadForm } from './UploadForm';
import '../account/account.css';
import './data.css';

export default function MyDataPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dataPage.title'));
  return (
    <div className="page data-page">
      <div className="page__header">
        <h1 className="page__title">{t('dataPage.title')}</h1>
        <p className="page__lead">{t('dataPage.lead')}</p>
      </div>
      <details className="data-formats">
        <summary>{t('dataPage.formatsTitle')}</summary>
        <p>{t('dataPage.formats')}</p>
      </details>
      <UploadForm />
      <DatasetCatalogue />
    </div>
  );
}
