import { Fragment } from 'react';

/**
 * An email or userName that wraps only after its `@` and before its dots, never
 * mid-word: `<wbr>` marks where a narrow column may break it.
 */
export function BreakableEmail({ value }: { value: string }) {
  const parts = value.split(/(?<=@)|(?=\.)/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}
