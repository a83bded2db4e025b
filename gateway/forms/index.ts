import { Router, type Request, type Response } from 'express';
import { answerPdf } from './answer';
import { apologyPdf } from './apology';
import { controlSlipPdf } from './control-slip';
import { FORM_DOSSIER_FIELDS, FORM_GUIDANCE_FIELDS, isReceived, type FormDossier, type FormGuidanceSlip, type ReceivedDossier } from './dossier-form';
import { guidancePdf } from './guidance';
import { LEDGER_FIELDS, ledgerPdf, ledgerXlsx, type LedgerRow } from './ledger';
import { receiptPdf } from './receipt';
import { refusalPdf } from './refusal';
import { stopPdf } from './stop';
import { supplementPdf } from './supplement';
import { currentRequest, REQUEST_ID_HEADER } from '../../subgraphs/common/log';

/**
 * The printed forms, served by the gateway: `GET /forms/<form>/<code>.pdf` and
 * `GET /forms/ledger.(xlsx|pdf)?desk=&field=&year=`. Each is filled from the federated graph asked as the
 * caller (the same Authorization header), so whoever may read the dossier may print its forms, and nobody
 * else can.
 */

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, SERVICE_UNAVAILABLE: 503 };

class FormError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

type DossierForm = (dossier: FormDossier) => Promise<Buffer | null>;
/** A form of a received dossier: a SUBMITTED one has none (404). */
const received = (render: (dossier: ReceivedDossier) => Promise<Buffer | null>): DossierForm => (dossier) => (isReceived(dossier) ? render(dossier) : Promise.resolve(null));
const DOSSIER_FORMS: Record<string, DossierForm> = {
  receipt: received(receiptPdf),
  'control-slip': received(controlSlipPdf),
  apology: received(apologyPdf),
  supplement: received(supplementPdf),
  answer: received(answerPdf),
  refusal: refusalPdf,
  stop: stopPdf,
};

/** A form's code as the path gives it; a malformed escape (`%zz`) is the caller's bad input, not a server error. */
function decodedKey(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new FormError(400, 'BAD_USER_INPUT', 'The form’s code in the path is not a valid URL component.');
  }
}

/**
 * A guidance slip by its id (`<desk>-<year>-<serial>`), or by the number printed on it, “<n>/HDHS”, with
 * `?desk=` and, for another year than this one, `?year=` (numbers run per desk and year).
 */
function guidanceId(key: string, desk: unknown, year: unknown): string {
  const number = /^(\d+)\/HDHS$/i.exec(key);
  if (!number) return key;
  if (typeof desk !== 'string' || !desk) throw new FormError(400, 'BAD_USER_INPUT', `Guidance slip numbers run per desk: /forms/guidance/${encodeURIComponent(key)}.pdf?desk=<agency code>`);
  const thisYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  return `${desk}-${typeof year === 'string' && /^\d{4}$/.test(year) ? year : thisYear}-${number[1]}`;
}

export function formsRouter(graphqlUrl: () => string): Router {
  const router = Router();

  async function ask<T>(req: Request, query: string, variables: Record<string, unknown>): Promise<T> {
    const authorization = req.header('authorization');
    const response = await fetch(graphqlUrl(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
        // The form's request id: one id in the log for the form and its query, served even while stopping.
        ...(currentRequest() ? { [REQUEST_ID_HEADER]: currentRequest()!.requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    const error = body.errors?.[0];
    if (error) {
      const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
      throw new FormError(STATUS[code] ?? 502, code, error.message);
    }
    return body.data as T;
  }

  /** A desk's address and phone as the register held them at an instant. */
  async function deskAsOf(req: Request, desk: string, at: string) {
    const { agency } = await ask<{ agency: { asOf: { address: string | null; phone: string | null } } | null }>(
      req,
      `query ($desk: ID!, $at: DateTime!) { agency(code: $desk) { asOf(at: $at) { address phone } } }`,
      { desk, at },
    );
    return agency?.asOf;
  }

  const send = (res: Response, type: 'pdf' | 'xlsx', name: string, content: Buffer) =>
    res
      .type(type === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .set('content-disposition', `inline; filename="${name.replace(/[^\w.-]/g, '_')}.${type}"`)
      .send(content);

  const fail = (res: Response, error: unknown) => {
    if (error instanceof FormError) res.status(error.status).json({ error: error.code, message: error.message });
    else res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', message: (error as Error).message });
  };

  for (const format of ['xlsx', 'pdf'] as const) {
    router.get(`/forms/ledger.${format}`, async (req, res) => {
      try {
        const desk = String(req.query.desk ?? '');
        const field = String(req.query.field ?? '');
        const year = Number(req.query.year);
        if (!desk || !field || !Number.isInteger(year)) throw new FormError(400, 'BAD_USER_INPUT', 'Give desk, field and year: /forms/ledger.' + format + '?desk=&field=&year=');
        // The book is headed with the desk's name as it was in that year (its last day, or today).
        const endOfYear = new Date(`${year + 1}-01-01T00:00:00+07:00`).getTime() - 1;
        const asOf = new Date(Math.min(Date.now(), Number.isNaN(endOfYear) ? Date.now() : endOfYear)).toISOString();
        const data = await ask<{ ledger: LedgerRow[]; agency: { nameAt: string } | null }>(
          req,
          `query ($desk: ID!, $field: String!, $year: Int!, $asOf: DateTime!) { ledger(desk: $desk, field: $field, year: $year) { ${LEDGER_FIELDS} } agency(code: $desk) { nameAt(at: $asOf) } }`,
          { desk, field, year, asOf },
        );
        const book = { deskName: data.agency?.nameAt ?? desk, field, year, rows: data.ledger };
        send(res, format, `so-theo-doi-${desk}-${year}`, format === 'xlsx' ? await ledgerXlsx(book) : await ledgerPdf(book));
      } catch (error) {
        fail(res, error);
      }
    });
  }

  router.get('/forms/:form/:file', async (req, res) => {
    try {
      const { form, file } = req.params;
      if (!file.endsWith('.pdf')) throw new FormError(404, 'NOT_FOUND', 'Forms are served as <code>.pdf.');
      const key = decodedKey(file.slice(0, -'.pdf'.length));
      if (form === 'guidance') {
        const id = guidanceId(key, req.query.desk, req.query.year);
        const { guidanceSlip } = await ask<{ guidanceSlip: FormGuidanceSlip | null }>(req, `query ($id: ID!) { guidanceSlip(id: $id) { ${FORM_GUIDANCE_FIELDS} } }`, { id });
        if (!guidanceSlip) throw new FormError(404, 'NOT_FOUND', `Guidance slip ${key} does not exist.`);
        guidanceSlip.desk.asOf = await deskAsOf(req, guidanceSlip.desk.code, guidanceSlip.issuedAt);
        return send(res, 'pdf', `huong-dan-${id}`, await guidancePdf(guidanceSlip));
      }
      const render = DOSSIER_FORMS[form];
      if (!render) throw new FormError(404, 'NOT_FOUND', `There is no form called ${form}.`);
      const { dossier } = await ask<{ dossier: FormDossier | null }>(req, `query ($code: ID!) { dossier(code: $code) { ${FORM_DOSSIER_FIELDS} } }`, { code: key });
      if (!dossier) throw new FormError(404, 'NOT_FOUND', `Dossier ${key} does not exist.`);
      // The desk's address and phone as the register held them on the day of receipt.
      dossier.desk.asOf = await deskAsOf(req, dossier.desk.code, dossier.receivedAt);
      const pdf = await render(dossier);
      if (!pdf) throw new FormError(404, 'NOT_FOUND', `Dossier ${key} has no ${form} form.`);
      send(res, 'pdf', `${form}-${key}`, pdf);
    } catch (error) {
      fail(res, error);
    }
  });

  return router;
}
