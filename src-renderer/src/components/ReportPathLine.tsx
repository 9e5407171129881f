/** One labelled path in a report (the full report, a checksum file, a recorded generation): its full text in a tooltip. */
import { ltr } from './path-text';

export function ReportPathLine({ label, path, testId }: { label: string; path: string; testId: string }) {
  return (
    <p className="report-path">
      <span className="report-path-label">{label}</span>
      <span className="report-path-value" data-testid={testId} title={path}>
        {ltr(path)}
      </span>
    </p>
  );
}
