// Every lab sockgrade can grade, by the name a spec gives in `lab:`.
import type { Lab } from './types.ts';
import { uppercase } from './uppercase.ts';

export const labs: Record<string, Lab> = { uppercase };
