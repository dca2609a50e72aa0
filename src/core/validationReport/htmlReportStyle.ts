/**
 * The HTML report's one stylesheet, inline so the file stands alone (no fonts, images or
 * addresses: a ticket system or a mail client shows it as it is, and it prints on A4).
 */
export const REPORT_STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 78rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ccc; padding-bottom: .25rem; }
.verdict { font-weight: 600; padding: .6rem .8rem; border-radius: 4px; border-left: 6px solid; }
.verdict.fatal { background: #fde8e8; border-color: #9b1c1c; }
.verdict.errors { background: #fdf0e8; border-color: #c2410c; }
.verdict.warnings { background: #fdf8e1; border-color: #a16207; }
.verdict.clean { background: #e8f6ec; border-color: #15803d; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.5rem; margin: 1rem 0; }
dl.facts dt, dl.rule dt { font-weight: 600; }
dl.facts dd, dl.rule dd { margin: 0; }
dl.rule { display: grid; grid-template-columns: 9rem 1fr; gap: .3rem 1rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d4d4d4; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.number, th.number, table.counts td { text-align: right; font-variant-numeric: tabular-nums; }
table.findings { width: 100%; }
td.position { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.value { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; overflow-wrap: anywhere; }
.id { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; }
.badge { font-size: .8rem; font-weight: 600; padding: .1rem .45rem; border-radius: 3px; vertical-align: middle; color: #fff; }
.badge.critical, th.critical { background: #9b1c1c; color: #fff; }
.badge.error, th.error { background: #c2410c; color: #fff; }
.badge.warning, th.warning { background: #a16207; color: #fff; }
.badge.info, th.info { background: #1d4ed8; color: #fff; }
.more { font-style: italic; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;
