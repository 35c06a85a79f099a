/**
 * A broadcast frame prepared once per process: the JSON text is serialized by the publisher and the
 * WebSocket framing (header + UTF-8 payload in one buffer) is built lazily, once, then the same
 * buffer is written to every recipient socket. A seq-stamped variant is built the same way for
 * clients that asked for sequence numbers.
 */
export class PreparedFrame {
  private plainBytes: Buffer | undefined;
  private seqBytes: Buffer | undefined;

  constructor(
    readonly text: string,
    /** Sequence number in its topic (0: not recorded, never stamped). */
    readonly seq = 0,
  ) {}

  /** The frame bytes for a recipient; `withSeq` adds `"seq":N` as the first field of a JSON object. */
  bytes(withSeq: boolean): Buffer {
    if (withSeq && this.seq > 0 && this.text.startsWith('{')) {
      this.seqBytes ??= encodeTextFrame(
        this.text.length > 2 ? `{"seq":${this.seq},${this.text.slice(1)}` : `{"seq":${this.seq}}`,
      );
      return this.seqBytes;
    }
    this.plainBytes ??= encodeTextFrame(this.text);
    return this.plainBytes;
  }
}

/** Builds one unmasked, final text frame (RFC 6455 section 5.2): server frames are never masked. */
export function encodeTextFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN + opcode 1 (text)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(length, 6);
  }
  frame.write(text, headerLength, 'utf8');
  return frame;
}
