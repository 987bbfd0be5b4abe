// Reference RepeatClient: `RepeatClient.ts <host> <port>`; a thousand round trips of Hello, world.
import { portArgument } from '../kit/main.ts';
import { repeatClient } from '../echo.ts';

const [host, portText] = process.argv.slice(2);
const port = portArgument(portText, 'RepeatClient <host> <port>');
await repeatClient(host, port, (echo) => console.log(echo.toString('utf8')));
