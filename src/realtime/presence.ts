/**
 * The presence port: who is connected to a topic, across every server process. A member entry
 * belongs to the process (node) that added it; when a node stops heartbeating (it died), its entries
 * disappear from every listing without anyone cleaning up by hand.
 */
export interface PresenceEntry {
  memberId: string;
  /** Free-form data about the member (display name, role...), JSON-serializable. */
  info: Record<string, unknown>;
  nodeId: string;
  /** Connections of this member on this node (one person with two tabs counts once). */
  connections: number;
}

export interface Presence {
  /** This process's id. */
  readonly nodeId: string;
  /** Adds one connection of `memberId`; returns true when this is the member's first connection anywhere. */
  join(topic: string, memberId: string, info: Record<string, unknown>): Promise<boolean>;
  /** Removes one connection; returns true when the member has no connection left anywhere. */
  leave(topic: string, memberId: string): Promise<boolean>;
  /** Live members of the topic (entries of dead nodes are excluded and purged). */
  list(topic: string): Promise<PresenceEntry[]>;
  /** Number of distinct live members. */
  count(topic: string): Promise<number>;
  /** Stops heartbeating and removes this node's entries. */
  close(): Promise<void>;
}
