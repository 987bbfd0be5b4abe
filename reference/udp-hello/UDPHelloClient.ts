// Reference UDPHelloClient: `UDPHelloClient.ts <host> <port>`; says hello, prints the sender and answer.
import { senderLine, udpHelloClient } from '../hello.ts';
import { portArgument } from '../kit/main.ts';

const [host, portText] = process.argv.slice(2);
const port = portArgument(portText, 'UDPHelloClient <host> <port>');
const { data, from } = await udpHelloClient(host, port);
console.log(senderLine(from.address, from.port));
console.log(data.toString('utf8'));
