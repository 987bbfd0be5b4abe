// Reference UDPClient: `UDPClient.ts <host> <port>`; sends the line typed on stdin, prints the answer.
import { portArgument, readLineFromStdin } from '../kit/main.ts';
import { udpUppercaseClient } from '../uppercase.ts';

const [host, portText] = process.argv.slice(2);
const port = portArgument(portText, 'UDPClient <host> <port>');
process.stdout.write('Input lowercase sentence: ');
const reply = await udpUppercaseClient(host, port, await readLineFromStdin());
console.log(reply.toString('utf8'));
