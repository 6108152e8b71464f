/**
 * One person's phone: their own ChatGuard (its own worker), their own keys and their own report
 * outbox. Outgoing text is checked before it is encrypted; incoming text after it is decrypted,
 * and it is shown only once the guard has answered.
 */
import {
  createGuard,
  createHttpTransport,
  createMemoryStorage,
  createOutbox,
  isGuardError,
  PROFILES,
  type Choice,
  type Decision,
  type Guard,
  type LinkVerdict,
  type Message,
  type ModelProgress,
  type Profile,
  type TextModelConfig,
  type Verdict,
} from '../src/index.js';
import type { Envelope } from '../server/relay/envelope.js';
import { h } from './dom.js';
import { icon } from './icons.js';
import { createIdentity, createSession, open, seal, type Identity, type Session } from './e2ee.js';
import { displayedLinks, metaLine, textWithLinks, verdictDetails } from './message-view.js';
import { decodePayload, encodePayload, type Payload } from './payload.js';
import { connectRelay, publishKey, sendEnvelope } from './relay-client.js';
import { PEOPLE, type PersonId } from './scenarios.js';
import { cardKind, linkInterstitial, orderChoices as order, warningCard, type CardKind } from './warnings.js';

/** Where the page's servers are. */
export interface PaneOptions {
  readonly me: PersonId;
  readonly peer: PersonId;
  readonly profile: Profile;
  readonly root: HTMLElement;
  /** The collector endpoint reports are POSTed to. */
  readonly reportsEndpoint: string;
  /** Where the shipped models are served. */
  readonly modelBaseUrl: string;
  /** Where onnxruntime's wasm files are served (this origin, never a CDN). */
  readonly ortWasmPaths: string;
  readonly photoUrl: string;
  readonly toast: (text: string) => void;
  /** Hugging Face models to run behind the fast checks (transformers.js in the worker). @defaultValue none */
  readonly textModels?: readonly TextModelConfig[];
}

/**
 * What a send came to, and the message's id (also the envelope's). `held`: a "rethink" nudge waits
 * for the sender; `pending`: a warning card's short pause runs before it goes.
 */
export interface SendOutcome {
  readonly status: 'sent' | 'held' | 'pending' | 'cancelled' | 'failed';
  readonly id: string;
}

/** A phone pane. */
export interface ChatPane {
  /** Resolves when the keys are agreed and the guard's models are loaded. */
  readonly ready: Promise<void>;
  /** Types `text` into the composer (visibly) and sends it, as a person would. */
  typeAndSend(text: string, withPhoto?: boolean): Promise<SendOutcome>;
  /** Resolves once the message with `id` has arrived and been checked here. */
  received(id: string): Promise<void>;
  /** Resolves with how a held or pending message of ours ended: `sent`, `cancelled` or `failed`. */
  settled(id: string): Promise<SendOutcome['status']>;
  /** Chooses "send anyway" / "send now" on whatever is waiting, as a sender who ignores the warning would. */
  proceedPending(): void;
  setProfile(profile: Profile): Promise<void>;
  divider(title: string): void;
  dispose(): void;
}

const DECISION_FOR: Readonly<Record<Exclude<Choice, 'get_help'>, Decision>> = {
  proceed: 'proceeded',
  cancel: 'cancelled',
  block_sender: 'blocked',
  report: 'reported',
};
const SEND_DELAY_MS = 5000;

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Builds a pane into `root` and connects it. */
export function createChatPane(options: PaneOptions): ChatPane {
  const me = PEOPLE[options.me];
  const peer = PEOPLE[options.peer];
  const outbox = createOutbox({
    storage: createMemoryStorage(),
    transport: createHttpTransport({ endpoint: options.reportsEndpoint }),
    flushDelayMs: 250,
  });
  outbox.start();
  // Bytes read so far and in all, per model file, for the progress bar (transformers.js models report them).
  const files = new Map<string, { loaded: number; total: number }>();
  const onProgress = (event: ModelProgress): void => showProgress(event);
  const guard: Guard = createGuard({
    profile: options.profile,
    modelBaseUrl: options.modelBaseUrl,
    ort: { wasmPaths: options.ortWasmPaths },
    outbox,
    ...(options.textModels ? { textModels: options.textModels, onProgress } : {}),
  });
  let profile = options.profile;
  let session: Session | undefined;
  let identity: Identity | undefined;
  let blocked = false;
  // Each example starts a new conversation, so one example's history does not colour the next one's verdicts.
  let conversations = 1;
  let conversation = `demo-${me.id}-${conversations}`;
  const arrived = new Map<string, () => void>();
  const arrivedIds = new Set<string>();

  // ---- the markup -------------------------------------------------------------------------
  const profileSelect = h(
    'select',
    { class: 'profile', 'aria-label': `${me.name}'s ChatGuard profile` },
    ...PROFILES.map((value) => h('option', { value, ...(value === profile ? { selected: true } : {}) }, value[0]!.toUpperCase() + value.slice(1))),
  );
  profileSelect.addEventListener('change', () => void setProfile(profileSelect.value as Profile));
  const e2eeStatus = h('span', { class: 'e2ee-status' }, 'Agreeing on keys…');
  const safetyNumber = h('p', { class: 'safety-number' }, '');
  const progress = h('progress', { class: 'model-progress', 'aria-label': 'Loading on-device models' });
  const modelText = h('span', {}, 'Loading ChatGuard’s on-device models…');
  const modelStatus = h('div', { class: 'model-status', role: 'status' }, progress, modelText);
  function showProgress(event: ModelProgress): void {
    if (event.status === 'progress' && event.file !== undefined && event.total !== undefined) {
      files.set(`${event.model}/${event.file}`, { loaded: event.loaded ?? 0, total: event.total });
      let loaded = 0;
      let total = 0;
      for (const file of files.values()) {
        loaded += file.loaded;
        total += file.total;
      }
      // From indeterminate to a real bar once bytes are known.
      progress.max = total;
      progress.value = loaded;
      modelStatus.dataset['progress'] = `${loaded}/${total}`;
      modelText.textContent = `Loading ChatGuard’s on-device models… ${event.model}: ${(loaded / 1048576).toFixed(1)} of ${(total / 1048576).toFixed(1)} MB`;
    } else if (event.status === 'ready' || event.status === 'error') {
      modelStatus.dataset['hfModel'] = `${event.model}:${event.status}`;
    }
  }
  const log = h('ol', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': `Messages on ${me.name}'s phone` });
  const nudgeSlot = h('div', { class: 'nudge-slot' });
  const input = h('textarea', { class: 'composer-input', rows: 1, placeholder: 'Message', 'aria-label': `Message to ${peer.name}`, autocomplete: 'off' });
  const photoChip = h('div', { class: 'attachment', hidden: true }, h('img', { src: options.photoUrl, alt: 'Photo to send: a beach' }), h('button', { type: 'button', 'aria-label': 'Remove photo', onclick: () => attachPhoto(false) }, icon('close')));
  const photoButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Attach the sample photo', title: 'Attach a photo', onclick: () => attachPhoto(true) }, icon('camera', 20));
  const sendButton = h('button', { type: 'submit', class: 'send-button', 'aria-label': 'Send' }, icon('send', 20));
  const form = h('form', { class: 'composer' }, photoButton, input, sendButton);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendFromComposer();
  });
  // The composer grows with its text, up to the CSS max-height.
  const fit = () => {
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight + 2}px`;
  };
  input.addEventListener('input', fit);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void sendFromComposer();
    }
  });
  options.root.replaceChildren(
    h(
      'header',
      { class: 'phone-header' },
      h('div', { class: 'avatar', 'aria-hidden': 'true' }, peer.avatar),
      h(
        'div',
        { class: 'who' },
        h('h2', {}, peer.name, h('span', { class: 'role' }, ` · ${peer.role}`)),
        h('details', { class: 'e2ee' }, h('summary', {}, e2eeStatus), safetyNumber),
      ),
      h('label', { class: 'profile-label' }, h('span', { class: 'visually-hidden' }, 'Profile'), profileSelect),
    ),
    modelStatus,
    log,
    nudgeSlot,
    photoChip,
    form,
  );
  let withPhoto = false;
  function attachPhoto(on: boolean): void {
    withPhoto = on;
    photoChip.hidden = !on;
  }

  function system(text: string, extra?: HTMLElement): void {
    log.append(h('li', { class: 'system' }, text, extra ? ' ' : '', extra ?? ''));
    scroll();
  }

  function scroll(): void {
    log.scrollTop = log.scrollHeight;
  }

  // ---- keys and the relay ------------------------------------------------------------------
  let resolveKeys!: () => void;
  const keysAgreed = new Promise<void>((resolve) => (resolveKeys = resolve));
  const closeRelay = connectRelay(me.id, {
    onKey: (key) => {
      if (key.user !== peer.id || !identity) return;
      void createSession(identity, peer.id, key.publicKey).then((next) => {
        const changed = session !== undefined && session.safetyNumber !== next.safetyNumber;
        session = next;
        e2eeStatus.replaceChildren(icon('lock', 12), ' End-to-end encrypted');
        safetyNumber.textContent = `Safety number: ${next.safetyNumber}. Compare it with ${peer.name}'s phone: the server cannot read or change these messages.`;
        if (changed) system(`${peer.name}'s keys changed.`);
        resolveKeys();
      });
    },
    onEnvelope: (envelope) => void receive(envelope),
  });
  const keys = createIdentity(me.id).then(async (created) => {
    identity = created;
    await publishKey(me.id, created.publicKey);
  });

  // ---- models ----------------------------------------------------------------------------
  const started = performance.now();
  const models = guard
    .ready()
    // A warm-up check of nothing: it lists the detectors that are running, for the status line.
    .then(() => guard.checkOutgoing({ text: '' }))
    .then((verdict) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const extra = (options.textModels ?? []).map((model) => `hf:${model.id}`);
      const detectors = [...Object.keys(verdict.versions), ...extra];
      progress.remove();
      modelStatus.dataset['detectors'] = detectors.join(' ');
      modelStatus.dataset['state'] = 'ready';
      modelText.textContent = detectors.length > 0 ? `ChatGuard is on · ${detectors.length} checks loaded on this phone in ${seconds} s` : 'ChatGuard is on, but no detectors are loaded yet';
      modelText.title = detectors.join(', ');
    })
    .catch((error: unknown) => {
      progress.remove();
      modelStatus.dataset['state'] = 'failed';
      modelStatus.setAttribute('role', 'alert');
      modelText.textContent = `Models could not load (${isGuardError(error) ? error.code : 'error'}); each message will retry.`;
    });
  const ready = Promise.all([keys, keysAgreed, models]).then(() => undefined);

  async function decide(verdict: Verdict, choice: Choice, textLength: number): Promise<void> {
    if (choice === 'get_help') return;
    const decision = choice === 'proceed' && verdict.direction === 'incoming' && verdict.action === 'warn' ? 'dismissed' : DECISION_FOR[choice];
    const reportsPeer = choice === 'block_sender' || choice === 'report';
    try {
      await guard.recordDecision(verdict, decision, { conversationId: conversation, textLength, ...(reportsPeer ? { counterpartAccountId: peer.id } : {}) });
      if (choice === 'report') options.toast(`Reported ${peer.name}. Only a metadata-only report left ${me.name}'s phone: no text, no links.`);
    } catch (error) {
      options.toast(`The decision could not be recorded (${isGuardError(error) ? error.code : 'error'}).`);
    }
    if (choice === 'block_sender') block(true);
  }

  function block(on: boolean): void {
    blocked = on;
    if (on) system(`You blocked ${peer.name}. Their messages will not be shown.`, h('button', { type: 'button', class: 'linkish', onclick: () => block(false) }, 'Unblock'));
    else system(`You unblocked ${peer.name}.`);
  }

  // ---- sending ---------------------------------------------------------------------------
  let sending = false;
  /** Messages waiting on a nudge or an undo window, and who to tell once they are sent. */
  const settled = new Map<string, (status: SendOutcome['status']) => void>();
  const outcomes = new Map<string, SendOutcome['status']>();

  function finish(id: string, status: SendOutcome['status']): SendOutcome {
    outcomes.set(id, status);
    settled.get(id)?.(status);
    settled.delete(id);
    return { status, id };
  }

  function clearComposer(): void {
    input.value = '';
    fit();
    attachPhoto(false);
  }

  async function sendFromComposer(): Promise<SendOutcome> {
    const text = input.value.trim();
    if ((text === '' && !withPhoto) || sending) return { status: 'failed', id: '' };
    sending = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const photo = withPhoto ? await loadPhoto() : undefined;
      const outcome = await send(text, photo);
      if (outcome.status === 'sent' || outcome.status === 'pending') clearComposer();
      return outcome;
    } finally {
      sending = false;
      form.removeAttribute('aria-busy');
    }
  }

  async function loadPhoto(): Promise<Blob> {
    const response = await fetch(options.photoUrl);
    return response.blob();
  }

  /**
   * Checks a message before encryption. `allow` sends it now; `confirm` holds it behind a
   * "rethink" nudge (resolves `held`); `warn` shows its card and sends after a short pause
   * (resolves `pending`). Nothing is encrypted or sent before the check has answered.
   */
  async function send(text: string, photo: Blob | undefined): Promise<SendOutcome> {
    const id = crypto.randomUUID();
    const sentAt = Date.now();
    const message: Message = {
      id,
      text,
      conversationId: conversation,
      senderId: me.id,
      sentAt,
      ...(photo ? { attachments: [{ type: 'image' as const, data: photo }] } : {}),
    };
    let verdict: Verdict;
    const checking = performance.now();
    try {
      verdict = await guard.checkOutgoing(message);
    } catch (error) {
      options.toast(`ChatGuard could not check this message (${isGuardError(error) ? error.code : 'error'}); it was not sent.`);
      return finish(id, 'failed');
    }
    const elapsed = performance.now() - checking;
    const payload: Payload = photo ? { text, image: { mime: photo.type || 'image/png', bytes: new Uint8Array(await photo.arrayBuffer()) } } : { text };
    const kind = cardKind(verdict);
    if (verdict.action === 'confirm' || verdict.action === 'blur') {
      void nudge(verdict, kind ?? 'warning', text.length).then(async (choice) => {
        if (choice === 'cancel') {
          input.focus();
          return finish(id, 'cancelled');
        }
        const outcome = await transmit(id, payload, outgoingBubble(payload, verdict, elapsed, sentAt));
        if (outcome.status === 'sent' && input.value.trim() === text) clearComposer();
        return outcome;
      });
      return { status: 'held', id };
    }
    const bubble = outgoingBubble(payload, verdict, elapsed, sentAt);
    if (verdict.action === 'warn' && kind) {
      // A supportive warning never blocks: the message goes after a short pause the person can cut short or cancel.
      void undoWindow(bubble, verdict, kind, text.length).then((choice) => {
        if (choice === 'proceed') return transmit(id, payload, bubble);
        bubble.remove();
        system('Not sent.');
        return finish(id, 'cancelled');
      });
      return { status: 'pending', id };
    }
    return transmit(id, payload, bubble);
  }

  /** Encrypts and hands the envelope to the relay. */
  async function transmit(id: string, payload: Payload, bubble: HTMLElement): Promise<SendOutcome> {
    try {
      if (!session) await keysAgreed;
      const envelope = await seal(session!, encodePayload(payload), id);
      await sendEnvelope(envelope);
      bubble.dataset['state'] = 'sent';
      return finish(id, 'sent');
    } catch (error) {
      bubble.dataset['state'] = 'failed';
      options.toast(`Not delivered: ${(error as Error).message}`);
      return finish(id, 'failed');
    }
  }

  function nudge(verdict: Verdict, kind: CardKind, textLength: number): Promise<'proceed' | 'cancel'> {
    return new Promise((resolve) => {
      const card = warningCard({
        verdict,
        kind,
        context: 'outgoing-nudge',
        peer: peer.name,
        dialog: true,
        choose: (choice) => {
          if (choice === 'get_help') return;
          void decide(verdict, choice, textLength);
          card.remove();
          resolve(choice === 'proceed' ? 'proceed' : 'cancel');
        },
      });
      card.classList.add('nudge');
      card.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') (card.querySelector('[data-choice="cancel"]') as HTMLButtonElement | null)?.click();
      });
      nudgeSlot.replaceChildren(card);
      (card.querySelector('[data-choice="cancel"]') as HTMLButtonElement | null)?.focus();
    });
  }

  function undoWindow(bubble: HTMLElement, verdict: Verdict, kind: CardKind, textLength: number): Promise<'proceed' | 'cancel'> {
    return new Promise((resolve) => {
      bubble.dataset['state'] = 'pending';
      let done = false;
      const settle = (choice: 'proceed' | 'cancel') => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        for (const button of card.querySelectorAll<HTMLButtonElement>('[data-choice="proceed"], [data-choice="cancel"]')) button.remove();
        resolve(choice);
      };
      const card = warningCard({
        verdict,
        kind,
        context: 'outgoing-sent',
        peer: peer.name,
        choose: (choice) => {
          if (choice === 'get_help') return;
          void decide(verdict, choice, textLength);
          settle(choice === 'cancel' ? 'cancel' : 'proceed');
        },
      });
      const timer = setTimeout(() => settle('proceed'), SEND_DELAY_MS);
      bubble.prepend(card);
      scroll();
    });
  }

  function outgoingBubble(payload: Payload, verdict: Verdict, elapsed: number, sentAt: number): HTMLElement {
    const li = h('li', { class: 'msg out', 'data-action': verdict.action, 'data-flags': verdict.flags.join(' ') });
    const bubble = h('div', { class: 'bubble' });
    if (payload.image) bubble.append(imageElement(payload.image, 'Photo you sent'));
    if (payload.text) bubble.append(h('p', { class: 'text' }, textWithLinks(payload.text, verdict, (url, link) => void openLink(url, link, verdict, payload.text.length))));
    li.append(bubble, metaLine(sentAt), verdictDetails(verdict, elapsed));
    log.append(li);
    scroll();
    return li;
  }

  function imageElement(image: NonNullable<Payload['image']>, alt: string): HTMLImageElement {
    const url = URL.createObjectURL(new Blob([image.bytes], { type: image.mime }));
    return h('img', { class: 'photo', src: url, alt });
  }

  async function openLink(url: string, link: LinkVerdict | undefined, verdict: Verdict, textLength: number): Promise<void> {
    if (link && link.verdict !== 'safe') {
      const choice = await linkInterstitial(verdict, link, peer.name);
      void decide(verdict, choice, textLength);
      if (choice === 'cancel') return;
    }
    options.toast(`The demo does not open links (${url}). In a real app it would open now.`);
  }

  // ---- receiving -------------------------------------------------------------------------
  async function receive(envelope: Envelope): Promise<void> {
    if (envelope.from !== peer.id || envelope.to !== me.id) return;
    if (blocked) return markArrived(envelope.id);
    if (!session) await keysAgreed;
    const li = h('li', { class: 'msg in', 'data-id': envelope.id, 'data-state': 'checking' }, h('div', { class: 'bubble checking' }, 'Checking on this phone…'));
    log.append(li);
    scroll();
    let payload: Payload;
    try {
      payload = decodePayload(await open(session!, envelope));
    } catch {
      li.replaceChildren(h('div', { class: 'bubble failed' }, 'This message could not be decrypted.'));
      return markArrived(envelope.id);
    }
    const sentAt = Date.now();
    const message: Message = {
      id: envelope.id,
      text: payload.text,
      conversationId: conversation,
      senderId: peer.id,
      senderIsContact: false,
      sentAt,
      ...(payload.image ? { attachments: [{ type: 'image' as const, data: new Blob([payload.image.bytes], { type: payload.image.mime }) }] } : {}),
    };
    const checking = performance.now();
    let verdict: Verdict | undefined;
    try {
      verdict = await guard.checkIncoming(message);
    } catch (error) {
      li.dataset['error'] = isGuardError(error) ? error.code : 'error';
    }
    renderIncoming(li, payload, verdict, performance.now() - checking, sentAt);
    markArrived(envelope.id);
  }

  function renderIncoming(li: HTMLElement, payload: Payload, verdict: Verdict | undefined, elapsed: number, sentAt: number): void {
    const textLength = payload.text.length;
    const bubble = h('div', { class: 'bubble' });
    const content = h('div', { class: 'content' });
    if (payload.image) content.append(imageElement(payload.image, `Photo from ${peer.name}`));
    if (payload.text) content.append(h('p', { class: 'text' }, textWithLinks(payload.text, verdict, (url, link) => void openLink(url, link, verdict!, textLength))));
    li.dataset['state'] = 'checked';
    if (!verdict) {
      // The check failed: say so, and keep the content behind a tap rather than pretend it is safe.
      li.replaceChildren(bubble, metaLine(sentAt, 'not checked'));
      bubble.append(h('p', { class: 'warning-inline', role: 'alert' }, 'ChatGuard could not check this message.'), hidden(content, 'Show message', () => undefined));
      return;
    }
    li.dataset['action'] = verdict.action;
    li.dataset['flags'] = verdict.flags.join(' ');
    li.dataset['choices'] = verdict.choices.join(' ');
    li.dataset['detectors'] = Object.keys(verdict.versions).join(' ');
    li.dataset['degraded'] = String(verdict.degraded);
    li.dataset['skipped'] = (verdict.skipped ?? []).map((skip) => `${skip.model}:${skip.reason}`).join(' ');
    const kind = cardKind(verdict);
    if (kind) li.dataset['kind'] = kind;
    const imageUnchecked = payload.image !== undefined && verdict.reasons.some((reason) => reason.code === 'system.image_not_checked');
    if (verdict.action === 'blur') {
      li.dataset['blurred'] = 'true';
      const card = warningCard({
        verdict,
        kind: kind ?? 'warning',
        context: 'blur',
        peer: peer.name,
        choices: order(verdict.choices.filter((choice) => choice !== 'cancel')),
        choose: (choice) => {
          void decide(verdict, choice, textLength);
          if (choice !== 'proceed') return;
          reveal();
          card.classList.add('dismissed');
        },
      });
      const label = h('span', { class: 'cover-label', 'aria-hidden': 'true' }, icon('eyeOff', 14), ' Hidden by ChatGuard');
      const { wrap, reveal } = blurred(content, label);
      bubble.append(card, wrap);
    } else if (imageUnchecked) {
      // A partial verdict never reads as "safe": an image the guard could not check stays covered until tapped.
      li.dataset['blurred'] = 'true';
      const note = h('p', { class: 'warning-inline', role: 'alert', 'data-kind': 'image' }, 'ChatGuard could not check this image on this phone, so it is covered.');
      bubble.append(note, hidden(content, 'Show image', () => note.remove()));
    } else {
      // "Cancel" belongs to the link interstitial (going back instead of opening), not to the banner.
      const choices = verdict.choices.filter((choice) => choice !== 'cancel');
      if (kind) bubble.append(warningCard({ verdict, kind, context: 'incoming', peer: peer.name, choices: order(choices), choose: (choice) => onCardChoice(choice) }));
      bubble.append(content);
    }
    function onCardChoice(choice: Choice): void {
      void decide(verdict!, choice, textLength);
      if (choice === 'proceed') bubble.querySelector('.warning')?.classList.add('dismissed');
    }
    li.replaceChildren(bubble, metaLine(sentAt), verdictDetails(verdict, elapsed));
    scroll();
  }

  /** Wraps `content` blurred under `cover`; `reveal` unblurs it. The hidden content is inert and out of the accessibility tree. */
  function blurred(content: HTMLElement, cover: HTMLElement): { readonly wrap: HTMLElement; reveal(): void } {
    content.classList.add('blurred');
    content.setAttribute('aria-hidden', 'true');
    content.inert = true;
    const layer = h('div', { class: 'cover' }, cover);
    const wrap = h('div', { class: 'blur-wrap' }, content, layer);
    return {
      wrap,
      reveal() {
        content.classList.remove('blurred');
        content.removeAttribute('aria-hidden');
        content.inert = false;
        layer.remove();
        wrap.closest('li')?.setAttribute('data-blurred', 'revealed');
      },
    };
  }

  /** `content` blurred behind one button. */
  function hidden(content: HTMLElement, label: string, onReveal: () => void): HTMLElement {
    const button = h('button', { type: 'button', class: 'choice choice-proceed', 'data-choice': 'proceed' }, label);
    const { wrap, reveal } = blurred(content, button);
    button.addEventListener('click', () => {
      reveal();
      onReveal();
    });
    return wrap;
  }

  function markArrived(id: string): void {
    arrivedIds.add(id);
    arrived.get(id)?.();
    arrived.delete(id);
  }

  // ---- the pane's API --------------------------------------------------------------------
  async function setProfile(next: Profile): Promise<void> {
    profile = next;
    profileSelect.value = next;
    await guard.setProfile(next);
    system(`${me.name}'s ChatGuard profile: ${next}.`);
  }

  return {
    ready,
    async typeAndSend(text, photo = false) {
      await ready;
      input.value = '';
      attachPhoto(photo);
      const perChar = Math.min(25, 700 / Math.max(1, text.length));
      for (let i = 1; i <= text.length; i += 2) {
        input.value = text.slice(0, i);
        fit();
        await wait(perChar * 2);
      }
      input.value = text;
      fit();
      return sendFromComposer();
    },
    received(id) {
      if (arrivedIds.has(id)) return Promise.resolve();
      return new Promise((resolve) => arrived.set(id, resolve));
    },
    settled(id) {
      const known = outcomes.get(id);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => settled.set(id, resolve));
    },
    proceedPending() {
      const buttons = options.root.querySelectorAll<HTMLButtonElement>('.nudge [data-choice="proceed"], .msg.out[data-state="pending"] [data-choice="proceed"]');
      for (const button of buttons) button.click();
    },
    setProfile,
    divider(title) {
      blocked = false;
      conversations += 1;
      conversation = `demo-${me.id}-${conversations}`;
      nudgeSlot.replaceChildren();
      log.append(h('li', { class: 'divider', role: 'separator' }, title));
      scroll();
    },
    dispose() {
      closeRelay();
      outbox.stop();
      guard.dispose();
    },
  };
}
