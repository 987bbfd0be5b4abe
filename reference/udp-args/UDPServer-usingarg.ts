// Reference UDPServer-usingarg: `UDPServer-usingarg.ts <port>`; answers in upper case, logs each sender.
import { portArgument } from '../kit/main.ts';
import { startUdpArgsServer } from '../udp-args.ts';

const port = portArgument(process.argv[2], 'UDPServer-usingarg <port>');
await startUdpArgsServer(port, {}, (line) => console.log(line));
console.log('The server is ready to receive');
