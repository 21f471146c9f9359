/** The report's only stylesheet, inlined: system fonts, muted colours, light and dark, phone first. */
export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#f4f5f7;--card:#fff;--ink:#1f2633;--muted:#626d7d;--line:#e2e5ea;
--accent:#4263eb;--good:#1c7c4a;--bad:#c2362b;--bad-bg:#fdf1ef;--good-bg:#eef7f1;--chip:#eef0f4}
@media (prefers-color-scheme:dark){:root{--bg:#14171c;--card:#1d2128;--ink:#e6e8ec;--muted:#9aa3b2;--line:#2e343e;
--accent:#7d95ff;--good:#5cc98b;--bad:#ff8a7a;--bad-bg:#3a2220;--good-bg:#1b3326;--chip:#2a2f38}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:20px 14px 40px}
h1{font-size:1.6rem;line-height:1.2;margin:.1rem 0 .3rem;letter-spacing:-.01em}
h2{font-size:1.15rem;margin:0 0 .8rem}
h3{font-size:.95rem;margin:1.2rem 0 .5rem;color:var(--muted);font-weight:600}
p{margin:.4rem 0}
.eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:.72rem;color:var(--muted);font-weight:600;margin:0}
.period{color:var(--muted);margin:0}
.period strong{color:var(--ink);font-weight:600}
header{padding:8px 2px 16px}
section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px;margin:0 0 14px}
.actions{border-left:4px solid var(--accent)}
.actions ol{margin:0;padding-left:1.3rem}
.actions li{margin:.35rem 0}
.targets ul{list-style:none;margin:0;padding:0}
.targets li{display:flex;flex-wrap:wrap;gap:.2rem .6rem;padding:.45rem .6rem;border-radius:8px;margin:.25rem 0}
.targets li.missed{background:var(--bad-bg)}
.targets li.met{background:var(--good-bg)}
.targets .mark{font-weight:700}
.missed .mark{color:var(--bad)}
.met .mark{color:var(--good)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(148px,1fr));gap:10px}
.card{border:1px solid var(--line);border-radius:10px;padding:10px 12px;min-width:0}
.card.missed{border-color:var(--bad);box-shadow:inset 3px 0 0 var(--bad)}
.card .label{font-size:.8rem;color:var(--muted);line-height:1.3}
.card .label a{color:inherit;text-decoration:none}
.card .value{font-size:1.35rem;font-weight:650;margin:.15rem 0;font-variant-numeric:tabular-nums;white-space:nowrap}
.card .compare{font-size:.78rem;color:var(--muted);font-variant-numeric:tabular-nums}
.card .target{font-size:.75rem;margin-top:.3rem;font-weight:600}
.card.missed .target{color:var(--bad)}
.card.met .target{color:var(--good)}
.delta{font-weight:600;white-space:nowrap}
.delta.good{color:var(--good)}
.delta.bad{color:var(--bad)}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px;margin-top:14px}
figure{margin:0;min-width:0}
figcaption{font-size:.85rem;font-weight:600;margin-bottom:.3rem}
svg.chart{display:block;width:100%;height:auto;max-width:560px}
.nodata{color:var(--muted);font-style:italic}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{padding:.4rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:.75rem}
td.name{min-width:9rem}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.sub th{color:var(--ink);background:var(--chip)}
tr.total td{font-weight:650;border-top:2px solid var(--line)}
.tables{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:4px 16px}
.caveat,.muted{color:var(--muted);font-size:.8rem}
.themes{list-style:none;padding:0;margin:0}
.themes li{margin:.6rem 0}
blockquote{margin:.25rem 0 .25rem .2rem;padding:.1rem .7rem;border-left:3px solid var(--line);color:var(--muted);font-style:italic}
dl{margin:0;font-size:.82rem;display:grid;grid-template-columns:minmax(120px,max-content) 1fr;gap:.25rem .9rem}
dt{font-weight:600}
dd{margin:0;color:var(--muted)}
.notes ul{margin:0;padding-left:1.1rem;font-size:.85rem}
footer{color:var(--muted);font-size:.75rem;text-align:center;padding-top:6px}
@media (max-width:480px){main{padding:12px 10px 32px}section{padding:14px 12px}h1{font-size:1.35rem}
dl{grid-template-columns:1fr}dd{margin-bottom:.4rem}}
@media print{body{background:#fff;color:#000}section{break-inside:avoid;border-color:#ccc}.scroll{overflow:visible}}
`;
