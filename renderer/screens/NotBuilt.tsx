/** A section whose feature has not landed yet: its name, and no pretend content. */
export function NotBuilt({ title }: { title: string }) {
  return (
    <>
      <header className="page-header"><h1>{title}</h1></header>
      <p className="empty">This part of Fieldbook is not built yet.</p>
    </>
  );
}
