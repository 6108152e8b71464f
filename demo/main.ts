/**
 * The demo page: two phones, each with its own ChatGuard in a worker and its own keys, talking
 * through the relay, and a third pane with what the servers received. Uses only ChatGuard's public
 * entry (`src/index.ts`).
 */
import { createChatPane, type ChatPane } from './chat-pane.js';
import { h } from './dom.js';
import { SCENARIOS, type PersonId, type Scenario } from './scenarios.js';
import { createServerPane } from './server-pane.js';
import { isLabel, type TextModelConfig } from '../src/index.js';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page lacks #${id}.`);
  return element as T;
}

// ---- toast ------------------------------------------------------------------------------------
const toastElement = byId('toast');
let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(text: string): void {
  toastElement.textContent = text;
  toastElement.dataset['visible'] = 'true';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => delete toastElement.dataset['visible'], 5000);
}

// ---- tabs (narrow screens show one pane at a time) ---------------------------------------------
const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
function selectTab(tab: HTMLButtonElement, focus = false): void {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    const panel = byId(other.getAttribute('aria-controls')!);
    panel.dataset['active'] = String(selected);
    // A hidden pane could not follow new messages; show the latest when it comes to the front.
    const log = panel.querySelector('.messages');
    if (selected && log) log.scrollTop = log.scrollHeight;
  }
  if (focus) tab.focus();
}
for (const [index, tab] of tabs.entries()) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0) selectTab(tabs[(index + step + tabs.length) % tabs.length]!, true);
  });
}
function showPerson(person: PersonId): void {
  selectTab(byId<HTMLButtonElement>(`tab-${person}`));
}

// ---- the phones and the server pane -------------------------------------------------------------
/** The manifest's entry for a transformers.js model folder: its files and their sha256. */
interface ManifestEntry {
  readonly id: string;
  readonly folder?: string;
  readonly labels?: readonly string[];
  readonly files?: readonly { readonly path: string; readonly sha256: string }[];
  readonly metrics?: {
    readonly operating_points?: {
      readonly thresholds?: Readonly<Record<string, number>>;
      readonly validation?: Readonly<Record<string, { readonly precision?: number }>>;
    };
  };
}

/**
 * The in-project Hugging Face model (models/transformers/chatguard-wordpiece-bag), run by transformers.js behind the
 * fast checks when one of them is unsure. Its files are checked against the sha256 digests in models/manifest.json.
 */
async function wordpieceModel(): Promise<TextModelConfig[]> {
  try {
    const response = await fetch(new URL('/models/manifest.json', location.href));
    const manifest = (await response.json()) as { models?: ManifestEntry[] };
    const entry = manifest.models?.find((model) => model.id === 'chatguard-wordpiece-bag');
    if (!entry?.folder || !entry.files || !entry.labels) return [];
    const folder = `${entry.folder}/`;
    // Only the labels it is good at: precision at least 0.8 at its operating point on validation (its hate and
    // threat heads are far weaker, and a max merge would add their false alarms to the demo).
    const points = entry.metrics?.operating_points;
    const good = entry.labels.filter(isLabel).filter((label) => (points?.validation?.[label]?.precision ?? 0) >= 0.8 && (points?.thresholds?.[label] ?? 0) > 0 && (points?.thresholds?.[label] ?? 1) < 1);
    if (good.length === 0) return [];
    return [
      {
        id: entry.id,
        from: new URL(`/models/${folder}`, location.href).href,
        task: 'text-classification',
        labels: Object.fromEntries(good.map((label) => [label, label])),
        run: 'when-uncertain',
        sha256: Object.fromEntries(entry.files.map((file) => [file.path.slice(folder.length), file.sha256])),
        // Its scores are uncalibrated sigmoids; the manifest's operating points map each label's to ChatGuard's 0.5.
        operatingPoints: Object.fromEntries(good.map((label) => [label, points?.thresholds?.[label] ?? 0.5])),
      },
    ];
  } catch {
    return []; // the demo still runs on the built-in checks
  }
}

const common = {
  reportsEndpoint: new URL('/collector/v1/reports', location.href).href,
  modelBaseUrl: new URL('/models/', location.href).href,
  ortWasmPaths: new URL('/ort/', location.href).href,
  photoUrl: new URL('/beach-photo.png', location.href).href,
  toast,
  textModels: await wordpieceModel(),
};
const panes: Readonly<Record<PersonId, ChatPane>> = {
  alex: createChatPane({ ...common, me: 'alex', peer: 'jay', profile: 'teen', root: byId('alex') }),
  jay: createChatPane({ ...common, me: 'jay', peer: 'alex', profile: 'adult', root: byId('jay') }),
};
createServerPane(byId('server'));
void Promise.all([panes.alex.ready, panes.jay.ready]).then(() => (document.body.dataset['ready'] = 'true'));

// ---- "try an example" ---------------------------------------------------------------------------
const menuButton = byId<HTMLButtonElement>('examples-button');
const menu = byId<HTMLUListElement>('examples-menu');
const items = SCENARIOS.map((scenario) =>
  h(
    'li',
    { role: 'none' },
    h(
      'button',
      { type: 'button', role: 'menuitem', tabindex: -1, 'data-scenario': scenario.id, onclick: () => void play(scenario) },
      h('strong', {}, scenario.title),
      h('span', {}, scenario.summary),
    ),
  ),
);
menu.append(...items);
const menuItems = items.map((item) => item.firstElementChild as HTMLButtonElement);

function openMenu(open: boolean, focusIndex = 0): void {
  menu.hidden = !open;
  menuButton.setAttribute('aria-expanded', String(open));
  if (open) menuItems[focusIndex]?.focus();
}
menuButton.addEventListener('click', () => openMenu(menu.hidden));
menuButton.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    openMenu(true);
  }
});
menu.addEventListener('keydown', (event) => {
  const index = menuItems.indexOf(document.activeElement as HTMLButtonElement);
  const move = (to: number) => {
    event.preventDefault();
    menuItems[(to + menuItems.length) % menuItems.length]?.focus();
  };
  if (event.key === 'ArrowDown') move(index + 1);
  else if (event.key === 'ArrowUp') move(index - 1);
  else if (event.key === 'Home') move(0);
  else if (event.key === 'End') move(menuItems.length - 1);
  else if (event.key === 'Escape' || event.key === 'Tab') {
    openMenu(false);
    if (event.key === 'Escape') menuButton.focus();
  }
});
document.addEventListener('click', (event) => {
  if (!menu.hidden && !menu.contains(event.target as Node) && !menuButton.contains(event.target as Node)) openMenu(false);
});

let playing = false;
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plays a scenario through the real composers. A nudge on the sender's phone ends the script there
 * (the visitor decides), unless the step says the sender ignores warnings.
 */
async function play(scenario: Scenario): Promise<void> {
  openMenu(false);
  if (playing) return;
  playing = true;
  menuButton.disabled = true;
  document.body.dataset['scenario'] = `playing:${scenario.id}`;
  try {
    for (const pane of Object.values(panes)) pane.divider(`Example: ${scenario.title}`);
    const first = scenario.expect[0];
    if (first) showPerson(first.on);
    for (const step of scenario.steps) {
      const sender = panes[step.from];
      const receiver = panes[step.from === 'alex' ? 'jay' : 'alex'];
      const outcome = await sender.typeAndSend(step.text, step.image !== undefined);
      let status = outcome.status;
      if (status === 'held' || status === 'pending') {
        if (status === 'held' && !step.ignoresWarning) {
          showPerson(step.from);
          break;
        }
        if (step.ignoresWarning) {
          await pause(1200);
          sender.proceedPending();
        }
        status = (await within(sender.settled(outcome.id), 15_000)) ?? 'failed';
      }
      if (status !== 'sent') break;
      await within(receiver.received(outcome.id), 15_000);
      await pause(400);
    }
  } finally {
    playing = false;
    menuButton.disabled = false;
    document.body.dataset['scenario'] = `done:${scenario.id}`;
  }
}
