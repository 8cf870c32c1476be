/**
 * Runs every `bench/*.bench.ts` (or the ones named on the command line) and prints their figures.
 * Each bench module exports `run(): Promise<BenchFigure[]>`. Figures depend on the machine and
 * on whatever else it is doing: compare runs on the same machine, not across machines.
 */
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.includes(basename(file, '.bench.ts')))
  .sort();

const format = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(3);

console.log(
  `kompass bench · node ${process.version} · ${cpus().length} cores · ${cpus()[0]?.model ?? ''}`,
);
let failed = false;
for (const file of files) {
  const name = basename(file, '.bench.ts');
  const module = (await import(pathToFileURL(`${benchDir}/${file}`).href)) as {
    run: () => Promise<BenchFigure[]>;
  };
  try {
    const figures = await module.run();
    console.log(`\n${name}`);
    for (const figure of figures) {
      console.log(
        `  ${figure.name.padEnd(56)} ${format(figure.value).padStart(12)} ${figure.unit}`,
      );
    }
  } catch (error) {
    failed = true;
    console.error(`\n${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
