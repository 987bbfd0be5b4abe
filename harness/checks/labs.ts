// Every lab sockgrade can grade, by the name a spec gives in `lab:`.
import { chat } from './chat.ts';
import { echo, echo1000 } from './echo.ts';
import { hello } from './hello.ts';
import { sensor } from './sensor.ts';
import type { Lab } from './types.ts';
import { asTheyAre } from './address.ts';
import { udpArgs } from './udp-args.ts';
import { uppercase } from './uppercase.ts';

const all: Record<string, Lab> = { uppercase, echo, 'echo-1000': echo1000, 'udp-args': udpArgs, chat, hello, sensor };

// Every lab's end-to-end joins the student's pair as they are (address.ts): one place says so.
export const labs: Record<string, Lab> = Object.fromEntries(
  Object.entries(all).map(([name, lab]) => [name, lab['end-to-end'] ? { ...lab, 'end-to-end': asTheyAre(lab['end-to-end']) } : lab]),
);
