/**
 * The last step of `npm run test:hardening` (scripts/hardening.sh): prints the figures every part
 * recorded in this run's SWITCHBOARD_FIGURES file and exits 1 when any figure counts something
 * bad, so the run fails on a figure even if the test that measured it was lenient.
 */

import { figuresFile, readFigures } from './figures';
import { formatFigures } from './figuresReport';

const report = formatFigures(readFigures());
console.log(`\nhardening figures (${figuresFile()}):`);
for (const line of report.lines) {
  console.log(`  ${line}`);
}
process.exitCode = report.bad > 0 ? 1 : 0;
