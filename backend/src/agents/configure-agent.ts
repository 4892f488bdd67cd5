// Reconfigures how an agent runs (its execution config) and, when given, replaces its secrets. Only the
// agent's creator may. What is on-chain or in the agent card (name, pricing, token) changes through the
// registry from the owner's wallet, not here. Secrets are encrypted at rest and never returned; the
// response lists their names only.
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { executionConfig } from '../registration/registration-request.ts';
import { getAgent } from './get-agent.ts';

export const configureAgentBody = z.object({ executionConfig }).strict();
export type ConfigureAgentBody = z.infer<typeof configureAgentBody>;

export type AgentConfiguration = { id: string; executionConfig: Record<string, unknown>; secretNames: string[]; updatedAt: string };

export async function configureAgent(
  deps: { db: Pool; encryptSecrets?: (agentId: string, secrets: Record<string, string>) => Buffer },
  principal: Principal,
  agentId: string,
  body: ConfigureAgentBody,
): Promise<AgentConfiguration> {
  const agent = await getAgent(deps.db, agentId);
  const owner = await deps.db.query<{ creator_user_id: string }>('SELECT creator_user_id FROM agents WHERE id = $1', [agent.id]);
  if (owner.rows[0]!.creator_user_id !== principal.userId) throw new ApiError(403, 'FORBIDDEN', 'only the agent\'s creator can configure it');
  const { secrets, ...publicConfig } = body.executionConfig;
  let encrypted: Buffer | null | undefined;
  if (secrets !== undefined) {
    if (Object.keys(secrets).length === 0) encrypted = null;
    else if (!deps.encryptSecrets) throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'this API has no SECRETS_KEY configured, so it cannot store agent secrets');
    else encrypted = deps.encryptSecrets(agent.id, secrets);
  }
  // Secret names are kept beside the public config (names only), so the creator can see what is set.
  const { rows } = await deps.db.query<{ execution_config: Record<string, unknown>; updated_at: Date }>(
    `UPDATE agents SET execution_config = $2 || jsonb_build_object('secretNames', CASE WHEN $3 THEN $4::jsonb ELSE coalesce(execution_config->'secretNames', '[]'::jsonb) END),
                       encrypted_secrets = CASE WHEN $3 THEN $5 ELSE encrypted_secrets END, updated_at = now()
     WHERE id = $1 RETURNING execution_config, updated_at`,
    [agent.id, publicConfig, secrets !== undefined, JSON.stringify(Object.keys(secrets ?? {}).sort()), encrypted ?? null],
  );
  const { secretNames, ...config } = rows[0]!.execution_config as { secretNames?: string[] } & Record<string, unknown>;
  return { id: agent.id, executionConfig: config, secretNames: secretNames ?? [], updatedAt: rows[0]!.updated_at.toISOString() };
}
