'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

type SignInButtonProps = { providerId: string; providerName: string; callbackUrl: string };

export function SignInButton({ providerId, providerName, callbackUrl }: SignInButtonProps) {
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
        signIn(providerId, { callbackUrl }).catch(() => setPending(false));
      }}
    >
      {`Sign in with ${providerName}`}
    </Button>
  );
}
