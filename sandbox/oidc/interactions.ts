// The issuer's own interaction pages: a login form, and automatic consent for
// the sandbox's first-party clients (no consent screen).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { checkCredentials, findAccountBySub } from './accounts';
import { PAGE_CSP, renderErrorPage, renderLoginPage } from './pages';

const MAX_FORM_BYTES = 16 * 1024;

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

export function createInteractionHandler(provider: Provider, opts: { mountPath: string }) {
  const pattern = new RegExp(`^${escapeRegExp(opts.mountPath)}/interaction/([A-Za-z0-9_-]+)(/login)?$`);

  return async function handleInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const match = pattern.exec(pathname);
    if (!match) return sendHtml(res, 404, renderErrorPage({ error: 'not_found', error_description: 'No such page.' }));
    const [, uid, loginSuffix] = match;

    let interaction: InteractionDetails;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch {
      return sendHtml(
        res,
        400,
        renderErrorPage({
          error: 'session_expired',
          error_description: 'This sign-in attempt has expired or was started in another browser. Go back to the app and sign in again.',
        }),
      );
    }
    // The signed interaction cookie must belong to this URL; a mismatch is a stale tab or a forged link.
    if (interaction.uid !== uid) {
      return sendHtml(
        res,
        400,
        renderErrorPage({ error: 'invalid_request', error_description: 'This sign-in page does not match your current sign-in attempt.' }),
      );
    }

    const { prompt } = interaction;
    const pageUrl = `${opts.mountPath}/interaction/${interaction.uid}`;
    const action = `${pageUrl}/login`;
    const clientName = await clientDisplayName(provider, interaction);

    if (prompt.name === 'login') {
      if (req.method === 'GET' && !loginSuffix) {
        // ?email= comes from a demo account's button: it only fills the field.
        const email = new URL(req.url ?? '/', 'http://x').searchParams.get('email')?.slice(0, 320) ?? undefined;
        return sendHtml(res, 200, renderLoginPage({ action, pageUrl, clientName, email }));
      }
      if (req.method === 'POST' && loginSuffix) {
        const form = await readForm(req);
        if (!form)
          return sendHtml(res, 400, renderErrorPage({ error: 'invalid_request', error_description: 'The form could not be read.' }));
        const email = form.get('email') ?? '';
        const account = checkCredentials(email, form.get('password') ?? '');
        if (!account) {
          return sendHtml(res, 401, renderLoginPage({ action, pageUrl, clientName, email, error: 'Wrong email or password.' }));
        }
        await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      return methodNotAllowed(res);
    }

    if (prompt.name === 'consent') {
      // First-party clients: consent is implied; each account is granted only the SCIM scopes its role allows.
      const grantId = await grantConsent(provider, interaction);
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }

    return sendHtml(res, 400, renderErrorPage({ error: 'invalid_request', error_description: `Unsupported prompt ${prompt.name}.` }));
  };
}

async function grantConsent(provider: Provider, interaction: InteractionDetails): Promise<string> {
  const accountId = interaction.session?.accountId;
  const account = accountId ? findAccountBySub(accountId) : undefined;
  if (!account) throw new Error('consent without a signed-in demo account');
  const clientId = String(interaction.params.client_id);

  const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId: account.sub, clientId });

  const details = interaction.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (details.missingOIDCScope?.length) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    const allowed = scopes.filter((s) => (account.scimScopes as readonly string[]).includes(s));
    const denied = scopes.filter((s) => !allowed.includes(s));
    if (allowed.length) grant.addResourceScope(indicator, allowed.join(' '));
    // Recording the denial keeps oidc-provider from asking for consent again in a loop.
    if (denied.length) grant.rejectResourceScope(indicator, denied.join(' '));
  }
  return grant.save();
}

async function clientDisplayName(provider: Provider, interaction: InteractionDetails): Promise<string> {
  const client = await provider.Client.find(String(interaction.params.client_id));
  return client?.clientName ?? client?.clientId ?? 'the application';
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(html);
}

function methodNotAllowed(res: ServerResponse): void {
  res.setHeader('Allow', 'GET, POST');
  sendHtml(res, 405, renderErrorPage({ error: 'method_not_allowed', error_description: 'Method not allowed.' }));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
