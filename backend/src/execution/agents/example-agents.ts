// The agents shipped with the backend (dev stack, benchmarks, demos), as `executionConfig.command`s for
// the local runtime. They run with the Node that runs this code (Node 24 strips their types), named by
// absolute path: PATH may well find an older `node`.
import { fileURLToPath } from 'node:url';

export const EXAMPLE_AGENTS = ['echo', 'text-stats', 'sentiment'] as const;
export type ExampleAgentName = (typeof EXAMPLE_AGENTS)[number];

export function exampleAgentCommand(name: ExampleAgentName): string[] {
  return [process.execPath, fileURLToPath(new URL(`./${name}.ts`, import.meta.url))];
}
