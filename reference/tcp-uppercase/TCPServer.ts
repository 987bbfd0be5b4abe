// Reference TCPServer: `TCPServer.ts <port>`; per connection, answers once in upper case and closes.
import { portArgument } from '../kit/main.ts';
import { startTcpUppercaseServer } from '../uppercase.ts';

const port = portArgument(process.argv[2], 'TCPServer <port>');
await startTcpUppercaseServer(port);
console.log('The server is ready to receive');
