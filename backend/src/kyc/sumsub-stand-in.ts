// A local stand-in for the few Sumsub endpoints the adapter uses, for tests (and for trying the Sumsub
// path without an account). It checks every request's authentication the way Sumsub documents it
// (X-App-Token, X-App-Access-Ts in Unix seconds, X-App-Access-Sig = hex HMAC-SHA256 of ts + METHOD +
// path-with-query + body) and answers refusals in Sumsub's error shape { description, code,
// correlationId }. Reviews are simulated with Sumsub's sandbox endpoint
// POST /resources/applicants/{id}/status/testCompleted, which sends an applicantReviewed webhook signed
// with the webhook secret (X-Payload-Digest / X-Payload-Digest-Alg), as Sumsub does.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type DigestAlgorithm, signPayload } from './payload-digest.ts';

export type StandInApplicant = {
  id: string;
  externalUserId: string;
  levelName: string;
  createdAt: string;
  review: {
    reviewStatus: string;
    reviewDate?: string;
    reviewResult?: { reviewAnswer: 'GREEN' | 'RED'; reviewRejectType?: 'FINAL' | 'RETRY'; moderationComment?: string; rejectLabels?: string[] };
  };
};

export type StandInWebhook = { rawBody: Buffer; headers: Record<string, string> };

export type SumsubStandIn = {
  url: string;
  applicants: Map<string, StandInApplicant>;
  /** Requests refused for their authentication, by reason. */
  refusals: Array<{ path: string; description: string }>;
  /** Requests whose authentication passed. */
  accepted: Array<{ method: string; path: string }>;
  /** Webhooks delivered, with the API's answer. */
  delivered: Array<{ webhook: StandInWebhook; status: number }>;
  /** Where webhooks are POSTed (null: not delivered, only returned). */
  webhookUrl: string | null;
  digestAlgorithm: DigestAlgorithm;
  /** A webhook as Sumsub would sign it; `at` is its createdAtMs. */
  webhook(applicantId: string, type: string, at?: Date, overrides?: Record<string, unknown>): StandInWebhook;
  deliver(webhook: StandInWebhook): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
};

export type StandInParameters = {
  appToken: string;
  secretKey: string;
  webhookSecret: string;
  /** How far X-App-Access-Ts may be from the stand-in's clock (default 60 s). */
  timestampToleranceSeconds?: number;
};

export async function startSumsubStandIn(parameters: StandInParameters): Promise<SumsubStandIn> {
  const tolerance = parameters.timestampToleranceSeconds ?? 60;
  const applicants = new Map<string, StandInApplicant>();
  const refusals: SumsubStandIn['refusals'] = [];
  const accepted: SumsubStandIn['accepted'] = [];

  const standIn: Omit<SumsubStandIn, 'url' | 'close'> = {
    applicants,
    refusals,
    accepted,
    delivered: [],
    webhookUrl: null,
    digestAlgorithm: 'HMAC_SHA256_HEX',
    webhook(applicantId, type, at = new Date(), overrides = {}) {
      const applicant = applicants.get(applicantId);
      const body = {
        applicantId,
        inspectionId: applicantId.split('').reverse().join(''),
        correlationId: randomBytes(16).toString('hex'),
        levelName: applicant?.levelName ?? 'basic-kyc-level',
        externalUserId: applicant?.externalUserId ?? 'unknown',
        type,
        sandboxMode: true,
        reviewStatus: applicant?.review.reviewStatus ?? 'init',
        ...(applicant?.review.reviewResult ? { reviewResult: applicant.review.reviewResult } : {}),
        createdAtMs: sumsubTime(at),
        clientId: 'cr8',
        ...overrides,
      };
      const rawBody = Buffer.from(JSON.stringify(body));
      return { rawBody, headers: { 'content-type': 'application/json', ...signPayload(parameters.webhookSecret, rawBody, standIn.digestAlgorithm) } };
    },
    async deliver(webhook) {
      if (!standIn.webhookUrl) throw new Error('no webhookUrl set');
      const response = await fetch(standIn.webhookUrl, { method: 'POST', headers: webhook.headers, body: new Uint8Array(webhook.rawBody) });
      standIn.delivered.push({ webhook, status: response.status });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
  };

  function refuse(response: ServerResponse, path: string, status: number, description: string): void {
    refusals.push({ path, description });
    send(response, status, { description, code: status, correlationId: randomBytes(16).toString('hex') });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = request.url ?? '/';
    const method = request.method ?? 'GET';

    const token = request.headers['x-app-token'];
    const ts = request.headers['x-app-access-ts'];
    const signature = request.headers['x-app-access-sig'];
    if (token !== parameters.appToken) return refuse(response, path, 401, 'App token is not valid');
    if (typeof ts !== 'string' || !/^\d{1,12}$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > tolerance) {
      return refuse(response, path, 401, 'Request timestamp is missing, malformed or too far from the server time');
    }
    const expected = Buffer.from(createHmac('sha256', parameters.secretKey).update(ts + method + path + body).digest('hex'));
    const given = Buffer.from(typeof signature === 'string' ? signature : '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse(response, path, 401, 'Request signature mismatch');
    accepted.push({ method, path });

    const url = new URL(path, 'http://stand-in');
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    let match: RegExpMatchArray | null;
    if (method === 'POST' && url.pathname === '/resources/applicants') {
      const levelName = url.searchParams.get('levelName');
      const externalUserId = json.externalUserId;
      if (!levelName || typeof externalUserId !== 'string') return send(response, 400, { description: 'levelName and externalUserId are required', code: 400 });
      const existing = [...applicants.values()].find((applicant) => applicant.externalUserId === externalUserId);
      if (existing) return send(response, 409, { description: `Applicant with external user id '${externalUserId}' already exists: ${existing.id}`, code: 409 });
      const applicant: StandInApplicant = { id: randomBytes(12).toString('hex'), externalUserId, levelName, createdAt: sumsubTime(new Date(), true), review: { reviewStatus: 'init' } };
      applicants.set(applicant.id, applicant);
      return send(response, 201, applicant);
    }
    if (method === 'POST' && url.pathname === '/resources/accessTokens/sdk') {
      if (typeof json.userId !== 'string' || typeof json.levelName !== 'string') return send(response, 400, { description: 'userId and levelName are required', code: 400 });
      return send(response, 200, { token: `_act-sbx-${randomBytes(16).toString('hex')}`, userId: json.userId });
    }
    if (method === 'GET' && (match = url.pathname.match(/^\/resources\/applicants\/([^/]+)\/one$/))) {
      const applicant = applicants.get(match[1]!);
      return applicant ? send(response, 200, applicant) : send(response, 404, { description: 'Applicant not found', code: 404 });
    }
    if (method === 'POST' && (match = url.pathname.match(/^\/resources\/applicants\/([^/]+)\/status\/testCompleted$/))) {
      const applicant = applicants.get(match[1]!);
      if (!applicant) return send(response, 404, { description: 'Applicant not found', code: 404 });
      const reviewedAt = new Date();
      applicant.review = { reviewStatus: 'completed', reviewDate: sumsubTime(reviewedAt, true), reviewResult: json as StandInApplicant['review']['reviewResult'] };
      // Sumsub sends the webhook asynchronously; the stand-in delivers it before answering, so a test
      // knows it has arrived.
      if (standIn.webhookUrl) await standIn.deliver(standIn.webhook(applicant.id, 'applicantReviewed', reviewedAt)).catch(() => {});
      return send(response, 200, { ok: 1 });
    }
    send(response, 404, { description: 'Not found', code: 404 });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, { description: 'stand-in failure', code: 500 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(standIn, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/** Sumsub's formats: createdAtMs "2020-02-21 13:23:19.321" (UTC); dates "2020-02-21 13:23:19+0000". */
function sumsubTime(date: Date, withZone = false): string {
  const iso = date.toISOString();
  return withZone ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}+0000` : `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
