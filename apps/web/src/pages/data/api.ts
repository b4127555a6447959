import { client, unwrap, type Schema } from '../../api/client';

export type MarketSymbol = Schema<'MarketSymbolDto'>;
export type ImportResult = Schema<'MarketDataImportResultDto'>;
export type ImportReport = Schema<'ImportReportDto'>;
export type ImportProblem = Schema<'ImportProblemDto'>;
export type ImportFields = Omit<Schema<'ImportMarketDataFormDto'>, 'file'>;

export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d', '1w'] as const;
export const MARKETS = ['KRX', 'NYSE', 'NASDAQ', 'NYSEARCA', 'crypto', 'index', 'other'] as const;

export const dataKeys = {
  symbols: ['market-data', 'symbols'] as const,
};

export function listSymbols() {
  return unwrap(client.GET('/api/market-data/symbols'));
}

export function deleteSymbol(id: string) {
  return unwrap(client.DELETE('/api/market-data/symbols/{id}', { params: { path: { id } } }));
}

/** Multipart upload: the typed body's fields become form fields, plus the file itself. */
export function importCsv(file: File, fields: ImportFields) {
  return unwrap(
    client.POST('/api/market-data/imports', {
      // The schema types the binary part as a string; the serializer below sends the real File.
      body: { ...fields, file: file.name },
      bodySerializer: (body) => {
        const form = new FormData();
        for (const [key, value] of Object.entries(body)) {
          if (key !== 'file' && value !== undefined && value !== '') form.append(key, String(value));
        }
        form.append('file', file, file.name);
        return form;
      },
    }),
  );
}

/** The problems of a 422 IMPORT_REJECTED error (`details.problems`), or null for any other error. */
export function rejectionProblems(details: unknown): { problems: ImportProblem[]; errorCount: number } | null {
  if (typeof details !== 'object' || details === null) return null;
  const { problems, errorCount } = details as { problems?: unknown; errorCount?: unknown };
  if (!Array.isArray(problems)) return null;
  const list = problems.filter(
    (p): p is ImportProblem =>
      typeof p === 'object' && p !== null && typeof (p as ImportProblem).line === 'number' && typeof (p as ImportProblem).message === 'string',
  );
  return { problems: list, errorCount: typeof errorCount === 'number' ? errorCount : list.length };
}
