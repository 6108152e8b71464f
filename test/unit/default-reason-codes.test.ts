import { describe, expect, it } from 'vitest';
import { declaredReasonCodes } from '../../src/engine/reason-allow-list.js';
import { defaultDetectors } from '../../src/default-detectors.js';

describe('the default detectors', () => {
  it('all declare their reason codes, so reports use an exact allow-list', () => {
    expect(declaredReasonCodes(defaultDetectors())).toEqual(
      expect.arrayContaining(['spam.model', 'scam.otp_request', 'threat.violence', 'threat.stalking', 'threat.mass_violence', 'link.blocklist', 'nudity.porn']),
    );
  });
});
