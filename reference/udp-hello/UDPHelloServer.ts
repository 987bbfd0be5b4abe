// Reference UDPHelloServer: `UDPHelloServer.ts <port>`; prints each sender and message, greets back.
import { startUdpHelloServer } from '../hello.ts';
import { portArgument } from '../kit/main.ts';

const port = portArgument(process.argv[2], 'UDPHelloServer <port>');
await startUdpHelloServer(port, {}, (line) => console.log(line));
