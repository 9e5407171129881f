/** Where a job's handover report goes: `<job>.html` and `<job>.csv` beside its JSON report `<job>.json`. */
export function handoverPaths(reportPath: string): { html: string; csv: string } {
  const base = reportPath.replace(/\.json$/, '');
  return { html: `${base}.html`, csv: `${base}.csv` };
}
