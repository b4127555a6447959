import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionResponse, signInForTest } from '../../auth/testing';
import { jsonResponse, mockFetch } from '../../test/http';
import { renderRoute } from '../../test/render';
import type { MarketSymbol } from './api';

const symbol = (id: string, ticker: string, extra: Partial<MarketSymbol> = {}): MarketSymbol => ({
  id,
  ticker,
  name: `${ticker} name`,
  market: 'KRX',
  currency: 'KRW',
  timezone: 'Asia/Seoul',
  timeframe: '1d',
  availableTimeframes: ['1d', '1w'],
  adjusted: false,
  source: null,
  visibility: 'public',
  ownedByMe: false,
  firstTime: '2020-01-02T00:00:00.000Z',
  lastTime: '2024-12-30T00:00:00.000Z',
  barCount: 1234,
  datasetVersion: 1,
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...extra,
});

const PUBLIC = symbol('11111111-0000-4000-8000-000000000000', 'SPY', { market: 'NYSEARCA', currency: 'USD', adjusted: true });
const MINE = symbol('22222222-0000-4000-8000-000000000000', 'MYBTC', { visibility: 'private', ownedByMe: true, barCount: 40 });

const report = {
  rowsRead: 41,
  imported: 40,
  repaired: 1,
  skipped: 1,
  firstDate: '2024-01-01',
  lastDate: '2024-02-09',
  detectedTimeframe: '1d',
  timeframe: '1d',
  sourceOrder: 'descending',
  headerless: false,
  errors: [],
  errorCount: 0,
  repairedLines: [7],
  skippedLines: [12],
};

function fileInput() {
  return screen.getByLabelText(/CSV 파일/);
}

describe('My data', () => {
  it('lists public and private datasets separately and deletes an own dataset after confirming', async () => {
    signInForTest();
    let symbols = [PUBLIC, MINE];
    const deleted: string[] = [];
    mockFetch((request) => {
      const session = sessionResponse(request);
      if (session) return session;
      const { pathname } = new URL(request.url);
      if (request.method === 'DELETE') {
        deleted.push(pathname);
        symbols = symbols.filter((s) => !pathname.endsWith(s.id));
        return new Response(null, { status: 204 });
      }
      return jsonResponse({ symbols });
    });
    const { user } = renderRoute('/data');
    const mine = await screen.findByTestId('private-datasets');
    const shared = screen.getByTestId('public-datasets');
    expect(within(mine).getByText('MYBTC')).toBeInTheDocument();
    expect(within(mine).queryByText('SPY')).not.toBeInTheDocument();
    expect(within(shared).getByText('SPY')).toBeInTheDocument();
    expect(within(shared).getByText('1,234')).toBeInTheDocument();
    expect(within(shared).queryByRole('button', { name: /삭제/ })).not.toBeInTheDocument();

    await user.click(within(mine).getByRole('button', { name: 'MYBTC 삭제' }));
    const dialog = screen.getByRole('dialog');
    expect(deleted).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: '삭제' }));
    await waitFor(() => expect(deleted).toEqual([`/api/market-data/symbols/${MINE.id}`]));
    expect(await screen.findByText('아직 비공개 데이터가 없습니다')).toBeInTheDocument();
  });

  it('requires a file and a ticker, then uploads multipart fields and shows the report', async () => {
    signInForTest();
    const sent: FormData[] = [];
    mockFetch(async (request) => {
      const session = sessionResponse(request);
      if (session) return session;
      if (request.method === 'POST') {
        sent.push(await request.formData());
        return jsonResponse({ symbol: MINE, report }, 201);
      }
      return jsonResponse({ symbols: [PUBLIC] });
    });
    const { user } = renderRoute('/data');
    await screen.findByTestId('public-datasets');

    await user.click(screen.getByRole('button', { name: '올리기' }));
    expect(fileInput()).toHaveAccessibleDescription('CSV 파일을 선택해 주세요.');
    expect(screen.getByLabelText(/종목 코드/)).toHaveAccessibleDescription(/종목 코드를 입력해 주세요./);
    expect(sent).toHaveLength(0);

    await user.upload(fileInput(), new File(['"날짜","종가"\n'], 'btc.csv', { type: 'text/csv' }));
    await user.type(screen.getByLabelText(/종목 코드/), 'MYBTC');
    await user.selectOptions(screen.getByLabelText('주기'), '1h');
    await user.type(screen.getByLabelText(/통화/), 'KRW');
    await user.click(screen.getByLabelText(/잘못된 행이 있으면/));
    await user.click(screen.getByRole('button', { name: '올리기' }));

    const result = await screen.findByRole('status', { name: /MYBTC 가져오기 완료/ });
    expect(sent).toHaveLength(1);
    const form = sent[0];
    expect(form.get('symbol')).toBe('MYBTC');
    expect(form.get('timeframe')).toBe('1h');
    expect(form.get('currency')).toBe('KRW');
    expect(form.get('skipInvalid')).toBe('true');
    expect(form.has('name')).toBe(false);
    // jsdom's File does not survive the Request round trip intact; the browser journey checks the real upload.
    expect(form.has('file')).toBe(true);

    expect(within(result).getByText('읽은 행').nextSibling).toHaveTextContent('41행');
    expect(within(result).getByText('가져온 행').nextSibling).toHaveTextContent('40행');
    expect(within(result).getByText('최신순')).toBeInTheDocument();
    expect(within(result).getByText(/보정한 행 번호/).nextSibling).toHaveTextContent('7');
    expect(within(result).getByText('건너뛴 행 번호').nextSibling).toHaveTextContent('12');
  });

  it('shows a rejected file problem by problem with line numbers', async () => {
    signInForTest();
    mockFetch((request) => {
      const session = sessionResponse(request);
      if (session) return session;
      if (request.method === 'POST') {
        return jsonResponse(
          {
            statusCode: 422,
            code: 'IMPORT_REJECTED',
            message: 'The file was rejected with 2 problem(s)',
            details: {
              errorCount: 2,
              problems: [
                { line: 3, column: 'date', code: 'UNPARSABLE_DATE', message: 'Unparsable date', value: '2024-13-45' },
                { line: 9, column: 'close', code: 'NOT_A_NUMBER', message: 'close is not a number', value: 'abc' },
              ],
            },
          },
          422,
        );
      }
      return jsonResponse({ symbols: [] });
    });
    const { user } = renderRoute('/data');
    await screen.findByTestId('public-datasets');
    await user.upload(fileInput(), new File(['x'], 'bad.csv', { type: 'text/csv' }));
    await user.type(screen.getByLabelText(/종목 코드/), 'BAD');
    await user.click(screen.getByRole('button', { name: '올리기' }));

    const alert = await screen.findByRole('alert', { name: /파일이 거부되었습니다/ });
    expect(within(alert).getByText(/문제 2건/)).toBeInTheDocument();
    const rows = within(alert).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual(['3', '9']);
    expect(within(rows[0]).getByText('2024-13-45')).toBeInTheDocument();
    expect(within(rows[1]).getByText(/close is not a number/)).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: /가져오기 완료/ })).not.toBeInTheDocument();
  });
});
