/**
 * The bus port: fan-out of topic messages to every server process, plus the recovery window.
 *
 * A recorded publish gets the topic's next sequence number and is kept in a bounded per-topic window
 * atomically with the publish, so every subscriber in every process sees a topic's messages in
 * sequence order, and a client that reconnects with its last sequence number can be sent what it
 * missed (`history`) or told that too much was missed (null: send a snapshot instead).
 */
export interface BusMessage {
  topic: string;
  /** Sequence number within the topic; 0 for unrecorded (volatile) messages. */
  seq: number;
  /** The serialized frame, produced once by the publisher. */
  payload: string;
}

export type BusListener = (message: BusMessage) => void;

export interface PublishOptions {
  /** Record in the recovery window and assign a sequence number (default true). */
  record?: boolean;
}

export interface Bus {
  /** Publishes to every subscriber of `topic` in every process; resolves with the assigned seq (0 if not recorded). */
  publish(topic: string, payload: string, options?: PublishOptions): Promise<number>;
  /** Subscribes this process to `topic`; resolves once messages will be delivered. Returns the unsubscribe function. */
  subscribe(topic: string, listener: BusListener): Promise<() => void>;
  /**
   * Recorded messages of `topic` with seq > `afterSeq`, oldest first; null when some of them are no
   * longer in the window (the caller then sends a snapshot).
   */
  history(topic: string, afterSeq: number): Promise<BusMessage[] | null>;
  /** The last assigned sequence number of `topic` (0 when none). */
  lastSeq(topic: string): Promise<number>;
  close(): Promise<void>;
}
