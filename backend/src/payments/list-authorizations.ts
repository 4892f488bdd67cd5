// A payer's spending authorizations, one per orchestrator: the largest cumulative amount signed (the
// earlier ones are superseded), what the orchestrator has charged against it and holds reserved for
// executions running now (payment_channels), and the headroom left for new executions.
import type { Pool, PoolClient } from 'pg';

export type SpendingAuthorizationRecord = {
  payer: `0x${string}`;
  orchestrator: `0x${string}`;
  /** The largest cumulative amount the payer signed for this orchestrator, in wei. */
  cumulativeAmount: string;
  /** What receipts have charged so far (the next receipt's payerCumulative starts here). */
  chargedWei: string;
  /** The fee bounds of the payer's executions running now. */
  reservedWei: string;
  /** cumulativeAmount - charged - reserved: what new executions may still take. */
  headroomWei: string;
  /** When the largest authorization was submitted. */
  authorizedAt: string;
};

type Row = { orchestrator: `0x${string}`; cumulative_wei: string; charged_wei: string; reserved_wei: string; headroom_wei: string; created_at: Date };

export async function listAuthorizations(db: Pool | PoolClient, payer: `0x${string}`, orchestrator?: `0x${string}`): Promise<SpendingAuthorizationRecord[]> {
  const { rows } = await db.query<Row>({
    name: 'payments-list-authorizations',
    text: `SELECT a.orchestrator, a.cumulative_wei::text AS cumulative_wei, coalesce(c.charged_wei, 0)::text AS charged_wei,
                  coalesce(c.reserved_wei, 0)::text AS reserved_wei,
                  greatest(a.cumulative_wei - coalesce(c.charged_wei, 0) - coalesce(c.reserved_wei, 0), 0)::text AS headroom_wei, a.created_at
           FROM (SELECT DISTINCT ON (orchestrator) orchestrator, cumulative_wei, created_at FROM payment_authorizations
                 WHERE payer = $1 AND ($2::text IS NULL OR orchestrator = $2::text) ORDER BY orchestrator, cumulative_wei DESC) a
           LEFT JOIN payment_channels c ON c.payer = $1 AND c.orchestrator = a.orchestrator
           ORDER BY a.orchestrator`,
    values: [payer, orchestrator ?? null],
  });
  return rows.map((row) => ({
    payer,
    orchestrator: row.orchestrator,
    cumulativeAmount: row.cumulative_wei,
    chargedWei: row.charged_wei,
    reservedWei: row.reserved_wei,
    headroomWei: row.headroom_wei,
    authorizedAt: row.created_at.toISOString(),
  }));
}
