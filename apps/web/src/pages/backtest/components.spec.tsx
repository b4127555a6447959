import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { renderWithQuery } from '../../test/render';
import { jsonResponse, mockFetch } from '../../test/http';
import type { Template, ParamValues } from './paramForm';
import { defaultValues } from './paramForm';
import { QuoteBox } from './QuoteBox';
import { RulesBuilder } from './RulesBuilder';
import { defaultRules, toRulesSpec, type RulesModel } from './rules';
import { ParamFields } from './TemplateForm';
import { TradesTable } from './TradesTable';

const SMA: Template = {
  id: 'sma-cross',
  name: 'SMA crossover',
  description: 'Buys on the cross',
  params: [
    { name: 'fast', type: 'integer', default: 10, min: 1, max: 1000, required: false },
    { name: 'slow', type: 'integer', default: 30, min: 2, max: 1000, required: false },
    { name: 'direction', type: 'string', default: 'long-short', enum: ['long-only', 'long-short'], required: false },
    { name: 'stopLossPct', type: 'number', exclusiveMin: 0, exclusiveMax: 100, required: false },
  ],
  constraints: ['fast < slow'],
  jsonSchema: {},
};

function ParamHarness() {
  const [values, setValues] = useState<ParamValues>(defaultValues(SMA));
  return <ParamFields template={SMA} values={values} onChange={setValues} />;
}

describe('template parameter form', () => {
  it('renders fields from the schema (risk params left to their own section) with ranges', () => {
    render(<ParamHarness />);
    expect(screen.getByLabelText('빠른 기간 (봉)')).toHaveValue(10);
    expect(screen.getByLabelText('느린 기간 (봉)')).toHaveAttribute('min', '2');
    expect(screen.getByLabelText('방향')).toHaveValue('long-short');
    expect(screen.queryByLabelText(/stopLossPct/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('빠른 기간 (봉)')).toHaveAccessibleDescription('1 – 1000');
  });

  it('shows range, integer and cross-field errors on the fields', async () => {
    const user = userEvent.setup();
    render(<ParamHarness />);
    const slow = screen.getByLabelText('느린 기간 (봉)');
    await user.clear(slow);
    await user.type(slow, '1');
    expect(slow).toHaveAttribute('aria-invalid', 'true');
    expect(slow).toHaveAccessibleDescription(/2 이상이어야 합니다/);
    // fast < slow fails too, on fast
    expect(screen.getByLabelText('빠른 기간 (봉)')).toHaveAccessibleDescription(/빠른 기간 \(봉\) 값이 느린 기간 \(봉\) 값보다 작아야 합니다/);
    await user.clear(slow);
    await user.type(slow, '2000');
    expect(slow).toHaveAccessibleDescription(/1000 이하여야 합니다/);
    const fast = screen.getByLabelText('빠른 기간 (봉)');
    await user.clear(fast);
    await user.type(fast, '2.5');
    expect(fast).toHaveAccessibleDescription(/정수를 입력하세요/);
    await user.clear(slow);
    await user.type(slow, '50');
    await user.clear(fast);
    await user.type(fast, '20');
    expect(fast).not.toHaveAttribute('aria-invalid');
    expect(slow).not.toHaveAttribute('aria-invalid');
  });
});

function RulesHarness({ onModel, showErrors }: { onModel: (m: RulesModel) => void; showErrors?: boolean }) {
  const [model, setModel] = useState<RulesModel>(defaultRules);
  return (
    <RulesBuilder
      value={model}
      showErrors={showErrors}
      onChange={(m) => {
        setModel(m);
        onModel(m);
      }}
    />
  );
}

describe('rules builder', () => {
  it('edits rows and produces the rules JSON', async () => {
    const user = userEvent.setup();
    let model: RulesModel = defaultRules();
    render(<RulesHarness onModel={(m) => (model = m)} />);
    const entry = screen.getByRole('group', { name: '진입 조건' });
    await user.click(within(entry).getByRole('button', { name: /조건 추가/ }));
    const rows = within(entry).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    // second row: close > SMA(50) → RSI(14) < 30
    const second = rows[1];
    await user.selectOptions(within(second).getByRole('combobox', { name: '왼쪽 지표' }), 'rsi');
    await user.selectOptions(within(second).getByRole('combobox', { name: '연산자' }), 'lt');
    await user.selectOptions(within(second).getByRole('combobox', { name: '오른쪽' }), 'const');
    const value = within(second).getByLabelText('값');
    await user.clear(value);
    await user.type(value, '30');
    await user.selectOptions(within(entry).getByRole('combobox', { name: '조건 결합' }), 'or');
    const exit = screen.getByRole('group', { name: '청산 조건' });
    await user.click(within(exit).getByRole('button', { name: '조건 삭제 1' }));

    expect(toRulesSpec(model)).toEqual({
      entry: {
        op: 'or',
        args: [
          { op: 'crossAbove', left: { indicator: 'sma', period: 10 }, right: { indicator: 'sma', period: 30 } },
          { op: 'lt', left: { indicator: 'rsi', period: 14 }, right: { const: 30 } },
        ],
      },
    });
    expect(screen.getByText(/"op": "or"/)).toBeInTheDocument();
  });

  it('turns the short side on and hands its short entry and exit to the parent', async () => {
    const user = userEvent.setup();
    let model: RulesModel = defaultRules();
    render(<RulesHarness onModel={(m) => (model = m)} />);
    const longOnly = toRulesSpec(defaultRules());
    const toggle = screen.getByRole('checkbox', { name: '공매도도 함께 거래' });
    expect(toggle).not.toBeChecked();
    expect(toggle).toHaveAccessibleDescription(/공매도 진입 조건에 따라 공매도합니다/);
    const section = document.getElementById(toggle.getAttribute('aria-controls')!);
    expect(section).not.toBeVisible();
    expect(screen.queryByRole('group', { name: '공매도 진입 조건' })).not.toBeInTheDocument();

    // keyboard: focus the checkbox and press Space
    toggle.focus();
    await user.keyboard(' ');
    expect(toggle).toBeChecked();
    expect(section).toBeVisible();
    const shortEntry = within(section!).getByRole('group', { name: '공매도 진입 조건' });
    expect(within(shortEntry).getByText('조건이 없습니다.')).toBeInTheDocument();
    expect(toRulesSpec(model)).toEqual(longOnly);

    // the same condition editor as the long side: close > SMA(50) → close < SMA(50)
    await user.click(within(shortEntry).getByRole('button', { name: /조건 추가/ }));
    await user.selectOptions(within(shortEntry).getByRole('combobox', { name: '연산자' }), 'lt');
    const shortExit = within(section!).getByRole('group', { name: '공매도 청산 조건' });
    await user.click(within(shortExit).getByRole('button', { name: /조건 추가/ }));
    await user.selectOptions(within(shortExit).getByRole('combobox', { name: '오른쪽' }), 'const');

    expect(toRulesSpec(model)).toEqual({
      ...longOnly,
      shortEntry: { op: 'lt', left: { price: 'close' }, right: { indicator: 'sma', period: 50 } },
      shortExit: { op: 'gt', left: { price: 'close' }, right: { const: 30 } },
    });
    expect(screen.getByText(/"shortEntry"/)).toBeInTheDocument();

    await user.click(toggle);
    expect(section).not.toBeVisible();
    expect(toRulesSpec(model)).toEqual(longOnly);
    // ticking it again brings the conditions back
    await user.click(toggle);
    expect(toRulesSpec(model)).toHaveProperty('shortEntry');
  });

  it('asks for a short entry condition when the short side is on without one', async () => {
    const user = userEvent.setup();
    render(<RulesHarness onModel={() => {}} showErrors />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: '공매도도 함께 거래' }));
    expect(screen.getByRole('alert')).toHaveTextContent('공매도를 하려면 공매도 진입 조건이 하나 이상 필요합니다.');
    const shortEntry = screen.getByRole('group', { name: '공매도 진입 조건' });
    await user.click(within(shortEntry).getByRole('button', { name: /조건 추가/ }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('quote display', () => {
  it('shows the cost, the ≤ 365-day rule and the balance after the run', async () => {
    const fetchMock = mockFetch(() => jsonResponse({ cost: 10, balance: 100, sufficient: true, days: 731 }));
    renderWithQuery(
      <MemoryRouter>
        <QuoteBox from="2011-03-01" to="2013-03-01" symbol="GOOG" timeframe="1d" />
      </MemoryRouter>,
    );
    expect(await screen.findByTestId('quote-cost')).toHaveTextContent('10 크레딧');
    expect(screen.getByText('365일 이하는 3 크레딧, 더 긴 기간은 10 크레딧입니다.')).toBeInTheDocument();
    expect(screen.getByTestId('quote-balance')).toHaveTextContent('100 크레딧');
    expect(screen.getByText('90 크레딧')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '크레딧 구매' })).not.toBeInTheDocument();
    const url = new URL((fetchMock.mock.calls[0][0] as Request).url);
    expect(url.pathname).toBe('/api/backtests/quote');
    expect(url.searchParams.get('from')).toBe('2011-03-01');
  });

  it('offers to buy credits when the balance is too low', async () => {
    mockFetch(() => jsonResponse({ cost: 10, balance: 4, sufficient: false, days: 731 }));
    renderWithQuery(
      <MemoryRouter>
        <QuoteBox from="2011-03-01" to="2013-03-01" />
      </MemoryRouter>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('10 크레딧이 필요한데 4 크레딧이 있습니다');
    expect(screen.getByRole('link', { name: '크레딧 구매' })).toHaveAttribute('href', '/credits');
  });

  it('asks for a range before quoting', () => {
    const fetchMock = mockFetch(() => jsonResponse({}));
    renderWithQuery(
      <MemoryRouter>
        <QuoteBox from="" to="" />
      </MemoryRouter>,
    );
    expect(screen.getByText('기간을 고르면 비용이 표시됩니다.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('trades table', () => {
  const trades = [
    { entryTime: Date.UTC(2020, 0, 2), exitTime: Date.UTC(2020, 0, 9), entryBar: 1, exitBar: 6, entryPrice: 100, exitPrice: 105, size: 10, pnl: 49, returnPct: 4.9, commission: 1 },
    { entryTime: Date.UTC(2020, 0, 10), exitTime: Date.UTC(2020, 0, 20), entryBar: 7, exitBar: 14, entryPrice: 105, exitPrice: 95, size: -10, pnl: 99, returnPct: 9.4, commission: 1 },
    { entryTime: Date.UTC(2020, 1, 1), exitTime: Date.UTC(2020, 1, 5), entryBar: 20, exitBar: 23, entryPrice: 95, exitPrice: 90, size: 10, pnl: -51, returnPct: -5.3, commission: 1 },
  ];

  it('sorts by a column and toggles the direction', async () => {
    const user = userEvent.setup();
    render(<TradesTable trades={trades} currency="USD" fileName="t" />);
    const firstCells = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0].textContent);
    expect(firstCells()).toEqual(['1', '2', '3']);
    await user.click(screen.getByRole('button', { name: '손익 기준 정렬' }));
    expect(firstCells()).toEqual(['2', '1', '3']);
    expect(screen.getByRole('columnheader', { name: /손익/ })).toHaveAttribute('aria-sort', 'descending');
    await user.click(screen.getByRole('button', { name: '손익 기준 정렬' }));
    expect(firstCells()).toEqual(['3', '1', '2']);
    await user.click(screen.getByRole('button', { name: '방향 기준 정렬' }));
    expect(within(screen.getAllByRole('row')[1]).getByText('공매도')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('-5.30%')).toBeInTheDocument());
  });
});
