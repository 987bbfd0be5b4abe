// Reference TCPClientTask: `TCPClientTask.ts <host> <port>`; sends each typed line until Exit.
import { chatClient } from '../chat.ts';
import { portArgument, stdinLines } from '../kit/main.ts';

const [host, portText] = process.argv.slice(2);
const port = portArgument(portText, 'TCPClientTask <host> <port>');
const prompt = () => void process.stdout.write('Enter message to send or type Exit to disconnect: ');
await chatClient(host, port, stdinLines(prompt), (line) => console.log(line));
process.exit(0);
