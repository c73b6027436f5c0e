/** The report's whole stylesheet, inlined so the file stands alone. */
export const REPORT_CSS = `
:root { --ink:#1f2933; --muted:#66758a; --line:#e3e8ef; --bg:#f6f8fb; --card:#fff; --queued:#cbd3de; --ok:#2f7fd8; --fail:#d64545; --run:#12a39a; --crit:#f2a531; --span:#6e59c7; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 22px; margin: 0; font-weight: 650; }
h1 code { font-size: 20px; }
h2 { font-size: 16px; margin: 0 0 12px; font-weight: 650; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, "Liberation Mono", monospace; }
.muted { color: var(--muted); }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 16px; margin-bottom: 6px; }
.subtitle { color: var(--muted); margin: 0 0 18px; }
.pill { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 12px; font-weight: 650; letter-spacing: .04em; color: #fff; background: var(--muted); }
.pill.SUCCEEDED { background: #2e9d5b; } .pill.FAILED { background: var(--fail); } .pill.RUNNING, .pill.PENDING { background: var(--run); }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin: 16px 0; overflow-x: auto; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(124px, 1fr)); gap: 10px; background: none; border: 0; padding: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; }
.card .value { font-size: 20px; font-weight: 650; white-space: nowrap; }
.card .sub { color: var(--muted); font-size: 12px; font-weight: 400; margin-left: 4px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
.media { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.media figure { margin: 0; flex: 1 1 320px; max-width: 540px; }
.media img, .media video { width: 100%; border-radius: 6px; background: #111; display: block; }
.media figcaption { color: var(--muted); font-size: 12px; margin-top: 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 0 0 10px; font-size: 12px; color: var(--muted); align-items: center; }
.legend i { display: inline-block; width: 14px; height: 10px; border-radius: 2px; vertical-align: -1px; margin-right: 5px; }
.legend label { margin-left: auto; cursor: pointer; }
svg text { font-family: inherit; }
svg.timeline, svg.speed { display: block; width: 100%; height: auto; min-width: 760px; }
.chart-bg { fill: #fbfcfe; }
.grid { stroke: var(--line); stroke-width: 1; }
.tick, .axis-label { fill: var(--muted); font-size: 11px; text-anchor: middle; }
.band { fill: transparent; } .band.odd { fill: #f8fafc; } .band.critical { fill: #fff6e6; }
.critical-mark { fill: var(--crit); }
.row-label { font-size: 13px; font-weight: 600; fill: var(--ink); }
.row-detail { font-size: 11px; font-weight: 400; fill: var(--muted); }
.job-id { font-size: 10.5px; fill: var(--muted); font-family: ui-monospace, Menlo, "Liberation Mono", monospace; }
.bar.queued { fill: url(#queued-hatch); stroke: #b3bdca; stroke-width: .5; }
.queued-bg { fill: #e6ebf1; } .queued-line { stroke: #c3ccd8; stroke-width: 3; }
.bar.succeeded { fill: var(--ok); } .bar.failed { fill: var(--fail); } .bar.running { fill: var(--run); }
.job-row.critical-row .bar.succeeded { stroke: var(--crit); }
.span { fill: var(--span); opacity: .75; } .span.error { fill: var(--fail); opacity: 1; }
.hide-spans .spans { display: none; }
.bar:hover, .span:hover, .speed-bar:hover { opacity: .8; }
.speed-bar { fill: var(--ok); }
.speed-failed { fill: var(--fail); font-size: 12px; font-weight: 700; text-anchor: middle; }
.axis { stroke: #b7c0cc; }
.value-label { fill: var(--ink); font-size: 10.5px; text-anchor: middle; }
.mean { stroke: var(--crit); stroke-width: 1.5; stroke-dasharray: 5 4; }
.mean-label { fill: #b7791f; font-size: 11px; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.reason { white-space: normal; color: var(--fail); min-width: 200px; max-width: 300px; }
span.share { display: inline-block; height: 8px; border-radius: 2px; background: var(--span); opacity: .75; vertical-align: middle; }
td.failed { color: var(--fail); font-weight: 600; }
tr.critical td:first-child { box-shadow: inset 4px 0 var(--crit); }
.path { display: flex; height: 22px; border-radius: 4px; overflow: hidden; margin: 4px 0 12px; }
.path span { display: block; height: 100%; }
.path .wait { background: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='6' height='6'%3E%3Cpath d='M0 6L6 0' stroke='%23c3ccd8' stroke-width='2'/%3E%3C/svg%3E") #e6ebf1; }
.path .run { background: var(--crit); border-right: 1px solid #fff; }
#tip { position: fixed; pointer-events: none; background: #1f2933; color: #fff; font-size: 12px; padding: 5px 8px; border-radius: 5px; max-width: 420px; display: none; z-index: 10; }
.empty { color: var(--muted); font-style: italic; }
`;
