// Reference SensorClient: `SensorClient.ts <host> <port>`; forwards each reading from stdin as it comes.
import { portArgument, stdinLines } from '../kit/main.ts';
import { sensorClient } from '../sensor.ts';

const [host, portText] = process.argv.slice(2);
const port = portArgument(portText, 'SensorClient <host> <port>');
await sensorClient(host, port, stdinLines());
