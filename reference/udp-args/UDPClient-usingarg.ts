// Reference UDPClient-usingarg, run as the handout runs it: `UDPClient-usingarg.ts <bindPort> <message>`;
// the server is the handout's, on 127.0.0.1 port 12000.
import { portArgument } from '../kit/main.ts';
import { UDP_ARGS_SERVER_PORT, udpArgsClient } from '../udp-args.ts';

const usage = 'UDPClient-usingarg <bindPort> <message>';
const bindPort = portArgument(process.argv[2], usage);
const reply = await udpArgsClient(bindPort, process.argv[3] ?? '', UDP_ARGS_SERVER_PORT);
console.log(reply.toString('utf8'));
