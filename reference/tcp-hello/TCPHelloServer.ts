// Reference TCPHelloServer: `TCPHelloServer.ts <port>`; greets each client, prints what it says.
import { startTcpHelloServer } from '../hello.ts';
import { portArgument } from '../kit/main.ts';

const port = portArgument(process.argv[2], 'TCPHelloServer <port>');
await startTcpHelloServer(port, {}, (line) => console.log(line));
