export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-2xl font-semibold">SCIM Console</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-300">
        Manage whether accounts in a SCIM 2.0 service provider are active.
      </p>
    </main>
  );
}
