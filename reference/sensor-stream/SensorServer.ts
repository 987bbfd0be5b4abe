// Reference SensorServer: `SensorServer.ts <port> <outfile>`; stores the first 100 readings in <outfile>.
import { portArgument } from '../kit/main.ts';
import { startSensorServer } from '../sensor.ts';

const usage = 'SensorServer <port> <outfile>';
const port = portArgument(process.argv[2], usage);
const outfile = process.argv[3];
if (!outfile) {
  console.error(`usage: ${usage}`);
  process.exit(2);
}
await startSensorServer(port, { connected: (from) => console.log('Connected by', from) }, outfile);
