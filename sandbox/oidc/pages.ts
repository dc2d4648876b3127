// Server-rendered HTML for the sandbox issuer: plain, accessible, no external
// resources (no fonts, scripts or images), readable in light and dark.
import { createHash } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts';

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// The one script: clicking a demo account's button fills the email field in place and moves to
// the password. Without it the same button still works: it is a GET form that reloads the page with
// the email filled in. Allowed by its hash, so the CSP still forbids every other script.
const FILL_SCRIPT = `document.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest('button[data-email]') : null;
  const email = document.getElementById('email');
  if (!b || !email) return;
  e.preventDefault();
  email.value = b.dataset.email;
  document.getElementById('password').focus();
});`;
const FILL_SCRIPT_HASH = `'sha256-${createHash('sha256').update(FILL_SCRIPT).digest('base64')}'`;

/** CSP for every page here: inline styles, the one hashed script, nothing loaded from anywhere. No form-action: Chromium applies it to the login POST's redirect to the console. */
export const PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src ${FILL_SCRIPT_HASH}; frame-ancestors 'none'; base-uri 'none'`;

// The console's look (app/globals.css and components/ui: Tailwind's sans stack, slate and blue,
// light and dark by prefers-color-scheme), written out as plain CSS: the sandbox has no build step.
const STYLES = `
:root { color-scheme: light dark; --fg: #0f172a; --bg: #f8fafc; --card: #ffffff; --card-border: #e2e8f0; --muted: #475569; --accent: #1d4ed8; --accent-hover: #1e40af; --on-accent: #ffffff; --focus: #2563eb; --link: #1d4ed8; --err-bg: #fef2f2; --err-fg: #991b1b; --err-border: #fecaca; --border: #cbd5e1; --input-bg: #ffffff; --secondary-fg: #1e293b; --secondary-hover: #f8fafc; }
@media (prefers-color-scheme: dark) { :root { --fg: #f1f5f9; --bg: #020617; --card: #0f172a; --card-border: #1e293b; --muted: #cbd5e1; --accent: #2563eb; --accent-hover: #1d4ed8; --on-accent: #ffffff; --focus: #60a5fa; --link: #93c5fd; --err-bg: #450a0a; --err-fg: #fecaca; --err-border: #7f1d1d; --border: #475569; --input-bg: #020617; --secondary-fg: #f1f5f9; --secondary-hover: #1e293b; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 ui-sans-serif, system-ui, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji"; color: var(--fg); background: var(--bg); -webkit-font-smoothing: antialiased; }
main { max-width: 26rem; margin: 3rem auto; padding: 0 1rem; }
.card { padding: 2rem; background: var(--card); border: 1px solid var(--card-border); border-radius: 0.5rem; box-shadow: 0 1px 2px rgb(0 0 0 / 0.05); }
h1 { font-size: 1.25rem; font-weight: 600; letter-spacing: -0.025em; margin: 0 0 0.5rem; }
h2 { font-size: 1rem; font-weight: 600; margin: 2rem 0 0.5rem; }
p, li, td, th { color: var(--fg); }
.muted { color: var(--muted); font-size: 0.875rem; }
label { display: block; font-size: 0.875rem; font-weight: 500; margin-top: 1rem; }
input { display: block; width: 100%; height: 2.5rem; margin-top: 0.25rem; padding: 0 0.75rem; font: inherit; font-size: 0.875rem; color: var(--fg); background: var(--input-bg); border: 1px solid var(--border); border-radius: 0.375rem; }
button { display: inline-flex; align-items: center; justify-content: center; height: 2.5rem; margin-top: 1.25rem; padding: 0 1rem; font: inherit; font-size: 0.875rem; font-weight: 500; color: var(--on-accent); background: var(--accent); border: 1px solid var(--accent); border-radius: 0.375rem; cursor: pointer; }
button:hover { background: var(--accent-hover); }
form.signin button[type="submit"] { width: 100%; }
button.secondary { color: var(--secondary-fg); background: var(--card); border-color: var(--border); }
button.secondary:hover { background: var(--secondary-hover); }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
[role="alert"] { margin: 1rem 0; padding: 0.75rem; font-size: 0.875rem; color: var(--err-fg); background: var(--err-bg); border: 1px solid var(--err-border); border-radius: 0.375rem; }
ul.accounts { list-style: none; margin: 0; padding: 0; }
ul.accounts li { display: flex; align-items: center; justify-content: space-between; gap: 0.75rem; padding: 0.375rem 0; border-top: 1px solid var(--card-border); }
ul.accounts form { margin: 0; }
ul.accounts button { margin: 0; height: 2rem; padding: 0 0.75rem; }
table { border-collapse: collapse; margin-top: 0.5rem; }
th, td { text-align: left; padding: 0.25rem 0.75rem 0.25rem 0; }
code { font-size: 0.95em; }
a { color: var(--link); }
`;

export function renderPage(title: string, body: string, opts: { script?: boolean } = {}): string {
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
${opts.script ? `<script>${FILL_SCRIPT}</script>\n` : ''}</body>
</html>`;
}

/** One button per demo account: a GET form back to this page with the email filled in (the script does it in place). */
function demoAccountButtons(pageUrl: string): string {
  const items = DEMO_ACCOUNTS.map(
    (a) => `<li><span>${escapeHtml(a.name)} <span class="muted">(${escapeHtml(a.groups.join(', ') || 'no group')})</span></span>
<form method="get" action="${escapeHtml(pageUrl)}"><button class="secondary" type="submit" name="email" value="${escapeHtml(a.email)}" data-email="${escapeHtml(a.email)}">Use ${escapeHtml(a.email)}</button></form></li>`,
  ).join('\n');
  return `<h2 id="demo-accounts">Demo accounts</h2>
<p class="muted">Password for every account: <code>${escapeHtml(DEMO_PASSWORD)}</code></p>
<ul class="accounts" aria-labelledby="demo-accounts">
${items}
</ul>`;
}

export function renderLoginPage(opts: { action: string; pageUrl: string; clientName: string; email?: string; error?: string }): string {
  const error = opts.error ? `<div role="alert" id="signin-error">${escapeHtml(opts.error)}</div>` : '';
  const described = opts.error ? ' aria-describedby="signin-error" aria-invalid="true"' : '';
  // With the email already given (a demo account's button, or a wrong password), the password is next.
  const focusEmail = opts.email ? '' : ' autofocus';
  const focusPassword = opts.email ? ' autofocus' : '';
  return renderPage(
    'Sign in – SCIM Sandbox',
    `<div class="card">
<h1>Sign in to the SCIM Sandbox</h1>
<p class="muted">to continue to ${escapeHtml(opts.clientName)}</p>
${error}
<form class="signin" method="post" action="${escapeHtml(opts.action)}" autocomplete="on">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required${focusEmail} value="${escapeHtml(opts.email ?? '')}"${described}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${focusPassword}${described}>
<button type="submit">Sign in</button>
</form>
${demoAccountButtons(opts.pageUrl)}
</div>`,
    { script: true },
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
