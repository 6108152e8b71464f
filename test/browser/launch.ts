/**
 * Starts Debian's Chromium through playwright-core: headless, offline-friendly, a fresh profile each time.
 * The one launcher for the browser tests and the Chromium benchmarks (bench/lib/chromium.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Chromium is; `CHROMIUM_PATH` overrides. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** A launched browser and the cleanup of its profile. */
export interface LaunchedBrowser {
  /** The one context of the persistent profile; pages, requests and workers all go through it. */
  readonly context: BrowserContext;
  /** The temporary profile directory (the benchmarks find the renderer's process by it). */
  readonly profile: string;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh temporary user-data dir (Playwright takes it as the persistent
 * context's directory, its way of passing `--user-data-dir`) and no background networking.
 */
export async function launchChromium(viewport = { width: 1280, height: 800 }, profilePrefix = 'chatguard-chromium-'): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), profilePrefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    profile,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
