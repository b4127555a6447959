import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Schema } from '../../api/client';
import { Badge, Button, Card, EmptyState, ErrorState, Field, Loading } from '../../components';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useFormat } from '../../lib/useFormat';
import { accountKeys } from './keys';
import { ConfirmDialog, FormAlert, apiFieldErrors } from './ui';
import './account.css';

type ApiKey = Schema<'ApiKeyDto'>;
type CreatedKey = Schema<'CreatedApiKeyDto'>;

export default function ApiKeysPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('acctKeys.title'));
  const [created, setCreated] = useState<CreatedKey | null>(null);
  return (
    <div className="page page--narrow">
      <div className="page__header">
        <h1 className="page__title">{t('acctKeys.title')}</h1>
        <p className="page__lead">
          {t('acctKeys.lead')}{' '}
          <a href="/docs" target="_blank" rel="noreferrer">
            {t('acctKeys.docsLink')}
          </a>
        </p>
      </div>
      {created ? (
        <NewKey created={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateKeyForm onCreated={setCreated} />
      )}
      <KeyList />
    </div>
  );
}

export function CreateKeyForm({ onCreated }: { onCreated(key: CreatedKey): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: Schema<'CreateApiKeyDto'>) => unwrap(client.POST('/api/api-keys', { body })),
    onSuccess: (key) => {
      setName('');
      onCreated(key);
      void queryClient.invalidateQueries({ queryKey: accountKeys.apiKeys });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setLocal(trimmed ? null : t('acctKeys.nameRequired'));
    if (trimmed) create.mutate({ name: trimmed });
  };
  return (
    <Card title={t('acctKeys.createTitle')}>
      <form className="form form--inline" onSubmit={submit} noValidate>
        <Field
          label={t('acctKeys.name')}
          name="name"
          required
          maxLength={100}
          placeholder={t('acctKeys.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={local ? [local] : apiFieldErrors(create.error, 'name')}
        />
        <Button type="submit" loading={create.isPending}>
          {t('acctKeys.create')}
        </Button>
      </form>
      <FormAlert
        error={create.error}
        fields={['name']}
        messages={{ TOO_MANY_API_KEYS: t('acctKeys.tooMany') }}
      />
    </Card>
  );
}

export function NewKey({ created, onDone }: { created: CreatedKey; onDone(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <Card title={t('acctKeys.createdTitle', { name: created.name })} className="new-key">
      <p className="new-key__warning" role="alert">
        {t('acctKeys.onceWarning')}
      </p>
      <div className="new-key__row">
        <label className="visually-hidden" htmlFor="new-api-key">
          {t('acctKeys.keyLabel')}
        </label>
        <input
          id="new-api-key"
          className="field__control new-key__value"
          readOnly
          value={created.key}
          onFocus={(e) => e.target.select()}
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {t('acctKeys.copy')}
        </Button>
      </div>
      <p className="form__note" role="status">
        {copied === 'yes' ? t('acctKeys.copied') : copied === 'no' ? t('acctKeys.copyFailed') : ''}
      </p>
      <Button onClick={onDone}>{t('acctKeys.done')}</Button>
    </Card>
  );
}

function KeyList() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const keys = useQuery({
    queryKey: accountKeys.apiKeys,
    queryFn: () => unwrap(client.GET('/api/api-keys')),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(client.DELETE('/api/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: accountKeys.apiKeys });
    },
  });

  return (
    <Card title={t('acctKeys.listTitle')}>
      {keys.isPending ? (
        <Loading label={t('acctKeys.loading')} />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.items.length === 0 ? (
        <EmptyState title={t('acctKeys.empty')} description={t('acctKeys.emptyBody')} />
      ) : (
        <ul className="key-list">
          {keys.data.items.map((key) => (
            <li key={key.id} className="key-item" data-revoked={key.revokedAt !== null}>
              <div className="key-item__main">
                <p className="key-item__name">
                  {key.name} {key.revokedAt && <Badge tone="neutral">{t('acctKeys.revoked')}</Badge>}
                </p>
                <code className="key-item__prefix">{key.prefix}…</code>
                <p className="key-item__meta">
                  {t('acctKeys.createdAt', { date: format.dateTime(key.createdAt) })} ·{' '}
                  {key.lastUsedAt
                    ? t('acctKeys.lastUsed', { date: format.dateTime(key.lastUsedAt) })
                    : t('acctKeys.neverUsed')}
                </p>
              </div>
              {!key.revokedAt && (
                <Button
                  variant="danger"
                  size="sm"
                  onClick={() => setRevoking(key)}
                  aria-label={t('acctKeys.revokeLabel', { name: key.name })}
                >
                  {t('acctKeys.revoke')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('acctKeys.revokeTitle')}
        confirmLabel={t('acctKeys.revoke')}
        confirmVariant="danger"
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
      >
        <p>{t('acctKeys.revokeBody', { name: revoking?.name ?? '' })}</p>
        <FormAlert error={revoke.error} />
      </ConfirmDialog>
    </Card>
  );
}
