'use client';

import { useEffect, useState } from 'react';
import { holdSignInRedirect } from '@/lib/api-request';
import { SIGNED_OUT_KEY, SIGNED_OUT_PATH } from '@/lib/sign-in-url';
import { signOut } from '@/lib/sign-out';
import { Button } from '@/components/ui/button';

export function SignOutButton({ variant = 'secondary' }: { variant?: 'secondary' | 'primary' }) {
  const [pending, setPending] = useState(false);
  // Shown only to a signed-in viewer: whoever signed out before has signed in again since.
  useEffect(() => {
    try {
      localStorage.removeItem(SIGNED_OUT_KEY);
    } catch {
      // Storage blocked: the signedOut URL parameter still forces the next sign-in.
    }
  }, []);
  return (
    <Button
      variant={variant}
      size="sm"
      disabled={pending}
      onClick={() => {
        setPending(true);
        try {
          localStorage.setItem(SIGNED_OUT_KEY, '1');
        } catch {
          // Storage blocked: the signedOut URL parameter still forces the next sign-in.
        }
        const release = holdSignInRedirect();
        // Ends the console's session only; the sign-in page then makes the identity provider ask for credentials again.
        signOut(SIGNED_OUT_PATH).catch(() => {
          release();
          setPending(false);
        });
      }}
    >
      Sign out
    </Button>
  );
}
