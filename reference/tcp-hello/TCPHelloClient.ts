// Reference TCPHelloClient: `TCPHelloClient.ts <host> <port>`; says hello, prints the greeting.
import { tcpHelloClient } from '../hello.ts';
import { portArgument } from '../kit/main.ts';

const [host, portText] = process.argv.slice(2);
const port = portArgument(portText, 'TCPHelloClient <host> <port>');
console.log((await tcpHelloClient(host, port)).toString('utf8'));
