// Returns its input unchanged: the no-op agent the throughput benchmark measures the driver with, and a
// quick way to check an agent deployment end to end. Any JSON is valid input (empty stdin is not).
import { serveAgent } from './serve-agent.ts';

export function echo(input: unknown): unknown {
  return input;
}

if (import.meta.main) serveAgent(echo);
