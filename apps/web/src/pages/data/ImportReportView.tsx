import { useTranslation } from 'react-i18next';
import { Card } from '../../components';
import { useFormat } from '../../lib/useFormat';
import type { ImportProblem, ImportResult } from './api';

const MAX_PROBLEM_ROWS = 200;

/** What a successful import did: counts, date range and the repaired/skipped lines. */
export function ImportReportView({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { report, symbol } = result;
  const rows = (count: number) => t('dataPage.rowsUnit', { rows: format.integer(count) });
  const order = report.sourceOrder as 'ascending' | 'descending' | 'unordered';
  return (
    <Card title={t('dataPage.reportTitle', { ticker: symbol.ticker })} className="data-report" role="status">
      <dl className="data-report__stats">
        <Stat label={t('dataPage.rowsRead')} value={rows(report.rowsRead)} />
        <Stat label={t('dataPage.imported')} value={rows(report.imported)} />
        <Stat label={t('dataPage.repaired')} value={rows(report.repaired)} />
        <Stat label={t('dataPage.skipped')} value={rows(report.skipped)} />
        <Stat label={t('dataPage.firstDate')} value={format.date(report.firstDate)} />
        <Stat label={t('dataPage.lastDate')} value={format.date(report.lastDate)} />
        <Stat label={t('dataPage.detectedTimeframe')} value={report.detectedTimeframe ?? '—'} />
        <Stat label={t('dataPage.sourceOrder')} value={t(`dataPage.order_${order}`)} />
      </dl>
      <LineList title={t('dataPage.repairedLines')} lines={report.repairedLines} />
      <LineList title={t('dataPage.skippedLines')} lines={report.skippedLines} />
      {report.errors.length > 0 && <ProblemTable problems={report.errors} total={report.errorCount} />}
    </Card>
  );
}

/** A 422 IMPORT_REJECTED: nothing was written; the problems by line. */
export function ImportRejection({ problems, errorCount }: { problems: ImportProblem[]; errorCount: number }) {
  const { t } = useTranslation();
  return (
    <Card title={t('dataPage.rejectedTitle')} className="data-rejection" role="alert">
      <p>{t('dataPage.rejectedLead', { count: errorCount })}</p>
      <ProblemTable problems={problems} total={errorCount} />
    </Card>
  );
}

function ProblemTable({ problems, total }: { problems: ImportProblem[]; total: number }) {
  const { t } = useTranslation();
  const shown = problems.slice(0, MAX_PROBLEM_ROWS);
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="data-table__caption">{t('dataPage.problemsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dataPage.colLine')}</th>
            <th scope="col">{t('dataPage.colColumn')}</th>
            <th scope="col">{t('dataPage.colValue')}</th>
            <th scope="col">{t('dataPage.colProblem')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((problem, index) => (
            <tr key={`${problem.line}-${problem.code}-${index}`}>
              <td className="data-table__num">{problem.line > 0 ? problem.line : t('dataPage.wholeFile')}</td>
              <td>{problem.column ?? '—'}</td>
              <td>
                <code>{problem.value ?? '—'}</code>
              </td>
              <td>
                {problem.message} <span className="data-table__code">{problem.code}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > shown.length && <p className="data-note">{t('dataPage.moreProblems', { shown: shown.length, count: total })}</p>}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="data-report__stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function LineList({ title, lines }: { title: string; lines: number[] }) {
  if (lines.length === 0) return null;
  return (
    <div className="data-lines">
      <h3 className="data-lines__title">{title}</h3>
      <p className="data-lines__list">{lines.join(', ')}</p>
    </div>
  );
}
