// Reference EchoServer: `EchoServer.ts <port>`; echoes every byte on each connection until the client closes.
import { portArgument } from '../kit/main.ts';
import { startEchoServer } from '../echo.ts';

const port = portArgument(process.argv[2], 'EchoServer <port>');
await startEchoServer(port, { connected: (from) => console.log('Connected by', from) });
