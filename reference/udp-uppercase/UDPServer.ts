// Reference UDPServer: `UDPServer.ts <port>`; answers each datagram in upper case, forever.
import { portArgument } from '../kit/main.ts';
import { startUdpUppercaseServer } from '../uppercase.ts';

const port = portArgument(process.argv[2], 'UDPServer <port>');
await startUdpUppercaseServer(port);
console.log('The server is ready to receive');
