// The harness watches the reference server through these hooks; the reference programs pass none.
export interface Observer {
  connected?(from: string): void;
  received?(data: Buffer, from: string): void;
  sent?(data: Buffer, to: string): void;
  closed?(from: string, by: 'server' | 'peer'): void;
}
