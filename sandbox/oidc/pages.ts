// Server-rendered HTML for the sandbox issuer: plain, accessible, no external
// resources (no fonts, scripts or images), readable in light and dark.
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts';

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** CSP for every page here: inline styles only, nothing loaded from anywhere. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

const STYLES = `
:root { color-scheme: light dark; --fg: #1a1a1a; --bg: #ffffff; --muted: #555; --accent: #0b57d0; --err-bg: #fdecea; --err-fg: #8a1c12; --border: #8a8a8a; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececec; --bg: #16181c; --muted: #b4b4b4; --accent: #8ab4f8; --err-bg: #3b1512; --err-fg: #ffb4a9; --border: #8f8f8f; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
p, li, td, th { color: var(--fg); }
.muted { color: var(--muted); }
label { display: block; font-weight: 600; margin-top: 1rem; }
input { display: block; width: 100%; margin-top: 0.25rem; padding: 0.5rem; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; }
button { margin-top: 1.25rem; padding: 0.6rem 1.2rem; font: inherit; font-weight: 600; color: var(--bg); background: var(--accent); border: 2px solid var(--accent); border-radius: 4px; cursor: pointer; }
button.secondary { color: var(--accent); background: transparent; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
[role="alert"] { margin: 1rem 0; padding: 0.75rem; color: var(--err-fg); background: var(--err-bg); border-radius: 4px; }
table { border-collapse: collapse; margin-top: 0.5rem; }
th, td { text-align: left; padding: 0.25rem 0.75rem 0.25rem 0; }
code { font-size: 0.95em; }
a { color: var(--accent); }
`;

export function renderPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function demoAccountsTable(): string {
  const rows = DEMO_ACCOUNTS.map(
    (a) => `<tr><td><code>${escapeHtml(a.email)}</code></td><td>${escapeHtml(a.groups.join(', ') || '(none)')}</td></tr>`,
  ).join('\n');
  return `<table>
<caption class="muted">Password for every account: <code>${escapeHtml(DEMO_PASSWORD)}</code></caption>
<thead><tr><th scope="col">Email</th><th scope="col">Groups</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

export function renderLoginPage(opts: { action: string; clientName: string; email?: string; error?: string }): string {
  const error = opts.error ? `<div role="alert" id="signin-error">${escapeHtml(opts.error)}</div>` : '';
  const described = opts.error ? ' aria-describedby="signin-error" aria-invalid="true"' : '';
  return renderPage(
    'Sign in – SCIM Sandbox',
    `<h1>Sign in to the SCIM Sandbox</h1>
<p class="muted">to continue to ${escapeHtml(opts.clientName)}</p>
${error}
<form method="post" action="${escapeHtml(opts.action)}" autocomplete="on">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(opts.email ?? '')}"${described}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}>
<button type="submit">Sign in</button>
</form>
<h2>Demo accounts</h2>
${demoAccountsTable()}`,
  );
}

export function renderErrorPage(out: Record<string, unknown>): string {
  const items = Object.entries(out)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('\n');
  return renderPage('Sign-in error – SCIM Sandbox', `<h1>Something went wrong</h1>\n<div role="alert"><dl>${items}</dl></div>`);
}

export function renderLogoutPage(form: string, host: string): string {
  // `form` is oidc-provider's own hidden form (it carries the xsrf token); the buttons submit it.
  return renderPage(
    'Sign out – SCIM Sandbox',
    `<h1>Sign out of ${escapeHtml(host)}?</h1>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

export function renderLogoutSuccessPage(): string {
  return renderPage('Signed out – SCIM Sandbox', '<h1>Signed out</h1>\n<p>You have signed out of the SCIM Sandbox.</p>');
}
