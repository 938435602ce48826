// The audit report as VS Code's webview shows it, in headless Chromium at a side column's width (420 px) and a full
// editor's (1,200 px), in a dark, a light and a high-contrast theme: nothing may overflow the page sideways (the
// table scrolls inside its own box), no amount may be cut, and bars must scale to the column. Screenshots are kept
// in artifacts/. The report's HTML comes from the extension's own renderReport, bundled with `vscode` stubbed out
// (rendering never touches the editor API).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './codeServer.mjs';

const themes = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      foreground: '#cccccc',
      'editor-background': '#1f1f1f',
      descriptionForeground: '#9d9d9d',
      'panel-border': '#2b2b2b',
      'charts-blue': '#3794ff',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      foreground: '#3b3b3b',
      'editor-background': '#ffffff',
      descriptionForeground: '#717171',
      'panel-border': '#e5e5e5',
      'charts-blue': '#1a85ff',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      foreground: '#ffffff',
      'editor-background': '#000000',
      descriptionForeground: '#ffffff',
      'panel-border': '#6fc3df',
      'charts-blue': '#3794ff',
      contrastBorder: '#6fc3df',
    },
  },
};

const nanos = (usd) => Math.round(usd * 1e9);

/** A report with the shapes that broke the fixed-width charts: long paths and five-figure amounts. */
function sampleReport() {
  const files = [
    ['services/customer-support/escalations/handlers/triage-incoming-ticket.ts', 18_250.5],
    ['services/customer-support/escalations/handlers/draft-reply.ts', 9_930.25],
    ['src/digest.ts', 412.8],
    ['app/summarize_thread.py', 96.4],
    ['prompts/support-agent.j2', 3.02],
  ];
  const prompts = files.map(([file, perMonth], i) => ({
    file,
    line: 10 + i,
    model: i === 3 ? 'assumed gpt-4o-mini (model unknown)' : i % 2 ? 'claude-sonnet-4-5-20250929' : 'gpt-4o',
    modelAssumed: i === 3,
    tokens: 1_234 * (i + 1),
    exact: i % 2 === 0,
    perCall: nanos(perMonth / 30_000),
    perMonth: nanos(perMonth),
    findings: i,
  }));
  return {
    totalPerMonth: prompts.reduce((sum, p) => sum + p.perMonth, 0),
    assumedPerMonth: prompts.filter((p) => p.modelAssumed).reduce((sum, p) => sum + p.perMonth, 0),
    prompts,
    byFile: prompts.map((p) => ({ file: p.file, perMonth: p.perMonth, prompts: 1, findings: p.findings })),
    byModel: [
      { model: 'gpt-4o', perMonth: nanos(18_666.3), prompts: 3 },
      { model: 'claude-sonnet-4-5-20250929', perMonth: nanos(10_026.65), prompts: 2 },
    ],
    findings: 10,
    skipped: [],
  };
}

export async function checkReportLayout({ root, stateDir }) {
  const bundle = join(stateDir, 'report-render.cjs');
  await build({
    entryPoints: [join(root, 'extension/report.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
    plugins: [
      {
        name: 'vscode-stub',
        setup(b) {
          b.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};' }));
        },
      },
    ],
  });
  const { renderReport } = await import(bundle);
  const html = renderReport(sampleReport(), 'n0nce');
  const artifacts = join(root, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const problems = [];
  const longestBar = {};
  try {
    for (const width of [420, 1200]) {
      for (const [name, theme] of Object.entries(themes)) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.setContent(html);
        // CSSOM changes are not inline markup, so the report's Content-Security-Policy allows them, as in VS Code.
        await page.evaluate(({ vars, bodyClass }) => {
          for (const [key, value] of Object.entries(vars))
            document.documentElement.style.setProperty(`--vscode-${key}`, value);
          document.documentElement.style.setProperty('--vscode-font-family', 'DejaVu Sans, sans-serif');
          document.documentElement.style.setProperty('--vscode-font-size', '13px');
          document.body.classList.add(bodyClass);
        }, theme);
        const layout = await page.evaluate(() => {
          const cut = (el) => el.scrollWidth > el.clientWidth + 1;
          const right = document.documentElement.clientWidth;
          return {
            pageOverflow: document.documentElement.scrollWidth - right,
            tableHidden: [...document.querySelectorAll('.scroll')].some(cut),
            values: [...document.querySelectorAll('.bars .value')].map((el) => ({
              text: el.textContent,
              cut: cut(el),
              outside: el.getBoundingClientRect().right > right + 1,
            })),
            bars: [...document.querySelectorAll('.bars meter')].map((el) => el.getBoundingClientRect().width),
          };
        });
        if (width <= 640 && layout.tableHidden)
          problems.push(`${width} px ${name}: part of the table is hidden behind a scroll bar`);
        if (layout.pageOverflow > 0)
          problems.push(`${width} px ${name}: the page overflows sideways by ${layout.pageOverflow} px`);
        for (const value of layout.values) {
          if (value.cut || value.outside)
            problems.push(`${width} px ${name}: amount ${value.text} is ${value.cut ? 'cut' : 'outside the column'}`);
        }
        if (layout.bars.some((w) => w < 40)) problems.push(`${width} px ${name}: a bar is narrower than 40 px`);
        longestBar[width] = Math.max(...layout.bars);
        await page.screenshot({ path: join(artifacts, `report-${width}-${name}.png`), fullPage: true });
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (!(longestBar[1200] > longestBar[420] * 1.3))
    problems.push(`bars do not scale with the column (${longestBar[420]} px at 420, ${longestBar[1200]} px at 1,200)`);
  return problems;
}
