import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, client, unwrap, type Schema } from '../../../api/client';
import { useAuth } from '../../../auth';
import { Badge, Button, Card, ErrorState, Field, LinkButton, Loading } from '../../../components';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useTemplateNames } from '../leaderboard/api';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { SpecSummary } from '../shared/SpecSummary';
import { useExploreFormat } from '../shared/units';
import {
  assignSpecMessages,
  draftFromParams,
  parseParams,
  type ParamDraft,
  type ParamProblem,
  type TemplateParam,
} from './params';
import { runBacktestHref } from './StrategiesPage';
import '../shared/explore.css';

type Strategy = Schema<'StrategyDto'>;
type Template = Schema<'StrategyTemplateDto'>;
type Visibility = Strategy['visibility'];

export default function StrategyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const auth = useAuth();
  const strategy = useQuery({
    queryKey: ['explore', 'strategy', id],
    queryFn: () => unwrap(client.GET('/api/strategies/{id}', { params: { path: { id } } })),
  });
  const templates = useQuery({
    queryKey: ['explore', 'templates'],
    queryFn: () => unwrap(client.GET('/api/strategies/templates')),
    staleTime: Infinity,
  });
  useDocumentTitle(strategy.data?.name ?? t('exStrategies.title'));

  const back = (
    <p className="ex-breadcrumb">
      <Link to="/strategies">← {t('exStrategies.back')}</Link>
    </p>
  );
  if (strategy.isPending || templates.isPending) {
    return (
      <div className="page ex-page">
        {back}
        <Loading block label={t('exStrategies.loadingOne')} />
      </div>
    );
  }
  if (strategy.isError || templates.isError) {
    return (
      <div className="page ex-page">
        {back}
        <h1 className="page__title">{t('exStrategies.title')}</h1>
        <ErrorState
          error={strategy.error ?? templates.error}
          onRetry={() => void (strategy.isError ? strategy.refetch() : templates.refetch())}
        />
      </div>
    );
  }
  const mine = !!auth.user && strategy.data.ownerId === auth.user.id;
  return (
    <div className="page ex-page">
      {back}
      {mine ? (
        <StrategyEditor
          key={strategy.data.updatedAt as unknown as string}
          strategy={strategy.data}
          templates={templates.data}
        />
      ) : (
        <ReadOnlyStrategy strategy={strategy.data} templates={templates.data} />
      )}
    </div>
  );
}

function ReadOnlyStrategy({ strategy, templates }: { strategy: Strategy; templates: Template[] }) {
  const { t } = useTranslation();
  const templateName = useTemplateNames(templates);
  return (
    <>
      <header className="page__header ex-detail-head">
        <div>
          <h1 className="page__title">{strategy.name}</h1>
          <p className="page__lead">{t('exStrategies.notYours')}</p>
        </div>
        <div className="ex-detail-head__actions">
          <LinkButton to={`/leaderboard/${strategy.id}`} variant="secondary">
            {t('exStrategies.viewOnLeaderboard')}
          </LinkButton>
        </div>
      </header>
      {strategy.description && <p className="ex-description">{strategy.description}</p>}
      <Card title={t('exStrategy.parameters')}>
        <SpecSummary spec={strategy.spec as Record<string, unknown>} templateName={templateName} />
      </Card>
    </>
  );
}

function useProblemText(): (problem: ParamProblem | undefined) => string[] {
  const { t } = useTranslation();
  return (problem) => {
    if (!problem) return [];
    switch (problem.kind) {
      case 'required':
        return [t('exStrategies.errRequired')];
      case 'integer':
        return [t('exStrategies.errInteger')];
      case 'number':
        return [t('exStrategies.errNumber')];
      case 'enum':
        return [t('exStrategies.errEnum')];
      case 'min':
        return [t('exStrategies.errMin', { limit: problem.limit })];
      case 'max':
        return [t('exStrategies.errMax', { limit: problem.limit })];
      case 'exclusiveMin':
        return [t('exStrategies.errExclusiveMin', { limit: problem.limit })];
      case 'exclusiveMax':
        return [t('exStrategies.errExclusiveMax', { limit: problem.limit })];
    }
  };
}

function StrategyEditor({ strategy, templates }: { strategy: Strategy; templates: Template[] }) {
  const { t } = useTranslation();
  const format = useExploreFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const templateName = useTemplateNames(templates);
  const problemText = useProblemText();
  const rangeText = useRangeText();
  const spec = strategy.spec as Record<string, unknown>;
  const isRules = spec.kind === 'rules';
  const template = templates.find((tpl) => tpl.id === spec.template);
  const params: TemplateParam[] = template?.params ?? [];

  const [name, setName] = useState(strategy.name);
  const [description, setDescription] = useState(strategy.description ?? '');
  const [visibility, setVisibility] = useState<Visibility>(strategy.visibility);
  const [draft, setDraft] = useState<ParamDraft>(() =>
    draftFromParams(params, (spec.params ?? {}) as Record<string, unknown>),
  );
  const [rulesText, setRulesText] = useState(() => (isRules ? JSON.stringify(spec.rules, null, 2) : ''));
  const [showProblems, setShowProblems] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [saved, setSaved] = useState(false);

  const parsed = parseParams(params, draft);
  let rules: unknown = null;
  let rulesProblem: string | null = null;
  if (isRules) {
    try {
      rules = JSON.parse(rulesText);
    } catch {
      rulesProblem = t('exStrategies.errJson');
    }
  }

  const save = useMutation({
    mutationFn: (body: Schema<'UpdateStrategyDto'>) =>
      unwrap(client.PATCH('/api/strategies/{id}', { params: { path: { id: strategy.id } }, body })),
    onSuccess: (updated) => {
      setSaved(true);
      queryClient.setQueryData(['explore', 'strategy', strategy.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['explore', 'strategies'] });
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(client.DELETE('/api/strategies/{id}', { params: { path: { id: strategy.id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['explore', 'strategy', strategy.id] });
      void queryClient.invalidateQueries({ queryKey: ['explore', 'strategies'] });
      void navigate('/strategies', { replace: true, state: { deleted: strategy.name } });
    },
  });
  useEffect(() => {
    if (saved) {
      const timer = setTimeout(() => setSaved(false), 4000);
      return () => clearTimeout(timer);
    }
  }, [saved]);

  const apiError = save.error instanceof ApiError ? save.error : null;
  const specMessages = assignSpecMessages(
    apiError?.messagesFor('spec') ?? [],
    params.map((p) => p.name),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setShowProblems(true);
    if (Object.keys(parsed.problems).length > 0 || rulesProblem) return;
    const nextSpec = isRules
      ? { kind: 'rules', rules }
      : { kind: 'template', template: spec.template, params: parsed.values };
    // The generated schema types `description` as an object (the DTO's string | null is not inferred); it is a string.
    const nextDescription = (
      description.trim() === '' ? null : description.trim()
    ) as Schema<'UpdateStrategyDto'>['description'];
    save.mutate({ name: name.trim(), description: nextDescription, visibility, spec: nextSpec });
  };

  return (
    <>
      <header className="page__header ex-detail-head">
        <div>
          <h1 className="page__title">{strategy.name}</h1>
          <p className="page__lead">
            {isRules ? t('exCommon.rules') : templateName(String(spec.template), t('exCommon.rules'))} ·{' '}
            {t('exStrategies.createdOn', { date: format.date(strategy.createdAt) })}{' '}
            <Badge tone={strategy.visibility === 'public' ? 'info' : 'neutral'}>
              {strategy.visibility === 'public' ? t('exCommon.public') : t('exCommon.private')}
            </Badge>
          </p>
          {strategy.copiedFrom && (
            <p className="ex-sub">
              {t('exStrategies.copiedFrom')}:{' '}
              <Link to={`/leaderboard/${strategy.copiedFrom}`}>{t('exStrategies.original')}</Link>
            </p>
          )}
        </div>
        <div className="ex-detail-head__actions">
          <LinkButton to={runBacktestHref(strategy.id)}>{t('exStrategies.run')}</LinkButton>
        </div>
      </header>

      <Card title={t('exStrategies.editTitle')}>
        <form className="ex-form" onSubmit={onSubmit} noValidate>
          <Field
            label={t('exStrategies.name')}
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
            errors={[
              ...(showProblems && name.trim() === '' ? [t('exStrategies.errRequired')] : []),
              ...(apiError?.messagesFor('name') ?? []),
            ]}
          />
          <Field
            label={t('exStrategies.description')}
            errors={apiError?.messagesFor('description')}
            hint={t('exStrategies.descriptionHint')}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={2000}
                value={description}
                onChange={(event) => setDescription(event.target.value)}
              />
            )}
          </Field>
          <fieldset className="ex-fieldset">
            <legend className="field__label">{t('exStrategies.visibility')}</legend>
            <div className="ex-radios">
              {(['private', 'public'] as const).map((v) => (
                <label key={v} className="ex-radio">
                  <input
                    type="radio"
                    name="visibility"
                    value={v}
                    checked={visibility === v}
                    onChange={() => setVisibility(v)}
                  />
                  <span>
                    <strong>{v === 'public' ? t('exCommon.public') : t('exCommon.private')}</strong>
                    <span className="ex-sub">
                      {v === 'public' ? t('exStrategies.publicHint') : t('exStrategies.privateHint')}
                    </span>
                  </span>
                </label>
              ))}
            </div>
            {(apiError?.messagesFor('visibility') ?? []).map((m) => (
              <p key={m} className="field__errors">
                {m}
              </p>
            ))}
          </fieldset>

          <fieldset className="ex-fieldset">
            <legend className="field__label">{t('exStrategies.parameters')}</legend>
            {isRules ? (
              <Field
                label={t('exStrategies.rulesJson')}
                hint={t('exStrategies.rulesHint')}
                errors={[
                  ...(showProblems && rulesProblem ? [rulesProblem] : []),
                  ...specMessages.general,
                  ...Object.values(specMessages.byParam).flat(),
                ]}
              >
                {(control) => (
                  <textarea
                    {...control}
                    className={`${control.className} ex-code`}
                    rows={12}
                    spellCheck={false}
                    value={rulesText}
                    onChange={(event) => setRulesText(event.target.value)}
                  />
                )}
              </Field>
            ) : params.length === 0 ? (
              <p className="ex-muted">{t('exStrategies.noParams')}</p>
            ) : (
              <div className="ex-param-grid">
                {params.map((p) => {
                  const errors = [
                    ...(showProblems ? problemText(parsed.problems[p.name]) : []),
                    ...(specMessages.byParam[p.name] ?? []),
                  ];
                  const hint = [p.description, rangeText(p)].filter(Boolean).join(' · ');
                  return p.enum ? (
                    <Field key={p.name} label={p.name} hint={hint || undefined} errors={errors}>
                      {(control) => (
                        <select
                          {...control}
                          value={draft[p.name] ?? ''}
                          onChange={(event) => setDraft({ ...draft, [p.name]: event.target.value })}
                        >
                          {!p.required && <option value="">—</option>}
                          {p.enum!.map((option) => (
                            <option key={option} value={option}>
                              {option}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  ) : (
                    <Field
                      key={p.name}
                      label={p.name}
                      hint={hint || undefined}
                      errors={errors}
                      required={p.required}
                      inputMode={
                        p.type === 'integer' ? 'numeric' : p.type === 'number' ? 'decimal' : undefined
                      }
                      value={draft[p.name] ?? ''}
                      onChange={(event) => setDraft({ ...draft, [p.name]: event.target.value })}
                    />
                  );
                })}
              </div>
            )}
            {!isRules && specMessages.general.length > 0 && (
              <ul className="field__errors">
                {specMessages.general.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
            {template?.constraints && template.constraints.length > 0 && (
              <p className="ex-footnote">
                {t('exStrategies.constraints', { list: template.constraints.join(', ') })}
              </p>
            )}
          </fieldset>

          {save.isError && !(apiError && apiError.fieldErrors.length > 0) && (
            <ErrorState error={save.error} title={t('exStrategies.saveFailed')} />
          )}
          {save.isError && apiError && apiError.fieldErrors.length > 0 && (
            <p className="ex-banner ex-banner--error" role="alert">
              {t('exStrategies.fixErrors')}
            </p>
          )}
          {saved && (
            <p className="ex-banner ex-banner--success" role="status">
              {t('exStrategies.saved')}
            </p>
          )}
          <div className="ex-actions ex-actions--split">
            <Button type="submit" loading={save.isPending}>
              {t('exStrategies.save')}
            </Button>
            <Button variant="danger" onClick={() => setConfirmDelete(true)}>
              {t('exStrategies.delete')}
            </Button>
          </div>
        </form>
      </Card>

      <ConfirmDialog
        open={confirmDelete}
        danger
        title={t('exStrategies.deleteTitle', { name: strategy.name })}
        confirmLabel={t('exStrategies.deleteConfirm')}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setConfirmDelete(false);
          remove.reset();
        }}
        error={
          remove.isError ? (
            <ErrorState error={remove.error} title={t('exStrategies.deleteFailed')} />
          ) : undefined
        }
      >
        <p>{t('exStrategies.deleteBody')}</p>
      </ConfirmDialog>
    </>
  );
}

function useRangeText(): (p: TemplateParam) => string {
  const { t } = useTranslation();
  return (p) => {
    const low = p.min ?? p.exclusiveMin;
    const high = p.max ?? p.exclusiveMax;
    if (low !== undefined && high !== undefined) return t('exStrategies.range', { low, high });
    if (low !== undefined)
      return t(p.min !== undefined ? 'exStrategies.atLeast' : 'exStrategies.above', { limit: low });
    if (high !== undefined)
      return t(p.max !== undefined ? 'exStrategies.atMost' : 'exStrategies.below', { limit: high });
    return '';
  };
}
