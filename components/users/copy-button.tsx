'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Copies a value to the clipboard and says so (the label stays the same for screen readers; a status announces it). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        className="h-6 px-2 text-xs"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          });
        }}
      >
        {label}
      </Button>
      <span role="status" className="text-xs">
        {copied ? 'Copied' : ''}
      </span>
    </>
  );
}
