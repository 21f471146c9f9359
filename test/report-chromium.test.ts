/**
 * The HTML report rendered by a real browser: headless Chromium loads a wrapper page that holds the
 * report, unchanged, in an iframe of the width under test, and a test-only script that measures each
 * chart's plotted marks and writes the figures into the DOM, which `--dump-dom` prints; the same run
 * takes a screenshot. Skipped only when chromium is not installed.
 * SHOPFLOW_SCREENSHOT_DIR=dir keeps full-page screenshots (report-phone.png, report-desktop.png);
 * CHROMIUM=path runs another browser binary.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../src/core/report/render-html.js';
import type { Report } from '../src/core/report/types.js';
import { tempDir } from './helpers.js';
import { htmlSampleReport } from './helpers/report-sample.js';

const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
const hasChromium = spawnSync(CHROMIUM, ['--version'], { stdio: 'ignore' }).status === 0;

interface Mark { cls: string; w: number; h: number; bw: number; bh: number }
interface Chart { chart: string; w: number; h: number; viewW: number; marks: Mark[]; textOutside: string[] }
interface Measure { viewport: number; scrollWidth: number; height: number; charts: Chart[] }

// Runs in the wrapper page once the report has loaded in its iframe: the sizes of every chart and of
// its plotted marks, and any label drawn outside its chart. Chromium's window cannot be narrower than
// 500 px, so the report sits in an iframe that has the width under test.
const MEASURE = `(() => {
  const frames = [...document.querySelectorAll('iframe')];
  const results = [];
  const measure = (frame) => {
    const doc = frame.contentDocument;
    const charts = [...doc.querySelectorAll('svg.chart')].map((svg) => {
      const box = svg.getBoundingClientRect();
      const marks = [...svg.querySelectorAll('.mark')].map((el) => {
        const r = el.getBoundingClientRect(), b = el.getBBox();
        return { cls: el.getAttribute('class'), w: r.width, h: r.height, bw: b.width, bh: b.height };
      });
      const textOutside = [...svg.querySelectorAll('text')].filter((t) => {
        const r = t.getBoundingClientRect();
        return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
      }).map((t) => t.textContent);
      return { chart: svg.dataset.chart, w: box.width, h: box.height, viewW: svg.viewBox.baseVal.width, marks, textOutside };
    });
    return { viewport: frame.contentWindow.innerWidth, scrollWidth: doc.documentElement.scrollWidth, height: doc.documentElement.scrollHeight, charts };
  };
  const done = () => {
    const ready = (f) => f.contentDocument && f.contentDocument.URL === 'about:srcdoc' && f.contentDocument.readyState === 'complete';
    if (!frames.every(ready) || document.getElementById('measure')) return;
    const pre = document.createElement('pre');
    pre.id = 'measure';
    pre.hidden = true;
    pre.textContent = JSON.stringify(frames.map(measure));
    document.body.appendChild(pre);
  };
  frames.forEach((f) => f.addEventListener('load', done));
  done();
})();`;

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Loads reports in headless Chromium, one iframe each, stacked, at a width (one browser start for
 * several reports); returns their measures and a screenshot of the window, which shows the first.
 */
function render(reports: Report[], width: number, height: number): { m: Measure[]; png: string } {
  const dir = tempDir('shopflow-chromium-');
  const page = join(dir, 'wrapper.html');
  writeFileSync(
    page,
    `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0}iframe{border:0;display:block}</style></head><body>` +
      reports.map((r) => `<iframe width="${width}" height="${height}" srcdoc="${attr(renderHtml(r))}"></iframe>`).join('') +
      `<script>${MEASURE}</script></body></html>`,
  );
  const png = join(dir, 'shot.png');
  const r = spawnSync(
    CHROMIUM,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--force-device-scale-factor=1', '--virtual-time-budget=3000',
      `--user-data-dir=${join(dir, 'profile')}`, `--window-size=${width},${height}`, `--screenshot=${png}`, '--dump-dom',
      pathToFileURL(page).href,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const found = /<pre id="measure" hidden="">(.*?)<\/pre>/s.exec(r.stdout ?? '');
  if (!found) throw new Error(`chromium printed no measures (status ${r.status}):\n${r.stderr}`);
  const json = found[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return { m: JSON.parse(json) as Measure[], png };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function expectChartsDrawn(m: Measure): void {
  expect(m.charts.map((c) => c.chart)).toEqual(['revenue', 'orders', 'conversion', 'email', 'ratings']);
  for (const c of m.charts) {
    expect(c.w, `${c.chart} width`).toBeGreaterThan(250);
    expect(c.w, `${c.chart} fits`).toBeLessThanOrEqual(m.viewport);
    expect(c.h, `${c.chart} height`).toBeGreaterThan(60);
    expect(c.marks.length, `${c.chart} marks`).toBeGreaterThan(0);
    expect(c.textOutside, `${c.chart} labels drawn outside the chart`).toEqual([]);
    for (const mk of c.marks) {
      expect(mk.w > 0 && mk.h > 0, `${c.chart} ${mk.cls} is visible: ${JSON.stringify(mk)}`).toBe(true);
    }
  }
  for (const id of ['revenue', 'orders', 'conversion']) {
    const c = m.charts.find((x) => x.chart === id)!;
    const cur = c.marks.find((mk) => mk.cls === 'mark line cur')!;
    const prev = c.marks.find((mk) => mk.cls === 'mark line prev')!;
    // Seven days span most of the plot, both periods, and the lines really go up and down.
    expect(cur.bw / c.viewW, `${id} line spans the days`).toBeGreaterThan(0.75);
    expect(prev.bw / c.viewW).toBeGreaterThan(0.75);
    expect(cur.bh, `${id} line varies`).toBeGreaterThan(20);
    expect(c.marks.filter((mk) => mk.cls === 'mark dot cur')).toHaveLength(7);
  }
  expect(m.charts.find((c) => c.chart === 'email')!.marks.filter((mk) => mk.cls === 'mark bar')).toHaveLength(8);
  const ratings = m.charts.find((c) => c.chart === 'ratings')!.marks;
  expect(ratings).toHaveLength(5);
  // 12 five-star reviews against 6 four-star ones: the bar is twice as long.
  expect(ratings[0]!.bw / ratings[1]!.bw).toBeCloseTo(2, 1);
}

const SKIPPED = 'SKIPPED: chromium is not installed (apt-get install chromium)';
if (!hasChromium) console.warn(`report-chromium.test.ts ${SKIPPED}`);

describe.skipIf(!hasChromium)(`the HTML report in headless Chromium${hasChromium ? '' : ` (${SKIPPED})`}`, () => {
  test('at phone width (375 px): charts drawn, nothing wider than the screen; one day is drawn as dots', () => {
    const oneDay = htmlSampleReport();
    oneDay.daily = oneDay.daily.slice(0, 1);
    oneDay.daily_previous = oneDay.daily_previous!.slice(0, 1);
    const { m: [m, one], png } = render([htmlSampleReport(), oneDay], 375, 900);
    expect(m!.viewport).toBe(375);
    expect(m!.scrollWidth, 'page scrolls sideways').toBeLessThanOrEqual(375);
    expectChartsDrawn(m!);
    expect(pngSize(png)).toEqual({ width: 375, height: 900 });
    for (const id of ['revenue', 'orders', 'conversion']) {
      const dots = one!.charts.find((c) => c.chart === id)!.marks.filter((mk) => mk.cls.startsWith('mark dot'));
      expect(dots, `${id}: this day and the day it is compared with`).toHaveLength(2);
      for (const d of dots) expect(d.w).toBeGreaterThan(2);
    }
    keep('report-phone.png', 375, m!.height);
  });

  test('at desktop width (1280 px): charts side by side, drawn', () => {
    const { m: [m], png } = render([htmlSampleReport()], 1280, 900);
    expect(m!.scrollWidth).toBeLessThanOrEqual(1280);
    expectChartsDrawn(m!);
    const revenue = m!.charts.find((c) => c.chart === 'revenue')!;
    expect(revenue.w).toBeLessThan(600); // two charts per row, not one stretched across
    expect(pngSize(png)).toEqual({ width: 1280, height: 900 });
    keep('report-desktop.png', 1280, m!.height);
  });
});

/** With SHOPFLOW_SCREENSHOT_DIR set, keeps a full-page screenshot for people to look at. */
function keep(name: string, width: number, height: number): void {
  const dir = process.env.SHOPFLOW_SCREENSHOT_DIR;
  if (dir) copyFileSync(render([htmlSampleReport()], width, Math.ceil(height)).png, join(dir, name));
}
