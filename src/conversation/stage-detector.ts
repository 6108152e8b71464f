import type { Detector } from '../engine/detector.js';
import { createCueReader } from '../text/patterns/cue.js';
import { createTextViewer, type TextView } from '../text/patterns/text-view.js';
import { readStages } from './stage-patterns.js';
import type { StageHit } from './stages.js';

/** The stage detector's id, as it appears in verdicts' `versions`. */
export const STAGE_DETECTOR_ID = 'conversation-stages';

/**
 * Creates the detector that reads conversation stage signals from each message (`signals` in its
 * result): flattery, age questions, secrecy, app switches, gifts, photo requests, sexual talk,
 * meeting, threats, deadlines, scam openers, investment pitches, love and money requests; and an
 * attached image as `image_shared`. It scores no label itself: one message rarely shows grooming. The
 * engine's conversation model (`src/conversation/`) turns the signals into `grooming`, `sextortion`
 * and `scam` scores. It declares `grooming` so that a failure says what went unchecked.
 *
 * @param view - shares one normalisation with other pattern detectors. @defaultValue a fresh viewer
 * @example
 * createStageDetector().detect({ message, text: 'how old are you?', direction: 'incoming' }).signals
 * // [{ stage: 'age_probe', strength: 0.7 }]
 */
export function createStageDetector(view: (text: string) => TextView = createTextViewer()): Detector {
  return {
    id: STAGE_DETECTOR_ID,
    version: '1.0.0',
    labels: ['grooming'],
    // Stages travel as signals, not reasons; the engine writes the conversation's reasons itself.
    reasonCodes: [],
    detect({ message, text }) {
      const signals: StageHit[] = text === '' ? [] : readStages(createCueReader(view(text)));
      if (message.attachments?.some((attachment) => attachment.type === 'image')) signals.push({ stage: 'image_shared', strength: 1 });
      return { scores: {}, reasons: [], signals };
    },
  };
}
