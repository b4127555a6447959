import { useTranslation } from 'react-i18next';
import type { Backtest } from '../../realtime/useBacktestProgress';
import { tDynamic } from './i18nKeys';

/** The saved strategy's name, or for an inline one its template (translated) or "rules". */
export function useStrategyTitle(backtest: Backtest | undefined): string {
  const { t } = useTranslation();
  if (!backtest) return t('btRun.title');
  const spec = backtest.strategySpec as { kind?: string; template?: string; params?: Record<string, unknown> };
  if (backtest.strategyId || !spec.kind) return backtest.strategyName;
  if (spec.kind === 'rules') return t('btRun.rulesStrategy');
  const name = tDynamic(t, `btTemplate.${spec.template}.name`, spec.template ?? backtest.strategyName);
  const p = spec.params ?? {};
  const numbers = ['fast', 'slow', 'signal', 'period', 'lower', 'upper', 'k', 'entry', 'exit'].filter((k) => typeof p[k] === 'number').map((k) => p[k]);
  return numbers.length ? `${name} (${numbers.join('/')})` : name;
}
