// Reference UDPClient-usingarg: `UDPClient-usingarg.ts <bindPort> <message> <serverPort>`.
import { portArgument } from '../kit/main.ts';
import { udpArgsClient } from '../udp-args.ts';

const usage = 'UDPClient-usingarg <bindPort> <message> <serverPort>';
const bindPort = portArgument(process.argv[2], usage);
const serverPort = portArgument(process.argv[4], usage);
const reply = await udpArgsClient(bindPort, process.argv[3] ?? '', serverPort);
console.log(reply.toString('utf8'));
