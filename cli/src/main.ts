// Entry point of the `cr8` command (bin/cr8 runs this file on the project's pinned Node).
import { buildProgram } from './program.ts';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`cr8: ${message}`);
  process.exitCode = 1;
}
