// udp-args as handout 001 runs it: the client gets two arguments (its bind port and the message) and
// finds the server on the handout's port 12000, in a private network and without one.
import { afterAll, describe, expect, it } from 'vitest';
import { leftovers, notPassed, processesInside, removeTestFolders, sockgrade, sockgradeWithoutNamespaces } from '../helpers.ts';

const CLIENT_CHECKS = ['bound-port', 'message-from-arg', 'client-prints-reply', 'client-exits', 'end-to-end'];

afterAll(removeTestFolders);

describe('udp-args', () => {
  it("runs the handout's own client with its two arguments, the reference server on 12000 in both runs of bound-port", async () => {
    const run = await sockgrade(['grade', '--spec', 'udp-args', 'submissions/udp-args/handout'], { json: true });
    expect(run.exitCode).toBe(0);
    const checks = run.json!.submissions[0].checks;
    for (const id of CLIENT_CHECKS) {
      const clients = checks.find((c) => c.id === id)!.programs.filter((p) => p.role === 'client');
      expect(clients.length).toBe(id === 'bound-port' ? 2 : 1);
      for (const client of clients) expect(client.command.slice(1)).toEqual(['UDPClient-usingarg.py', expect.stringMatching(/^\d+$/), expect.any(String)]);
    }
    // Both runs' datagrams reached a server on 12000 (the handout client cannot send anywhere else).
    const boundPort = checks.find((c) => c.id === 'bound-port')!;
    const arrivals = boundPort.transcript.filter((e) => e.to === 'reference server' && /datagram/.test(e.what));
    expect(arrivals).toHaveLength(2);
    expect(leftovers(run.tmp)).toEqual([]);
  }, 120_000);

  // Forced outside a namespace, inside a private network of the test's own so that 12000 is free.
  it('without namespaces, runs every check whose client is not told the port on the handout port, one at a time', async () => {
    const samples = ['submissions/udp-args/handout', 'submissions/udp-args/client-random-port'];
    const { exitCode, json, tmp } = await sockgradeWithoutNamespaces('udp-args', samples);
    expect(exitCode).toBe(1);
    expect(json.setting.isolation).toMatch(/^none/);
    expect(notPassed(json, samples[0])).toEqual([]);
    expect(notPassed(json, samples[1])).toEqual(['bound-port']);
    for (const check of json.submissions[0].checks.filter((c) => CLIENT_CHECKS.includes(c.id))) {
      expect({ id: check.id, notes: check.notes }).toEqual({ id: check.id, notes: [expect.stringMatching(/^graded on the handout port 12000, one check at a time, as there is no private network here .* and the client is not told the server's port$/)] });
    }
    // The handout's hard-coded server failed on the free port it was given, then passed on 12000.
    expect(json.submissions[0].checks.find((c) => c.id === 'server-ready')!.notes?.join('\n')).toMatch(/on the port it was given it failed/);
    expect(processesInside(tmp)).toEqual([]);
    expect(leftovers(tmp)).toEqual([]);
  }, 180_000);
});
