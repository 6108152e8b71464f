/** Driving the demo page the way a visitor does: the example menu, the panes, the warning buttons. */
import type { Locator, Page } from 'playwright-core';
import type { PersonId } from '../../demo/scenarios.js';

/** One phone pane. */
export function pane(page: Page, person: PersonId): Locator {
  return page.locator(`#${person}`);
}

/** Brings `person`'s phone (or the server pane) to the front where the screen is narrow enough for tabs. */
export async function show(page: Page, person: PersonId | 'server'): Promise<void> {
  if (await page.locator('.tabs').isVisible()) await page.locator(`#tab-${person}`).click();
}

/** How many items a pane's message list holds now; pass it to {@link itemsSince} after an action. */
export function itemCount(page: Page, person: PersonId): Promise<number> {
  return pane(page, person).locator('.messages > li').count();
}

/** The message list items added after the first `count`, narrowed by `selector` (`'.msg.in'`: received messages). */
export function itemsSince(page: Page, person: PersonId, count: number, selector = ''): Locator {
  return pane(page, person).locator(`.messages > li${selector}:nth-child(n+${count + 1})`);
}

/** Options for {@link playScenario}. */
export interface PlayOptions {
  /** Click "Send now" on outgoing warning cards instead of waiting out their pause. @defaultValue true */
  readonly sendNow?: boolean;
  readonly timeoutMs?: number;
}

/** Plays an example from the "Try an example" menu and waits until the script has finished. */
export async function playScenario(page: Page, id: string, options: PlayOptions = {}): Promise<void> {
  await page.locator('#examples-button').click();
  await page.locator(`[role="menuitem"][data-scenario="${id}"]`).click();
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  while (Date.now() < deadline) {
    if ((await page.locator('body').getAttribute('data-scenario')) === `done:${id}`) return;
    if (options.sendNow ?? true) {
      const sendNow = page.locator('.msg.out[data-state="pending"] [data-choice="proceed"]');
      if (await sendNow.count()) await sendNow.first().click().catch(() => undefined);
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`The example "${id}" did not finish in time.`);
}

/** Waits until `check` passes or the time is up (for things that arrive over the network). */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Types `text` into `person`'s composer and sends it, saying "send anyway" / "send now" to any
 * warning on the way, and waits until it has arrived on `peer`'s phone.
 */
export async function sendThrough(page: Page, person: PersonId, peer: PersonId, text: string): Promise<void> {
  const before = await itemCount(page, peer);
  await show(page, person);
  const composer = pane(page, person).locator('.composer-input');
  await composer.fill(text);
  await composer.press('Enter');
  const waiting = pane(page, person).locator('.nudge [data-choice="proceed"], .msg.out[data-state="pending"] [data-choice="proceed"]');
  await eventually(async () => {
    if (await waiting.count()) await waiting.first().click().catch(() => undefined);
    return (await itemsSince(page, peer, before, '.msg.in[data-state="checked"]').count()) > 0 || undefined;
  }, 15_000, `"${text}" to arrive`);
}
