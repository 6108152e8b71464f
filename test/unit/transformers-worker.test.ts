// The real transformers.js model through the Node worker (createNodeGuard, the built worker file): configured on the
// page side, loaded in the worker with progress events back through comlink, and contributing to verdicts there.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeGuard } from '../../dist/node.js';
import { createEngine } from '../../src/engine/engine.js';
import { defaultDetectors } from '../../src/default-detectors.js';
import type { ModelProgress } from '../../src/transformers/model-files.js';
import type { TextModelConfig } from '../../src/transformers/config.js';

const FOLDER = fileURLToPath(new URL('../../models/transformers/chatguard-wordpiece-bag/', import.meta.url));
const MODEL: TextModelConfig = {
  id: 'chatguard-wordpiece-bag',
  from: FOLDER,
  task: 'text-classification',
  labels: { spam: 'spam', scam: 'scam', harassment: 'harassment', hate: 'hate', threat: 'threat', sexual: 'sexual' },
  run: 'always',
  budgetMs: 5_000,
};

const events: ModelProgress[] = [];
const guard = createNodeGuard({ textModels: [MODEL], onProgress: (event) => events.push(event) });
const engine = createEngine({ detectors: defaultDetectors(), textModels: [MODEL] });
afterAll(() => {
  guard.dispose();
  engine.dispose();
});

describe('a transformers.js model in the Node worker', () => {
  it('loads in the worker and reports progress to the page side', async () => {
    await guard.ready();
    await expect.poll(() => events.at(-1)).toEqual({ model: 'chatguard-wordpiece-bag', status: 'ready' });
    expect(events.filter((event) => event.status === 'done').map((event) => event.file).sort()).toEqual(['config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json']);
  }, 30_000);

  it('contributes to verdicts in the worker exactly as in process', async () => {
    await engine.ready();
    for (const text of ['nobody likes you, loser', 'Free entry! Text WIN to 80086 to claim your prize', 'see you at 6?']) {
      const inWorker = await guard.checkIncoming({ text, id: 'w' });
      const inProcess = await engine.checkIncoming({ text, id: 'w' });
      expect(inWorker.skipped).toEqual([]);
      expect(inWorker.versions['hf:chatguard-wordpiece-bag']).toBe('transformers.js:fp32');
      // Reports have random ids; everything else is the same.
      const { report: workerReport, ...workerVerdict } = inWorker;
      const { report: processReport, ...processVerdict } = inProcess;
      expect(workerVerdict).toEqual(processVerdict);
      expect(workerReport?.reasons).toEqual(processReport?.reasons);
    }
  }, 30_000);

  it('rejects a bad configuration on the page side, before any worker starts', () => {
    expect(() => createNodeGuard({ textModels: [{ ...MODEL, run: 'never' as never }] })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});
