// The text of `sockgrade --help`: every option, the exit statuses, and where specs come from.
import { bundledSpecNames } from '../spec/load.ts';

export function helpText(): string {
  return `sockgrade — grades student socket assignments by running their programs over real sockets

Usage:
  sockgrade grade --spec <name|path> [--junit <file>] [--json <file>] [--seed <n>] <submission-dir>...
  sockgrade specs            list the bundled specs
  sockgrade --help           this text
  sockgrade --version

grade
  Runs each submission folder's programs against the spec's checks and prints, per check,
  pass or fail, the points, and for each failure what was sent, what was expected, what came
  back and the end of each program's output.

  --spec <name|path>   a bundled spec by name (${bundledSpecNames().join(', ')})
                       or the path of a spec file (YAML, see specs/spec.schema.json)
  --junit <file>       also write a JUnit XML report (one <testsuite> per submission)
  --json <file>        also write the whole run (every check, transcript, output tails) as JSON
  --seed <n>           replay a run: the scripted inputs derive from this number
                       (a random seed is chosen and printed otherwise)

  A submission folder holds the files the spec names (e.g. TCPServer.py), in any case, in any
  sub-folder, in Python, JavaScript or TypeScript, or as an executable of that name. Other
  languages name their commands in a sockgrade.yaml manifest:  server: ./server

Exit status
  0  every check of every submission passed
  1  some check failed (or could not run)
  2  sockgrade could not do its job: bad arguments, an unreadable or invalid spec, a missing
     or empty submission folder, or a report that could not be written
`;
}
