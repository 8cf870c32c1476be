/**
 * Test fixture run as a separate process (`node --import tsx hold-database.ts <dir> <mode>`):
 * - `hold`: opens the embedded database in <dir>, prints "ready <pid>", keeps it open until its
 *   stdin closes, then closes it and exits 0;
 * - `try`: tries to open it; prints "opened" and exits 0, or prints the error and exits 3.
 */
import { openDatabase } from '../client.ts';
import { municipalities } from '../schema.ts';

const [dir, mode = 'hold'] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: hold-database.ts <dir> [hold|try]\n');
  process.exit(2);
}

try {
  const database = await openDatabase({ env: { KOMPASS_DATA_DIR: dir }, cwd: process.cwd() });
  if (mode === 'try') {
    await database.close();
    process.stdout.write('opened\n');
  } else {
    await database.db.$count(municipalities);
    process.stdout.write(`ready ${String(process.pid)}\n`);
    process.stdin.resume();
    process.stdin.on('end', () => {
      void database.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  process.stdout.write(`${(error as Error).message}\n`);
  process.exit(3);
}
