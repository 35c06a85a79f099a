import { describe, expect, it } from 'vitest';
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { PreparedFrame, encodeTextFrame } from './frame.js';

// ws's frame parser is not in its type declarations; it is what every ws client decodes with.
const { Receiver } = createRequire(import.meta.url)('ws') as {
  Receiver: new (options: { isServer: boolean }) => EventEmitter & { write(chunk: Buffer): void };
};

/** Decodes server frames with ws's own parser (client side: unmasked frames are expected). */
function decode(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer) => resolve(data.toString()));
    receiver.on('error', reject);
    receiver.write(bytes);
  });
}

describe('frame encoding', () => {
  it.each([0, 1, 125, 126, 65535, 65536, 200_000])(
    '[CORE-30] a %i-byte text frame decodes back',
    async (n) => {
      const text = 'é'.repeat(Math.floor(n / 2)) + 'a'.repeat(n % 2);
      expect(await decode(encodeTextFrame(text))).toBe(text);
    },
  );

  it('[CORE-31] the seq variant puts seq first and the plain variant is untouched', async () => {
    const frame = new PreparedFrame('{"type":"x","n":1}', 7);
    expect(JSON.parse(await decode(frame.bytes(true)))).toEqual({ seq: 7, type: 'x', n: 1 });
    expect(await decode(frame.bytes(false))).toBe('{"type":"x","n":1}');
    expect(frame.bytes(false)).toBe(frame.bytes(false)); // framed once, reused
    expect(await decode(new PreparedFrame('{}', 3).bytes(true))).toBe('{"seq":3}');
    expect(await decode(new PreparedFrame('[1]', 3).bytes(true))).toBe('[1]');
    expect(await decode(new PreparedFrame('{"a":1}', 0).bytes(true))).toBe('{"a":1}');
  });
});
