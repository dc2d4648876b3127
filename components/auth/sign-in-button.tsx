'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { SIGNED_OUT_KEY } from '../../lib/sign-in-url';

type SignInButtonProps = {
  providerId: string;
  providerName: string;
  callbackUrl: string;
  /** Right after Sign out (also remembered in localStorage, see SIGNED_OUT_KEY): make the identity provider ask for credentials instead of reusing its own session. */
  forceLogin?: boolean;
};

export function SignInButton({ providerId, providerName, callbackUrl, forceLogin = false }: SignInButtonProps) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="primary"
      className="w-full"
      aria-busy={pending || undefined}
      disabled={pending}
      onClick={() => {
        setPending(true);
        // Leaves the page for the identity provider; reset if that fails so the button works again.
        const prompt = forceLogin || signedOutHere() ? { prompt: 'login' } : undefined;
        signIn(providerId, { callbackUrl }, prompt).catch(() => setPending(false));
      }}
    >
      {`Sign in with ${providerName}`}
    </Button>
  );
}

function signedOutHere(): boolean {
  try {
    return localStorage.getItem(SIGNED_OUT_KEY) === '1';
  } catch {
    return false;
  }
}
