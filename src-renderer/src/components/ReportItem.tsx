/** One cell of a report's totals: a label over a value, amber (or red) when it counts a problem. */
import type { ReactNode } from 'react';

/** The cell; `testId` names its value for tests. */
export function ReportItem({
  label,
  testId,
  warn = false,
  danger = false,
  children,
}: {
  label: string;
  testId: string;
  warn?: boolean;
  /** Red rather than amber: something is wrong with the data itself (a changed file). */
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId} className={danger ? 'danger' : warn ? 'warn' : ''}>
        {children}
      </dd>
    </div>
  );
}
