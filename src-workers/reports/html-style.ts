/** The handover HTML's inline stylesheet: screen (light and dark) and print (A4 or Letter). */
export const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#5b6472;--bg:#fff;--line:#d8dce2;--soft:#f3f5f7;
--ok:#1d7535;--note:#2f5fae;--warn:#8a5a00;--bad:#b42318}
@media screen and (prefers-color-scheme:dark){:root{--fg:#e5e7ea;--muted:#9aa3ae;--bg:#15181c;--line:#2d333a;
--soft:#1d2127;--ok:#62c480;--note:#8fb4ff;--warn:#e3b45a;--bad:#ff8272}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:1120px;padding:28px 28px 40px;color:var(--fg);background:var(--bg);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:14px;margin:18px 0 6px;overflow-wrap:anywhere}
p{margin:6px 0}
code,.mono,.path,.range{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;
font-size:.93em}
.muted{color:var(--muted)}
.lead{font-size:15px;margin:8px 0 2px}
.badge{display:inline-block;padding:1px 10px;border-radius:999px;font-size:13px;font-weight:600;
border:1.5px solid currentColor;vertical-align:middle;margin-left:10px}
.ok{color:var(--ok)}.note{color:var(--note)}.warn{color:var(--warn)}.problem{color:var(--bad)}
table{width:100%;border-collapse:collapse;table-layout:fixed;margin:4px 0 10px}
table.narrow{max-width:640px}
th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--line);
overflow-wrap:anywhere;word-break:break-word}
th{font-size:12px;font-weight:600;color:var(--muted);background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.facts th{width:24%;background:none;font-size:13px;color:var(--muted)}
table.facts td{font-size:13px}
ul.plain{list-style:none;margin:0;padding:0}
.path .dir{color:var(--muted)}
.more{font-style:italic;color:var(--muted)}
.folder-total{font-weight:400;color:var(--muted);margin-left:8px}
footer{margin-top:32px;padding-top:8px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
@page{margin:14mm 12mm}
@media print{
:root{color-scheme:light;--fg:#000;--muted:#4a4a4a;--bg:#fff;--line:#b9b9b9;--soft:#efefef;--ok:#145c29;
--note:#1f4a8f;--warn:#6b4500;--bad:#9b1c12}
body{max-width:none;padding:0;font-size:9pt;background:#fff;color:#000}
h1{font-size:16pt}h2{font-size:12pt;margin-top:0}h3{font-size:9.5pt}
.lead{font-size:10pt}
section.page{break-before:page}
h2,h3{break-after:avoid}
tr,li{break-inside:avoid}
thead{display:table-header-group}
th,td{padding:2px 5px}
table.facts th,table.facts td{font-size:9pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
