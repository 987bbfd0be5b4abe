// Reference TCPClient: `TCPClient.ts <host> <port>`; sends the line typed on stdin, prints the answer.
import { portArgument, readLineFromStdin } from '../kit/main.ts';
import { tcpUppercaseClient } from '../uppercase.ts';

const [host, portText] = process.argv.slice(2);
const port = portArgument(portText, 'TCPClient <host> <port>');
process.stdout.write('Input lowercase sentence: ');
const reply = await tcpUppercaseClient(host, port, await readLineFromStdin());
console.log('From Server:', reply.toString('utf8'));
