import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'SCIM Console', template: '%s · SCIM Console' },
  description: 'Find accounts in a SCIM 2.0 service provider and change whether they are active.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so Next can put this response's CSP nonce
  // (proxy.ts) on its scripts; a prerendered page would carry a stale one.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
