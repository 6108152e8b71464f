/**
 * Stage signals read from the other detectors' results: the pattern families' reason codes (a
 * sextortion threat, a wrong-number opener, an investment pitch) and the models' scores (sexual
 * language, a nude image, personal details). Any detector can also report stages directly in
 * `signals`; those are checked here, since a detector is outside code.
 */
import type { DetectorResult } from '../engine/detector.js';
import { isStageCode, type StageHit } from './stages.js';

/** Reason codes of ChatGuard's pattern detectors and the stages they show. */
const REASON_STAGES: Readonly<Record<string, readonly StageHit[]>> = {
  // The message-level sextortion detector reports these only with images as the leverage (intimate,
  // "your pics", or a claim to hold them), so each also shows `images_held`.
  'sextortion.threat_to_share': [{ stage: 'threat', strength: 0.9 }, { stage: 'images_held', strength: 0.9 }],
  'sextortion.payment_demand': [{ stage: 'threat', strength: 0.8 }, { stage: 'money_request', strength: 0.9 }, { stage: 'images_held', strength: 0.8 }],
  'sextortion.countdown': [{ stage: 'threat', strength: 0.8 }, { stage: 'countdown', strength: 0.9 }, { stage: 'images_held', strength: 0.8 }],
  'scam.wrong_number_opener': [{ stage: 'wrong_number', strength: 1 }, { stage: 'affinity', strength: 0.6 }],
  'scam.crypto_investment': [{ stage: 'investment_pitch', strength: 1 }],
  'scam.romance_money': [{ stage: 'money_request', strength: 1 }],
  'scam.family_impersonation': [{ stage: 'family_claim', strength: 1 }],
  'scam.gift_card': [{ stage: 'money_request', strength: 1 }],
  'scam.otp_request': [{ stage: 'code_request', strength: 1 }],
  'scam.job_task': [{ stage: 'money_request', strength: 0.6 }],
};

/** A model score at or over this (the calibrated operating point) counts as the stage. */
const SCORE_POINT = 0.5;

/** Every stage the results show, strongest per stage, with detector-reported signals validated. */
export function signalsFromResults(results: readonly DetectorResult[]): StageHit[] {
  const best = new Map<StageHit['stage'], number>();
  const add = (hit: StageHit): void => {
    if (hit.strength > (best.get(hit.stage) ?? 0)) best.set(hit.stage, Math.min(1, hit.strength));
  };
  for (const result of results) {
    const signals: unknown = (result as { signals?: unknown }).signals;
    if (Array.isArray(signals)) {
      for (const hit of signals as unknown[]) {
        const { stage, strength } = (hit ?? {}) as { stage?: unknown; strength?: unknown };
        if (isStageCode(stage) && typeof strength === 'number' && strength > 0 && strength <= 1) add({ stage, strength });
      }
    }
    for (const reason of result.reasons) for (const hit of REASON_STAGES[reason.code] ?? []) add(hit);
    const { sexual = 0, nudity = 0, threat = 0, pii = 0 } = result.scores;
    if (sexual >= SCORE_POINT) add({ stage: 'sexual', strength: 0.8 });
    if (nudity >= SCORE_POINT) add({ stage: 'sexual', strength: 1 });
    if (threat >= SCORE_POINT) add({ stage: 'threat', strength: 0.5 });
    if (pii >= SCORE_POINT) add({ stage: 'personal_info', strength: 0.8 });
  }
  return [...best].map(([stage, strength]) => ({ stage, strength }));
}
