import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { client, isApiError, unwrap, type ApiError } from '../../api/client';
import { isRecord } from '../../api/errors';
import { Button, Card, ErrorState, Field, Loading } from '../../components';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useFormat } from '../../lib/useFormat';
import { getRealtimeSocket } from '../../realtime/socket';
import { CREDIT_BALANCE_KEY, newIdempotencyKey, symbolsQuery, templatesQuery } from './api';
import {
  clampRange,
  defaultRange,
  fromBacktest,
  initialForm,
  symbolSpan,
  toSpec,
  toSubmitBody,
  type BacktestForm,
  type MarketSymbol,
} from './formState';
import { defaultValues, validateParams } from './paramForm';
import { QuoteBox } from './QuoteBox';
import { RulesBuilder } from './RulesBuilder';
import { rulesProblems } from './rules';
import { ParamFields, TemplateCards } from './TemplateForm';
import { tDynamic } from './i18nKeys';
import { useStrategyTitle } from './strategyTitle';
import './backtest.css';

type Problems = Partial<
  Record<
    'from' | 'to' | 'cash' | 'commission' | 'spread' | 'saveName' | 'stopLossPct' | 'takeProfitPct',
    string
  >
>;

function localProblems(
  form: BacktestForm,
  symbol: MarketSymbol | undefined,
  t: TFunction,
  format: ReturnType<typeof useFormat>,
): Problems {
  const p: Problems = {};
  if (!form.from) p.from = t('btNew.required');
  if (!form.to) p.to = t('btNew.required');
  if (form.from && form.to && form.from >= form.to) p.to = t('btNew.rangeInvalid');
  const span = symbol ? symbolSpan(symbol) : null;
  if (span && form.from && form.to && (form.from < span.first || form.to > span.last))
    p.from = t('btNew.rangeOutside', { from: format.date(span.first), to: format.date(span.last) });
  const cash = Number(form.cash);
  if (!form.cash.trim() || !Number.isFinite(cash) || cash < 1) p.cash = t('btParam.tooLow', { min: 1 });
  const commission = Number(form.commissionPct || 0);
  if (!Number.isFinite(commission) || commission < 0) p.commission = t('btParam.tooLow', { min: 0 });
  else if (commission > 9.99) p.commission = t('btParam.tooHigh', { max: 9.99 });
  const spread = Number(form.spreadPct || 0);
  if (!Number.isFinite(spread) || spread < 0) p.spread = t('btParam.tooLow', { min: 0 });
  else if (spread > 50) p.spread = t('btParam.tooHigh', { max: 50 });
  const sl = form.stopLossPct.trim();
  if (sl && !(Number(sl) > 0 && Number(sl) < 100))
    p.stopLossPct = t('btParam.range', { min: '0 <', max: '< 100' });
  const tp = form.takeProfitPct.trim();
  if (tp && !(Number(tp) > 0 && Number(tp) <= 1000))
    p.takeProfitPct = t('btParam.range', { min: '0 <', max: '1000' });
  if (form.save && !form.saveName.trim()) p.saveName = t('btNew.required');
  return p;
}

function shortfallOf(error: unknown): { balance: number; required: number } | null {
  if (!isApiError(error) || error.code !== 'INSUFFICIENT_CREDITS' || !isRecord(error.details)) return null;
  const { balance, required } = error.details;
  return typeof balance === 'number' && typeof required === 'number' ? { balance, required } : null;
}

export default function NewBacktestPage() {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('btNew.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const rerunId = search.get('rerun');

  const templates = useQuery(templatesQuery);
  const symbols = useQuery(symbolsQuery);
  const rerun = useQuery({
    queryKey: ['backtests', rerunId],
    queryFn: () => unwrap(client.GET('/api/backtests/{id}', { params: { path: { id: rerunId! } } })),
    enabled: !!rerunId,
  });

  // Open the live connection now, so the run page gets every step from the first one.
  useEffect(() => {
    getRealtimeSocket();
  }, []);

  const rerunTitle = useStrategyTitle(rerun.data);
  const [form, setForm] = useState<BacktestForm>(initialForm);
  const [initialised, setInitialised] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const update = (patch: Partial<BacktestForm>) => setForm((f) => ({ ...f, ...patch }));

  const symbolList = useMemo(() => symbols.data?.symbols ?? [], [symbols.data]);
  const templateList = useMemo(() => templates.data ?? [], [templates.data]);
  const symbol = symbolList.find((s) => s.id === form.symbolId);
  const template = templateList.find((tpl) => tpl.id === form.templateId);

  // Fill defaults once the catalogue (and the job to re-run) are in.
  useEffect(() => {
    if (initialised || !templates.data || !symbols.data || (rerunId && !rerun.data && !rerun.isError)) return;
    if (rerun.data) {
      setForm(fromBacktest(rerun.data, templates.data));
    } else {
      const first = symbols.data.symbols.find((s) => s.barCount > 0) ?? symbols.data.symbols[0];
      const tpl = templates.data.find((x) => x.id === 'sma-cross') ?? templates.data[0];
      setForm((f) => ({
        ...f,
        templateId: tpl?.id ?? f.templateId,
        params: tpl ? defaultValues(tpl) : {},
        symbolId: first?.id ?? '',
        timeframe: first?.timeframe ?? '1d',
        ...(first ? defaultRange(first) : {}),
      }));
    }
    setInitialised(true);
  }, [initialised, templates.data, symbols.data, rerun.data, rerun.isError, rerunId]);

  const submit = useMutation({
    mutationFn: async (): Promise<string> => {
      if (!symbol) throw new Error('no symbol');
      const spec = toSpec(form, template);
      let strategy: { strategyId: string } | { strategy: Record<string, unknown> } = { strategy: spec };
      if (form.save) {
        const saved = await unwrap(
          client.POST('/api/strategies', {
            body: { name: form.saveName.trim(), spec, visibility: form.visibility },
          }),
        );
        strategy = { strategyId: saved.id };
      }
      const created = await unwrap(
        client.POST('/api/backtests', {
          body: toSubmitBody(form, symbol, strategy),
          params: { header: { 'idempotency-key': newIdempotencyKey() } },
        }),
      );
      return created.id;
    },
    onSuccess: async (id) => {
      await queryClient.invalidateQueries({ queryKey: CREDIT_BALANCE_KEY });
      void queryClient.invalidateQueries({ queryKey: ['backtests', 'quote'] });
      void navigate(`/backtests/${id}`, { state: { submitted: true } });
    },
  });

  const problems = localProblems(form, symbol, t, format);
  const paramProblems = template && form.mode === 'template' ? validateParams(template, form.params) : {};
  const rulesProblem = form.mode === 'rules' && rulesProblems(form.rules).length > 0;
  const hasProblems =
    Object.keys(problems).length > 0 || Object.keys(paramProblems).length > 0 || rulesProblem;

  const apiError: ApiError | null = isApiError(submit.error) ? submit.error : null;
  const fieldErrors = (field: string, local?: string): string[] | undefined => {
    const list = [...(attempted && local ? [local] : []), ...(apiError?.messagesFor(field) ?? [])];
    return list.length ? list : undefined;
  };
  const shortfall = shortfallOf(submit.error);
  const strategyErrors = [
    ...(apiError?.messagesFor('strategy') ?? []),
    ...(apiError?.messagesFor('spec') ?? []),
    ...(apiError?.messagesFor('strategyId') ?? []),
  ];
  // 422s (range outside the data, too few bars…) and anything unexpected are shown above the button.
  const generalError =
    submit.error && !shortfall && !(apiError && apiError.fieldErrors.length > 0) ? submit.error : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (hasProblems || !symbol) return;
    submit.mutate();
  };

  const onSymbol = (id: string) => {
    const next = symbolList.find((s) => s.id === id);
    if (!next) return update({ symbolId: id });
    const range = clampRange(next, form.from, form.to);
    update({
      symbolId: id,
      timeframe: (next.availableTimeframes as string[]).includes(form.timeframe)
        ? form.timeframe
        : next.timeframe,
      ...range,
    });
  };

  if (templates.isError || symbols.isError) {
    const error = templates.error ?? symbols.error;
    return (
      <div className="page">
        <h1 className="page__title">{t('btNew.title')}</h1>
        <ErrorState
          error={error}
          title={t('btNew.loadFailed')}
          onRetry={() => {
            void templates.refetch();
            void symbols.refetch();
          }}
        />
      </div>
    );
  }
  if (!initialised) {
    return (
      <div className="page">
        <h1 className="page__title">{t('btNew.title')}</h1>
        <Loading block />
      </div>
    );
  }

  const span = symbol ? symbolSpan(symbol) : null;
  const currency = symbol?.currency ?? 'USD';

  return (
    <div className="page bt-page">
      <header className="page__header">
        <h1 className="page__title">{t('btNew.title')}</h1>
        <p className="page__lead">{t('btNew.lead')}</p>
        {rerun.data && <p className="bt-notice">{t('btNew.rerunFrom', { name: rerunTitle })}</p>}
      </header>

      <form className="bt-new" onSubmit={onSubmit} noValidate aria-label={t('btNew.title')}>
        <div className="bt-new__main">
          <Card title={t('btNew.stepStrategy')}>
            <div className="bt-segment" role="radiogroup" aria-label={t('btNew.modeLabel')}>
              {(['template', 'rules'] as const).map((mode) => (
                <label key={mode} className="bt-segment__option" data-selected={form.mode === mode}>
                  <input
                    type="radio"
                    name="mode"
                    value={mode}
                    checked={form.mode === mode}
                    onChange={() => update({ mode })}
                  />
                  {mode === 'template' ? t('btNew.modeTemplate') : t('btNew.modeRules')}
                </label>
              ))}
            </div>

            {form.mode === 'template' ? (
              <>
                <TemplateCards
                  templates={templateList}
                  selected={form.templateId}
                  onSelect={(id) => {
                    const tpl = templateList.find((x) => x.id === id);
                    update({ templateId: id, params: tpl ? defaultValues(tpl) : {} });
                  }}
                />
                {template && (
                  <div className="bt-subsection">
                    <h3 className="bt-subtitle">
                      {t('btNew.paramsTitle', {
                        name: tDynamic(t, `btTemplate.${template.id}.name`, template.name),
                      })}
                    </h3>
                    <ParamFields
                      template={template}
                      values={form.params}
                      onChange={(params) => update({ params })}
                      serverErrors={strategyErrors}
                    />
                    {template.constraints.length > 0 && (
                      <p className="field__hint">
                        {t('btNew.constraints', { list: template.constraints.join(', ') })}
                      </p>
                    )}
                  </div>
                )}
              </>
            ) : (
              <RulesBuilder
                value={form.rules}
                onChange={(rules) => update({ rules })}
                showErrors={attempted}
                serverErrors={strategyErrors}
              />
            )}

            <div className="bt-subsection">
              <h3 className="bt-subtitle">{t('btNew.risk')}</h3>
              <div className="bt-grid bt-grid--2">
                <Field
                  label={t('btNew.stopLoss')}
                  type="number"
                  step="any"
                  min={0}
                  max={99.99}
                  inputMode="decimal"
                  value={form.stopLossPct}
                  onChange={(e) => update({ stopLossPct: e.target.value })}
                  hint={t('btNew.riskHint')}
                  errors={fieldErrors('stopLossPct', problems.stopLossPct)}
                />
                <Field
                  label={t('btNew.takeProfit')}
                  type="number"
                  step="any"
                  min={0}
                  max={1000}
                  inputMode="decimal"
                  value={form.takeProfitPct}
                  onChange={(e) => update({ takeProfitPct: e.target.value })}
                  errors={fieldErrors('takeProfitPct', problems.takeProfitPct)}
                />
              </div>
            </div>
          </Card>

          <Card title={t('btNew.stepMarket')}>
            {symbolList.length === 0 ? (
              <p className="bt-muted">{t('btNew.noSymbols')}</p>
            ) : (
              <div className="bt-grid">
                <Field
                  label={t('btNew.symbol')}
                  errors={fieldErrors('symbol')}
                  hint={
                    symbol && span
                      ? t('btNew.symbolSpan', {
                          from: format.date(span.first),
                          to: format.date(span.last),
                          bars: format.integer(symbol.barCount),
                          timeframe: symbol.timeframe,
                          currency: symbol.currency,
                        })
                      : undefined
                  }
                >
                  {(control) => (
                    <select
                      {...control}
                      name="symbol"
                      value={form.symbolId}
                      onChange={(e) => onSymbol(e.target.value)}
                    >
                      <option value="" disabled>
                        {t('btNew.symbolPlaceholder')}
                      </option>
                      {symbolList.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.ticker} — {s.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <div className="bt-grid bt-grid--3">
                  <Field label={t('btNew.timeframe')} errors={fieldErrors('timeframe')}>
                    {(control) => (
                      <select
                        {...control}
                        name="timeframe"
                        value={form.timeframe}
                        onChange={(e) => update({ timeframe: e.target.value })}
                      >
                        {(symbol?.availableTimeframes ?? [form.timeframe]).map((tf) => (
                          <option key={tf} value={tf}>
                            {tf}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field
                    label={t('btNew.from')}
                    name="from"
                    type="date"
                    value={form.from}
                    min={span?.first}
                    max={span?.last}
                    onChange={(e) => update({ from: e.target.value })}
                    errors={fieldErrors('from', problems.from)}
                  />
                  <Field
                    label={t('btNew.to')}
                    name="to"
                    type="date"
                    value={form.to}
                    min={span?.first}
                    max={span?.last}
                    onChange={(e) => update({ to: e.target.value })}
                    errors={fieldErrors('to', problems.to)}
                  />
                </div>
              </div>
            )}
          </Card>

          <Card title={t('btNew.stepCosts')}>
            <div className="bt-grid bt-grid--3">
              <Field
                label={t('btNew.cash', { currency })}
                name="cash"
                type="number"
                min={1}
                step="any"
                inputMode="decimal"
                value={form.cash}
                onChange={(e) => update({ cash: e.target.value })}
                hint={format.currency(Number(form.cash) || null, currency)}
                errors={fieldErrors('cash', problems.cash)}
              />
              <Field
                label={t('btNew.commission')}
                name="commission"
                type="number"
                min={0}
                max={9.99}
                step="any"
                inputMode="decimal"
                value={form.commissionPct}
                onChange={(e) => update({ commissionPct: e.target.value })}
                hint={t('btNew.commissionHint')}
                errors={fieldErrors('commission', problems.commission)}
              />
              <Field
                label={t('btNew.spread')}
                name="spread"
                type="number"
                min={0}
                max={50}
                step="any"
                inputMode="decimal"
                value={form.spreadPct}
                onChange={(e) => update({ spreadPct: e.target.value })}
                hint={t('btNew.spreadHint')}
                errors={fieldErrors('spread', problems.spread)}
              />
            </div>
            <div className="bt-toggles">
              <label className="bt-check">
                <input
                  type="checkbox"
                  checked={form.finalize}
                  onChange={(e) => update({ finalize: e.target.checked })}
                />
                {t('btNew.finalize')}
              </label>
              <label className="bt-check">
                <input
                  type="checkbox"
                  checked={form.tradeOnClose}
                  onChange={(e) => update({ tradeOnClose: e.target.checked })}
                />
                {t('btNew.tradeOnClose')}
              </label>
            </div>
          </Card>
        </div>

        <aside className="bt-new__side">
          <div className="bt-sticky">
            <QuoteBox
              from={form.from}
              to={form.to}
              symbol={symbol?.ticker}
              timeframe={form.timeframe}
              shortfall={shortfall}
            />
            <div className="bt-save">
              <label className="bt-check">
                <input
                  type="checkbox"
                  checked={form.save}
                  onChange={(e) => update({ save: e.target.checked })}
                />
                {t('btNew.saveAs')}
              </label>
              {form.save && (
                <div className="bt-grid">
                  <Field
                    label={t('btNew.saveName')}
                    name="saveName"
                    maxLength={100}
                    value={form.saveName}
                    onChange={(e) => update({ saveName: e.target.value })}
                    errors={fieldErrors('name', problems.saveName)}
                    required
                  />
                  <Field label={t('btNew.visibility')}>
                    {(control) => (
                      <select
                        {...control}
                        value={form.visibility}
                        onChange={(e) => update({ visibility: e.target.value as 'private' | 'public' })}
                      >
                        <option value="private">{t('btNew.visibilityPrivate')}</option>
                        <option value="public">{t('btNew.visibilityPublic')}</option>
                      </select>
                    )}
                  </Field>
                </div>
              )}
            </div>
            {attempted && hasProblems && (
              <p className="field__errors" role="alert">
                {t('btNew.fixErrors')}
              </p>
            )}
            {generalError != null && <ErrorState error={generalError} />}
            <Button type="submit" size="lg" className="bt-run" loading={submit.isPending} disabled={!symbol}>
              {submit.isPending ? t('btNew.running') : t('btNew.run')}
            </Button>
          </div>
        </aside>
      </form>
    </div>
  );
}
