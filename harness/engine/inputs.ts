// Scripted inputs vary from run to run so a program cannot hard-code its answers, yet any run can
// be replayed: everything derives from the run's seed and the check's id.

const WORDS = (
  'apple river stone cloud quiet bright orange garden silver window packet socket yellow forest ' +
  'ocean little number purple rocket simple thunder valley winter summer coffee pencil planet ' +
  'signal router server client bridge candle dragon engine falcon guitar harbor island jacket ' +
  'kettle lemon marble needle pepper rabbit saddle tomato violet walnut zebra meadow copper'
).split(' ');

/** Why: a tiny, well-mixed PRNG (mulberry32) whose whole state is one 32-bit number. */
function mulberry32(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Why: a fresh seed when the user gives none; printed in every report so the run can be replayed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 1_000_000_000);
}

/** Why: each check draws its own sentences, so checks stay replayable when run alone or in parallel. */
export function sentencesFor(seed: number, checkId: string): () => string {
  const random = mulberry32(hash(`${seed}:${checkId}`));
  const used = new Set<string>();
  return () => {
    for (;;) {
      const count = 3 + Math.floor(random() * 4);
      const words = Array.from({ length: count }, () => WORDS[Math.floor(random() * WORDS.length)]);
      const sentence = words.join(' ');
      if (!used.has(sentence)) {
        used.add(sentence);
        return sentence;
      }
    }
  };
}

/** Why: numbers (sensor readings) drawn like the sentences: per check, replayable from the seed. */
export function randomFor(seed: number, checkId: string): () => number {
  return mulberry32(hash(`${seed}:${checkId}:numbers`));
}
