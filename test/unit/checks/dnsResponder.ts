/**
 * A tiny DNS server on loopback (UDP, a free port) for the 'dns-query' check: A records
 * from a map, NXDOMAIN for names it does not know, or — `silent` — no answer at all.
 * `server` is what a Resolver takes ("127.0.0.1:<port>").
 */
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as dnsPacket from 'dns-packet';

export interface DnsResponder {
  port: number;
  server: string;
  /** Every question received, as "<type> <name>". */
  queries: string[];
  close(): Promise<void>;
}

const NXDOMAIN = 3;

export async function startDnsResponder(
  records: Record<string, string[]>,
  options: { silent?: boolean } = {},
): Promise<DnsResponder> {
  const known = new Map(Object.entries(records).map(([name, addresses]) => [normalise(name), addresses]));
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (message, remote) => {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: ignore
    }
    const questions = query.questions ?? [];
    for (const question of questions) queries.push(`${question.type} ${question.name}`);
    if (options.silent) return;
    const question = questions[0];
    const addresses = question ? known.get(normalise(question.name)) : undefined;
    const answers: dnsPacket.Answer[] =
      question && addresses && question.type === 'A'
        ? addresses.map((data) => ({ type: 'A', name: question.name, ttl: 60, class: 'IN', data }))
        : [];
    const rcode = addresses ? 0 : NXDOMAIN;
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions,
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const port = (socket.address() as AddressInfo).port;
  return {
    port,
    server: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((done) => socket.close(() => done())),
  };
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
