// Reference TCPServerTask: `TCPServerTask.ts <port>`; answers each message with its length, Exit with Disconnect.
import { startChatServer } from '../chat.ts';
import { portArgument } from '../kit/main.ts';

const port = portArgument(process.argv[2], 'TCPServerTask <port>');
await startChatServer(port, {}, (line) => console.log(line));
console.log(`Listening at ('0.0.0.0', ${port})`);
