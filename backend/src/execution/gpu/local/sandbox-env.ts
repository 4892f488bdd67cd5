// The agent's whole environment, built from nothing: the host variables the operator allowed (PATH,
// LANG by default; never the driver's own secrets such as database URLs or keys), the agent's own
// secrets, then the driver's variables, last so that a secret cannot redirect HOME or fake its ids.

/** Used when PATH is not passed through (or unset on the host), so bare command names still resolve. */
export const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

export type SandboxEnvParameters = {
  /** Names of host variables to copy when set. */
  passEnv: readonly string[];
  hostEnv: NodeJS.ProcessEnv;
  secrets: Readonly<Record<string, string>>;
  /** The run's (or server's) own directory: HOME, TMPDIR and cwd, removed afterwards. */
  home: string;
  /** CR8_* variables: ids, protocol. */
  driverVars: Readonly<Record<string, string>>;
};

export function buildSandboxEnv(parameters: SandboxEnvParameters): Record<string, string> {
  const env: Record<string, string> = { PATH: DEFAULT_PATH };
  for (const name of parameters.passEnv) {
    const value = parameters.hostEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, parameters.secrets);
  return { ...env, HOME: parameters.home, TMPDIR: parameters.home, ...parameters.driverVars };
}
