/**
 * The one stylesheet of the staff pages, inlined into each (no font, icon or file fetched): system
 * fonts, readable at phone width, visible focus, colours with enough contrast.
 */
export const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1f24;background:#f6f7f9;overflow-wrap:anywhere}
a{color:#0b57a4}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
header.top{background:#8b1a1a;color:#fff}
header.top .bar{max-width:64rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header.top .brand{font-weight:700;color:#fff;text-decoration:none;margin-right:auto}
header.top nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
header.top nav a{color:#fff;text-decoration:none;padding:.35rem .6rem;border-radius:.3rem;display:inline-block}
header.top nav a[aria-current=page]{background:#fff;color:#8b1a1a;font-weight:600}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
.lead{color:#4a5260;margin-top:-.5rem}
.card{background:#fff;border:1px solid #d9dde3;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
label{font-weight:600}
input,select,textarea,button{font:inherit}
input[type=text],input[type=password],input[type=file],select,textarea{width:100%;padding:.55rem .6rem;border:1px solid #8a929e;border-radius:.35rem;background:#fff;color:inherit}
textarea{resize:vertical;min-height:3rem}
button,.button{display:inline-block;padding:.55rem 1rem;border-radius:.35rem;border:1px solid #0b57a4;background:#0b57a4;color:#fff;cursor:pointer;text-decoration:none;min-height:2.75rem}
button.secondary,.button.secondary{background:#fff;color:#0b57a4}
button[disabled]{opacity:.6;cursor:progress}
.row{display:flex;gap:.5rem;align-items:flex-end}
.row>:first-child{flex:1;min-width:0}
.hint{color:#4a5260;font-size:.9rem;margin:.25rem 0 0}
.field{margin:0 0 .75rem}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem;align-items:end}
.error{border-left:4px solid #b3261e;background:#fdecea;padding:.75rem 1rem;border-radius:.35rem}
.ok{border-left:4px solid #1e7b34;background:#e8f5ec;padding:.75rem 1rem;border-radius:.35rem}
.muted{color:#4a5260}
.examples{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem}
.examples button{background:#eef3fa;color:#0b3d73;border-color:#b9cbe3;text-align:left;min-height:2.5rem}
.log{list-style:none;padding:0;margin:0}
.turn{margin:0 0 1rem}
.turn .q{background:#e4ecf7;border-radius:.5rem;padding:.5rem .75rem;margin:0 0 .5rem;font-weight:600}
.turn .a{background:#fff;border:1px solid #d9dde3;border-radius:.5rem;padding:.75rem}
.turn .a p{margin:.25rem 0}
.turn.waiting .a{color:#4a5260}
.cite-ref{min-height:auto;padding:0 .3rem;margin:0 .1rem;font-size:.85rem;line-height:1.4;vertical-align:baseline;background:#eef3fa;color:#0b3d73;border-color:#b9cbe3}
.sources{margin:.5rem 0 0;padding-left:1.5rem;font-size:.95rem}
.sources li{margin:.25rem 0}
.sources button{min-height:2.25rem;padding:.2rem .5rem;background:#fff;color:#0b57a4;text-align:left}
.rate{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin-top:.5rem}
.rate button{background:#fff;color:#1b1f24;border-color:#8a929e;min-width:3rem}
.rate button[aria-pressed=true]{background:#fff4d6;border-color:#b07d00}
.spinner{display:inline-block;width:1rem;height:1rem;border:2px solid #b9cbe3;border-top-color:#0b57a4;border-radius:50%;animation:spin 1s linear infinite;vertical-align:-.15rem;margin-right:.4rem}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation:none}}
dialog{width:min(48rem,calc(100vw - 1rem));max-height:calc(100vh - 2rem);border:1px solid #8a929e;border-radius:.5rem;padding:1rem}
dialog::backdrop{background:rgba(0,0,0,.45)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
.facts dt{font-weight:600}
.facts dd{margin:0}
.source-lines{list-style:none;margin:.5rem 0 0;padding:0;font-size:.95rem;border:1px solid #d9dde3;border-radius:.35rem;background:#fff}
.source-lines li{display:grid;grid-template-columns:3.5rem 1fr;gap:.5rem;padding:.1rem .5rem}
.source-lines .n{color:#6b7380;text-align:right;user-select:none;font-variant-numeric:tabular-nums}
.source-lines .cited{background:#fff4d6}
.source-lines .cited .t{font-weight:600}
mark{background:#ffe08a;color:inherit}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d9dde3;padding:.4rem .5rem;text-align:left;vertical-align:top}
table.tasks th:nth-child(4),table.tasks th:nth-child(5){min-width:7.5rem}
th{background:#eef1f5}
.deadline-overdue{color:#b3261e;font-weight:600}
.timeline{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.timeline>li{background:#fff;border:1px solid #d9dde3;border-left:6px solid #0b57a4;border-radius:.5rem;padding:.5rem .75rem}
.timeline>li.past{border-left-color:#8a929e}
.timeline>li.now{border-left-color:#f0a500}
.timeline h3{margin:.25rem 0}
.timeline .bar{height:.5rem;background:#b9cbe3;border-radius:.25rem;margin:.25rem 0 .5rem}
.timeline ul{margin:.25rem 0;padding-left:1.25rem}
.badge{display:inline-block;background:#eef1f5;border-radius:1rem;padding:0 .5rem;font-size:.85rem;font-weight:600}
.plans{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.api-scroll{overflow-x:auto;max-width:100%}
.api-op,.api-schema{border-top:1px solid #d9dde3;padding-top:.5rem}
.api-op code,.api-schema code,.api-index code{overflow-wrap:anywhere}
.api-index{columns:2 16rem;padding-left:1.25rem}
footer{max-width:64rem;margin:0 auto;padding:1rem;color:#4a5260;font-size:.9rem}
@media (max-width:40rem){
  .facts{grid-template-columns:1fr}
  .facts dd{margin-bottom:.5rem}
  table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}
  table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
  table.stack tr{border:1px solid #d9dde3;border-radius:.5rem;margin:0 0 .75rem;background:#fff}
  table.stack td{border:0;border-top:1px solid #eef1f5}
  table.stack td::before{content:attr(data-label);display:block;font-weight:600;color:#4a5260;font-size:.85rem}
  .source-lines li{grid-template-columns:2.5rem 1fr}
}
`;
