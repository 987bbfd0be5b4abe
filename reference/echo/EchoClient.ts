// Reference EchoClient: `EchoClient.ts <host> <port>`; sends Hello, world once and prints the echo.
import { portArgument } from '../kit/main.ts';
import { echoClient } from '../echo.ts';

const [host, portText] = process.argv.slice(2);
const port = portArgument(portText, 'EchoClient <host> <port>');
const data = await echoClient(host, port);
console.log('Received', data.toString('utf8'));
