import { createEngine } from '../../src/engine/engine.js';
import { defaultDetectors } from '../../src/default-detectors.js';
import { guardContract } from './guard-contract.js';

const engine = createEngine({ detectors: defaultDetectors() });
guardContract('in-process engine', () => engine);
