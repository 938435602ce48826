// Drives the VS Code web workbench in headless Chromium (playwright-core, the system browser — nothing downloaded).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './codeServer.mjs';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function openBrowser(stateDir, name) {
  const profile = join(stateDir, `chromium-${name}`);
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: chromiumArgs,
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

function workbenchUrl(host, folder, payload) {
  return `http://${host}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Loads the workbench in automation mode: it starts the extension host with the extension under development and
 * runs the tests module's run(); the workbench then calls window.codeAutomationExit(code).
 */
export async function runSuite({ host, stateDir, extensionPath, testsPath, folder, timeoutMs, log }) {
  const { context, page } = await openBrowser(stateDir, 'suite');
  try {
    let finish;
    const exited = new Promise((resolveExit) => (finish = resolveExit));
    await page.exposeFunction('codeAutomationLog', (type, args) => log(type, args));
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    const remote = (path) => `vscode-remote://${host}${path}`;
    await page.goto(
      workbenchUrl(host, folder, [
        ['extensionDevelopmentPath', remote(extensionPath)],
        ['extensionTestsPath', remote(testsPath)],
        ['skipWelcome', 'true'],
      ]),
    );
    let timer;
    const timedOut = new Promise((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const shot = join(stateDir, 'timeout.png');
      await page.screenshot({ path: shot, timeout: 5_000 }).catch(() => {});
      return { code: 124, timedOut: true, shot };
    }
    return { code: outcome, timedOut: false };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * Opens `file` with the extension under development loaded and saves a screenshot once an element matching
 * `selector` (by default a lens) shows `waitForText`; returns the texts of all elements matching it.
 */
export async function screenshotFile({
  host,
  stateDir,
  extensionPath,
  folder,
  file,
  out,
  waitForText,
  timeoutMs,
  selector = '.codelens-decoration',
}) {
  const { context, page } = await openBrowser(stateDir, 'screenshot');
  try {
    const remote = (path) => `vscode-remote://${host}${path}`;
    await page.goto(
      workbenchUrl(host, folder, [
        ['extensionDevelopmentPath', remote(extensionPath)],
        ['openFile', remote(file)],
        ['skipWelcome', 'true'],
      ]),
    );
    await page.waitForFunction(
      ([match, text]) => [...document.querySelectorAll(match)].some((el) => el.textContent?.includes(text)),
      [selector, waitForText],
      { timeout: timeoutMs },
    );
    await page.waitForTimeout(1_000); // let the lens fade-in and the status bar settle
    const texts = await page.$$eval(selector, (els) => els.map((el) => el.textContent ?? ''));
    mkdirSync(join(out, '..'), { recursive: true });
    await page.screenshot({ path: out });
    return texts;
  } finally {
    await context.close().catch(() => {});
  }
}
