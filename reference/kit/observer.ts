// The harness watches the reference server through these hooks; the reference programs pass none.
export interface Observer {
  connected?(from: string): void;
  received?(data: Buffer, from: string): void;
  sent?(data: Buffer, to: string): void;
  closed?(from: string, by: 'server' | 'peer'): void;
  /** Sends an answer when the harness chooses (later, to catch a client printing an answer it never read); absent: at once. */
  hold?(send: () => void): void;
}

/** Why: every reference server sends its answers through this, so the harness can hold them back. */
export function answer(observer: Observer, send: () => void): void {
  if (observer.hold) observer.hold(send);
  else send();
}
