// Every lab sockgrade can grade, by the name a spec gives in `lab:`.
import { chat } from './chat.ts';
import { echo, echo1000 } from './echo.ts';
import { hello } from './hello.ts';
import { sensor } from './sensor.ts';
import type { Lab } from './types.ts';
import { udpArgs } from './udp-args.ts';
import { uppercase } from './uppercase.ts';

export const labs: Record<string, Lab> = { uppercase, echo, 'echo-1000': echo1000, 'udp-args': udpArgs, chat, hello, sensor };
