/**
 * Renders a verdict's warnings: the words come from the verdict (`reasons[].message`, `help`), the
 * buttons from `verdict.choices`. Nothing here decides whether a message is risky; it only decides
 * how to show what the guard said.
 */
import type { Choice, Label, LinkVerdict, Verdict } from '../src/index.js';
import { h, uid } from './dom.js';
import { icon, type IconName } from './icons.js';

/** The card a verdict gets, if any. */
export type CardKind = 'safety' | 'support' | 'scam' | 'link' | 'warning';

const SAFETY: readonly Label[] = ['grooming', 'sextortion', 'threat'];

/** Which card a verdict shows, most serious first; `null` for none. */
export function cardKind(verdict: Verdict): CardKind | null {
  if (verdict.action === 'allow' || verdict.flags.length === 0) return null;
  const has = (labels: readonly Label[]) => verdict.flags.some((flag) => labels.includes(flag));
  if (has(SAFETY)) return 'safety';
  if (has(['self_harm'])) return 'support';
  if (has(['scam', 'spam'])) return 'scam';
  if (verdict.flags.every((flag) => flag === 'malicious_link')) return 'link';
  return 'warning';
}

const TITLES: Readonly<Record<CardKind, Readonly<Record<Verdict['direction'], string>>>> = {
  safety: { incoming: 'This chat may not be safe', outgoing: 'Before you send this' },
  support: { incoming: 'Your friend may need support', outgoing: 'You are not alone' },
  scam: { incoming: 'This looks like a scam', outgoing: 'This looks like a scam message' },
  link: { incoming: 'A link here looks dangerous', outgoing: 'A link here looks dangerous' },
  warning: { incoming: 'Heads up', outgoing: 'Rethink before sending?' },
};

/** A short title for a card. */
export function cardTitle(kind: CardKind, verdict: Verdict): string {
  if (kind === 'safety' && verdict.direction === 'incoming' && verdict.flags.includes('sextortion')) return 'Someone may be trying to blackmail you';
  return TITLES[kind][verdict.direction];
}

/** Labels in the order their reasons are shown: what most needs reading first. */
const SEVERITY: readonly Label[] = ['sextortion', 'grooming', 'threat', 'self_harm', 'malicious_link', 'scam', 'nudity', 'sexual', 'hate', 'harassment', 'pii', 'spam'];

/** The distinct reason sentences for the flagged labels, most serious first, then partial-check notes. */
export function reasonMessages(verdict: Verdict): string[] {
  const rank = (label: Label | undefined) => (label === undefined ? SEVERITY.length : SEVERITY.indexOf(label));
  const shown = verdict.reasons
    .filter((reason) => reason.label === undefined || verdict.flags.includes(reason.label) || reason.code.startsWith('system.'))
    .map((reason, index) => ({ reason, index }))
    .sort((a, b) => rank(a.reason.label) - rank(b.reason.label) || a.index - b.index);
  return [...new Set(shown.map(({ reason }) => reason.message))];
}

/** How many reasons a card shows before "more reasons". */
const REASONS_SHOWN = 2;

function reasonList(messages: readonly string[], id: string): HTMLElement {
  const first = h('ul', { class: 'reasons', id }, ...messages.slice(0, REASONS_SHOWN).map((message) => h('li', {}, message)));
  const rest = messages.slice(REASONS_SHOWN);
  if (rest.length === 0) return first;
  return h(
    'div',
    {},
    first,
    h('details', { class: 'more-reasons' }, h('summary', {}, `${rest.length} more reason${rest.length === 1 ? '' : 's'}`), h('ul', { class: 'reasons' }, ...rest.map((message) => h('li', {}, message)))),
  );
}

/** Where a card is shown, which changes what a choice is called. */
export type Context = 'incoming' | 'outgoing-nudge' | 'outgoing-sent' | 'link' | 'blur';

/** The button text for a choice in a context. `peer` is the other person's name. */
export function choiceLabel(choice: Choice, context: Context, peer: string): string {
  switch (choice) {
    case 'proceed':
      return { incoming: 'Dismiss', 'outgoing-nudge': 'Send anyway', 'outgoing-sent': 'Send now', link: 'Open anyway', blur: 'Show anyway' }[context];
    case 'cancel':
      return { incoming: 'Cancel', 'outgoing-nudge': 'Edit message', 'outgoing-sent': 'Don’t send', link: 'Go back', blur: 'Cancel' }[context];
    case 'block_sender':
      return `Block ${peer}`;
    case 'report':
      return 'Report';
    case 'get_help':
      return 'Get help';
  }
}

/** A list of help resources (from `verdict.help`), hidden until "Get help" is pressed. */
function helpPanel(verdict: Verdict): HTMLElement {
  return h(
    'div',
    { class: 'help', hidden: true },
    ...verdict.help.map((resource) => h('section', { class: 'help-item' }, h('h4', {}, resource.title), h('p', {}, resource.text))),
  );
}

const CHOICE_ORDER: readonly Choice[] = ['get_help', 'cancel', 'block_sender', 'report', 'proceed'];

/** Choices in the order a card shows them: help and the safe way out first, "proceed" last. */
export function orderChoices(choices: readonly Choice[]): Choice[] {
  return CHOICE_ORDER.filter((choice) => choices.includes(choice));
}

/** What a card's buttons do. `choose` resolves when the choice has been handled. */
export interface CardOptions {
  readonly verdict: Verdict;
  readonly kind: CardKind;
  readonly context: Context;
  readonly peer: string;
  /** Choices to show, in this order; defaults to `verdict.choices`. */
  readonly choices?: readonly Choice[];
  readonly choose: (choice: Choice) => void;
  /** Render as an alertdialog (it asks a question before something happens) rather than an alert. */
  readonly dialog?: boolean;
}

/**
 * A warning card: title, the verdict's reasons, help resources, and a button per choice. Safe
 * choices come first, so a keyboard user lands on them.
 */
export function warningCard(options: CardOptions): HTMLElement {
  const { verdict, kind, context, peer } = options;
  const titleId = uid('warning-title');
  const bodyId = uid('warning-body');
  const help = verdict.help.length > 0 ? helpPanel(verdict) : null;
  const choices = options.choices ?? orderChoices(verdict.choices);
  const buttons = choices.map((choice) =>
    h(
      'button',
      {
        type: 'button',
        class: `choice choice-${choice}`,
        'data-choice': choice,
        ...(choice === 'get_help' ? { 'aria-expanded': 'false' } : {}),
        onclick: (event) => {
          if (choice === 'get_help' && help) {
            help.hidden = !help.hidden;
            (event.currentTarget as HTMLElement).setAttribute('aria-expanded', String(!help.hidden));
          }
          options.choose(choice);
        },
      },
      choiceLabel(choice, context, peer),
    ),
  );
  return h(
    'div',
    {
      class: `warning warning-${kind}`,
      role: options.dialog ? 'alertdialog' : 'alert',
      'aria-labelledby': titleId,
      'aria-describedby': bodyId,
      'data-kind': kind,
      'data-flags': verdict.flags.join(' '),
    },
    h('h3', { class: 'warning-title', id: titleId }, icon(ICONS[kind], 16), cardTitle(kind, verdict)),
    reasonList(reasonMessages(verdict), bodyId),
    help,
    h('div', { class: 'choices' }, ...buttons),
  );
}

const ICONS: Readonly<Record<CardKind, IconName>> = { safety: 'shield', support: 'heart', scam: 'alert', link: 'link', warning: 'hand' };

/** The link verdicts that deserve an interstitial. */
export function riskyLinks(verdict: Verdict): LinkVerdict[] {
  return verdict.links.filter((link) => link.verdict !== 'safe');
}

/**
 * The "before you open this link" interstitial: a modal alertdialog listing why the link looks
 * dangerous. Resolves with the user's choice; Escape is "Go back".
 */
export function linkInterstitial(verdict: Verdict, link: LinkVerdict, peer: string): Promise<'proceed' | 'cancel'> {
  return new Promise((resolve) => {
    const titleId = uid('link-title');
    const bodyId = uid('link-body');
    const linkReasons = verdict.reasons.filter((reason) => reason.label === 'malicious_link').map((reason) => reason.message);
    const dialog = h(
      'dialog',
      { class: 'interstitial', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'aria-describedby': bodyId, 'data-verdict': link.verdict },
      h('h2', { id: titleId }, link.verdict === 'malicious' ? 'This link looks dangerous' : 'This link looks suspicious'),
      h(
        'div',
        { id: bodyId },
        h('p', { class: 'link-url' }, link.url),
        h(
          'ul',
          { class: 'reasons' },
          ...[...new Set(linkReasons.length > 0 ? linkReasons : ['ChatGuard checked this link on your device and it does not look safe.'])].map((text) => h('li', {}, text)),
        ),
        link.reasons.length > 0 && h('p', { class: 'codes' }, `Signals: ${link.reasons.join(', ')}`),
        h('p', {}, `${peer} sent it. If you were not expecting it, do not enter passwords, codes or card details.`),
      ),
      h(
        'div',
        { class: 'choices' },
        h('button', { type: 'button', class: 'choice choice-cancel', 'data-choice': 'cancel', autofocus: true, onclick: () => close('cancel') }, choiceLabel('cancel', 'link', peer)),
        h('button', { type: 'button', class: 'choice choice-proceed', 'data-choice': 'proceed', onclick: () => close('proceed') }, choiceLabel('proceed', 'link', peer)),
      ),
    );
    function close(choice: 'proceed' | 'cancel'): void {
      dialog.close();
      dialog.remove();
      resolve(choice);
    }
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close('cancel');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
